package cl.cobranza.core.oracle;

import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.kpi.DaysPastDue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * One live invoice with its live credit notes and payments, and the per-invoice rules of docs/kpis.md
 * ("Per invoice, as of d"), each computed directly from the dated facts every time it is asked.
 */
final class InvoiceHistory {
    /** A credit note or payment reduced to what the KPIs use: its business date and amount. */
    record Dated(LocalDate date, long amountClp) {
    }

    private final String invoiceId;
    private final LocalDate issueDate;
    private final LocalDate dueDate;
    private final long totalClp;
    private final List<Dated> creditNotes;
    private final List<Dated> payments;
    /** open(p) and c depend only on the (fixed) resolved facts, so they are worked out once. */
    private final long openAtPlacement;
    private final LocalDate closeDay;

    InvoiceHistory(InvoiceChanged header, List<Dated> creditNotes, List<Dated> payments) {
        this.invoiceId = header.invoiceId();
        this.issueDate = header.issueDate();
        this.dueDate = DaysPastDue.effectiveDueDate(header.issueDate(), header.dueDate());
        this.totalClp = header.totalClp();
        this.creditNotes = sorted(creditNotes);
        this.payments = sorted(payments);
        this.openAtPlacement = openOn(dueDate);
        this.closeDay = firstDayWithNothingOpen();
    }

    private static List<Dated> sorted(List<Dated> facts) {
        List<Dated> copy = new ArrayList<>(facts);
        copy.sort(Comparator.comparing(Dated::date));
        return List.copyOf(copy);
    }

    String invoiceId() {
        return invoiceId;
    }

    LocalDate issueDate() {
        return issueDate;
    }

    LocalDate dueDate() {
        return dueDate;
    }

    long totalClp() {
        return totalClp;
    }

    /** The earliest business date of the invoice or any of its facts. */
    LocalDate firstDate() {
        LocalDate first = issueDate;
        for (Dated f : creditNotes) {
            first = f.date().isBefore(first) ? f.date() : first;
        }
        for (Dated f : payments) {
            first = f.date().isBefore(first) ? f.date() : first;
        }
        return first;
    }

    /** open(d) = 0 before the issue date, else max(0, total − credit notes dated ≤ d − payments dated ≤ d). */
    long openOn(LocalDate d) {
        if (d.isBefore(issueDate)) {
            return 0;
        }
        return Math.max(0, totalClp - creditNotesIn(LocalDate.MIN, d) - paymentsIn(LocalDate.MIN, d));
    }

    /** DPD(d) = max(0, d − due). */
    long daysPastDue(LocalDate d) {
        return DaysPastDue.of(dueDate, d);
    }

    /** Credit notes dated in [from, to]. */
    long creditNotesIn(LocalDate from, LocalDate to) {
        return sum(creditNotes, from, to);
    }

    /** Payments dated in [from, to]. */
    long paymentsIn(LocalDate from, LocalDate to) {
        return sum(payments, from, to);
    }

    private static long sum(List<Dated> facts, LocalDate from, LocalDate to) {
        long sum = 0;
        for (Dated f : facts) {
            if (!f.date().isBefore(from) && !f.date().isAfter(to)) {
                sum += f.amountClp();
            }
        }
        return sum;
    }

    /** p = due + 1, the day the invoice would be placed in collection. */
    LocalDate placementDay() {
        return dueDate.plusDays(1);
    }

    /** B = open(due): the balance that becomes overdue on p (payments on p are recoveries). */
    long openAtPlacement() {
        return openAtPlacement;
    }

    /** Placed ⇔ B > 0. */
    boolean isPlaced() {
        return openAtPlacement() > 0;
    }

    /** Placed amount = max(0, B − credit notes dated on or after p). */
    long placedClp() {
        return Math.max(0, openAtPlacement() - creditNotesIn(placementDay(), LocalDate.MAX));
    }

    /** recovered-by(x) = min(B, payments dated in [p, x]); 0 when x is before p or the invoice is not placed. */
    long recoveredBy(LocalDate x) {
        LocalDate p = placementDay();
        if (x.isBefore(p)) {
            return 0;
        }
        return Math.min(openAtPlacement(), paymentsIn(p, x));
    }

    /** Cohort recovery within N days = min(placed amount, payments dated in [p, p + N − 1]). */
    long recoveredWithin(int days) {
        LocalDate p = placementDay();
        return Math.min(placedClp(), paymentsIn(p, p.plusDays(days - 1L)));
    }

    /** c = the first day ≥ issue date with open(c) = 0, or null if the known facts never close it. */
    LocalDate closeDay() {
        return closeDay;
    }

    /** The open balance only changes on the issue date and on fact dates, so those are the only candidates for c. */
    private LocalDate firstDayWithNothingOpen() {
        TreeSet<LocalDate> candidates = new TreeSet<>();
        candidates.add(issueDate);
        for (Dated f : creditNotes) {
            candidates.add(f.date());
        }
        for (Dated f : payments) {
            candidates.add(f.date());
        }
        for (LocalDate c : candidates.tailSet(issueDate, true)) {
            if (openOn(c) == 0) {
                return c;
            }
        }
        return null;
    }

    /** Weight at close = total − credit notes dated ≤ c. */
    long weightAtClose(LocalDate c) {
        return totalClp - creditNotesIn(LocalDate.MIN, c);
    }
}
