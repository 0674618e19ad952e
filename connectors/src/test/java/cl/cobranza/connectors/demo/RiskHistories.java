package cl.cobranza.connectors.demo;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.risk.DebtorInvoice;
import cl.cobranza.core.risk.RiskEvaluation;
import cl.cobranza.core.risk.RiskModel;
import cl.cobranza.core.risk.RiskTrainer;
import cl.cobranza.core.risk.RiskTrainer.DebtorHistory;
import cl.cobranza.core.state.Activity.Movement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns generated demo histories ({@link DemoHistory}, with collection work) into the risk model's inputs, one
 * {@link DebtorHistory} per debtor, and runs the train / hold-out evaluation on them. Bounced cheques (reversed
 * payments) are left out, as the platform's live payments leave them out.
 */
final class RiskHistories {
    /** Observations start this many days into the history, so that debtors have some past. */
    static final int WARM_UP_DAYS = 28;
    /** The held-out observations: the last 4 weekly observation days whose labels are complete. */
    static final int HOLDOUT_DAYS = 28;

    private RiskHistories() {
    }

    /** A generated client's debtors with their invoices; debtor ids are prefixed with the client's seed. */
    static List<DebtorHistory> of(long clientSeed, DemoHistory h) {
        List<List<Movement>> moves = new ArrayList<>();
        List<List<DebtorInvoice.Contact>> contacts = new ArrayList<>();
        List<List<PromiseToPay>> promises = new ArrayList<>();
        for (int i = 0; i < h.invoices.size(); i++) {
            moves.add(new ArrayList<>());
            contacts.add(new ArrayList<>());
            promises.add(new ArrayList<>());
        }
        for (DemoHistory.CreditNote n : h.creditNotes) {
            moves.get(n.invoice()).add(new Movement(n.on(), Movement.Kind.CREDIT_NOTE, n.amountClp()));
        }
        for (DemoHistory.Payment p : h.payments) {
            if (!p.reversed()) {
                moves.get(p.invoice()).add(new Movement(p.on(), Movement.Kind.PAYMENT, p.amountClp()));
            }
        }
        for (DemoHistory.Action a : h.actions) {
            contacts.get(a.invoice()).add(new DebtorInvoice.Contact(a.on(), channel(a.channel()), outcome(a.outcome())));
        }
        for (DemoHistory.Promise p : h.promises) {
            promises.get(p.invoice()).add(new PromiseToPay(p.madeOn(), p.promisedOn(), p.amountClp()));
        }
        List<List<DebtorInvoice>> byDebtor = new ArrayList<>();
        for (int c = 0; c < h.customers.size(); c++) {
            byDebtor.add(new ArrayList<>());
        }
        for (int i = 0; i < h.invoices.size(); i++) {
            DemoHistory.Invoice inv = h.invoices.get(i);
            byDebtor.get(inv.customer()).add(new DebtorInvoice(inv.dte() + "-" + inv.folio(), inv.issued(), inv.due(),
                    inv.totalClp(), moves.get(i), contacts.get(i), promises.get(i)));
        }
        List<DebtorHistory> out = new ArrayList<>();
        for (int c = 0; c < h.customers.size(); c++) {
            out.add(new DebtorHistory(clientSeed + "/" + c, h.customers.get(c).profile().isPerson(), byDebtor.get(c)));
        }
        return out;
    }

    private static Channel channel(String name) {
        Channel c = Channel.parse(name);
        if (c == null) {
            throw new IllegalArgumentException("demo channel " + name + " is not a Channel");
        }
        return c;
    }

    private static Outcome outcome(String name) {
        Outcome o = Outcome.parse(name);
        if (o == null) {
            throw new IllegalArgumentException("demo outcome " + name + " is not an Outcome");
        }
        return o;
    }

    /** Examples of every debtor of {@code clients} generated clients (seeds 1, 2, …), observed weekly. */
    static List<RiskTrainer.Example> examples(int clients, int customers, int invoices, LocalDate today, int graceDays) {
        List<RiskTrainer.Example> all = new ArrayList<>();
        for (long seed = 1; seed <= clients; seed++) {
            DemoHistory h = DemoHistory.generate(seed, customers, invoices, today, true);
            LocalDate start = today.minusDays(DemoHistory.HISTORY_DAYS);
            all.addAll(RiskTrainer.examples(of(seed, h), start.plusDays(WARM_UP_DAYS), today, RiskTrainer.STEP_DAYS,
                    RiskTrainer.HORIZON_DAYS, graceDays));
        }
        return all;
    }

    /** The model fitted on the split's training part and its held-out evaluation. */
    static RiskTrainer.Run run(List<RiskTrainer.Example> examples, String version, int graceDays,
                               Function<RiskTrainer.Split, List<String>> notes) {
        return RiskTrainer.train(examples, HOLDOUT_DAYS, version, graceDays, notes);
    }
}
