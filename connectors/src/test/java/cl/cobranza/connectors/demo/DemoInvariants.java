package cl.cobranza.connectors.demo;

import cl.cobranza.connectors.demo.DemoDatabases.Action;
import cl.cobranza.connectors.demo.DemoDatabases.Invoice;
import cl.cobranza.connectors.demo.DemoDatabases.Payment;
import cl.cobranza.connectors.demo.DemoDatabases.Promise;
import cl.cobranza.connectors.demo.DemoDatabases.Rows;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants every generated history must keep, seeded or live: contact limits, and promises kept as drawn. */
final class DemoInvariants {
    private DemoInvariants() {
    }

    /** Ley 19.496 on every debtor: no Sundays, calls and visits 7 days apart, other contacts ≤ 2 a week and 2 days apart, none after a lawsuit. */
    static void assertLegalContacts(Rows rows) {
        Map<Long, List<Action>> byDebtor = new HashMap<>();
        for (Action a : rows.actions()) {
            byDebtor.computeIfAbsent(rows.invoices().get(a.invoice()).customer(), k -> new ArrayList<>()).add(a);
        }
        for (Map.Entry<Long, List<Action>> e : byDebtor.entrySet()) {
            List<Action> acts = e.getValue();
            acts.sort((x, y) -> x.on().compareTo(y.on()));
            LocalDate lastTalk = null;
            List<LocalDate> messages = new ArrayList<>();
            LocalDate sued = null;
            for (Action a : acts) {
                assertThat(a.on().getDayOfWeek()).isNotEqualTo(DayOfWeek.SUNDAY);
                assertThat(sued).as("debtor %d contacted after a lawsuit", e.getKey()).isNull();
                if (a.channel().equals("CALL") || a.channel().equals("VISIT")) {
                    if (lastTalk != null) {
                        assertThat(a.on()).as("debtor %d called twice in a week", e.getKey()).isAfterOrEqualTo(lastTalk.plusDays(7));
                    }
                    lastTalk = a.on();
                } else if (a.channel().equals("LEGAL_FILING")) {
                    sued = a.on();
                } else {
                    long inWeek = messages.stream().filter(m -> m.isAfter(a.on().minusDays(7))).count();
                    assertThat(inWeek).as("debtor %d: messages in the week to %s", e.getKey(), a.on()).isLessThan(2);
                    if (!messages.isEmpty()) {
                        assertThat(a.on()).isAfterOrEqualTo(messages.get(messages.size() - 1).plusDays(2));
                    }
                    messages.add(a.on());
                }
            }
        }
    }

    /**
     * Judged as the promise-kept KPI does (payments in [made on, promised date + 3 days] ≥ the promised amount, once
     * the grace has run out by {@code asOf}), every promise is kept exactly when the debtor's drawn fate says so;
     * returns how many promises were judged.
     */
    static int assertPromisesKeptAsDrawn(Rows rows, LocalDate asOf) {
        int judged = 0;
        for (Promise q : rows.promises()) {
            Invoice inv = rows.invoices().get(q.invoice());
            if (inv == null || q.promisedOn().plusDays(3).isAfter(asOf)) {
                continue; // a deleted invoice, or still pending
            }
            long inWindow = rows.paymentsOf(q.invoice()).stream().filter(p -> !p.reversed())
                    .filter(p -> !p.paidOn().isBefore(q.madeOn()) && !p.paidOn().isAfter(q.promisedOn().plusDays(3)))
                    .mapToLong(Payment::amount).sum();
            boolean drawn = PromiseFate.of(rows.profiles().get(inv.customer()), inv.dte(), inv.folio(), q.madeOn(),
                    q.promisedOn()).kept();
            assertThat(inWindow >= q.amount()).as("promise %s kept (payments in its window: %d)", q, inWindow)
                    .isEqualTo(drawn);
            judged++;
        }
        return judged;
    }
}
