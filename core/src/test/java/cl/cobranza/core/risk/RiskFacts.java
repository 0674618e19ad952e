package cl.cobranza.core.risk;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.state.Activity.Movement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Test-data builder for the risk model's inputs: {@code invoice("A").issued(JAN_1).due(JAN_31).total(1_000_000).paid(FEB_10, 1_000_000)}. */
final class RiskFacts {
    private RiskFacts() {
    }

    static Builder invoice(String id) {
        return new Builder(id);
    }

    /** Builds one {@link DebtorInvoice}. */
    static final class Builder {
        private final String id;
        private LocalDate issued;
        private LocalDate due;
        private long total;
        private final List<Movement> moves = new ArrayList<>();
        private final List<DebtorInvoice.Contact> contacts = new ArrayList<>();
        private final List<PromiseToPay> promises = new ArrayList<>();

        private Builder(String id) {
            this.id = id;
        }

        Builder issued(LocalDate d) {
            issued = d;
            return this;
        }

        Builder due(LocalDate d) {
            due = d;
            return this;
        }

        Builder total(long clp) {
            total = clp;
            return this;
        }

        Builder paid(LocalDate d, long clp) {
            moves.add(new Movement(d, Movement.Kind.PAYMENT, clp));
            return this;
        }

        Builder credited(LocalDate d, long clp) {
            moves.add(new Movement(d, Movement.Kind.CREDIT_NOTE, clp));
            return this;
        }

        Builder contact(LocalDate d, Channel c, Outcome o) {
            contacts.add(new DebtorInvoice.Contact(d, c, o));
            return this;
        }

        Builder promise(LocalDate madeOn, LocalDate promised, long clp) {
            promises.add(new PromiseToPay(madeOn, promised, clp));
            return this;
        }

        DebtorInvoice build() {
            return new DebtorInvoice(id, issued, due, total, moves, contacts, promises);
        }
    }
}
