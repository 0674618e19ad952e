package cl.cobranza.core.kpi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sums the KPI rows of several clients into one row of a group (a set of clients, or the whole agency):
 * every component (AR, sales, numerators, denominators) is added and the ratios come from the sums through
 * the records' own accessors, never from averaging the clients' ratios (docs/kpis.md, "Roll-ups"). The
 * countback DSO is walked again on the group's AR and the group's sales, which the caller passes.
 */
public final class Rollup {
    private Rollup() {
    }

    /** Client rows that cannot be added up (different days, months or bucket edges): the message names them. */
    public static final class IncompatibleRowsException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        IncompatibleRowsException(String message) {
            super(message);
        }
    }

    /**
     * The group's row as of one day. {@code groupMonthToDateSales} = the members' credit sales from the first
     * of the day's month to the day (inclusive); {@code groupSalesByMonth} = their sales per earlier calendar
     * month (the 35 months before the day's month are read). Aging is added bucket by bucket, so every row
     * must have the same number of buckets (the same aging edges).
     */
    public static DailyKpis daily(String groupId, List<DailyKpis> rowsOfOneDay, long groupMonthToDateSales,
                                  Map<YearMonth, Long> groupSalesByMonth) {
        requireRows(groupId, rowsOfOneDay);
        Objects.requireNonNull(groupSalesByMonth, "groupSalesByMonth");
        DailyKpis first = rowsOfOneDay.get(0);
        LocalDate day = first.day();
        int buckets = first.agingClp().length;
        long open = 0;
        long openInvoices = 0;
        long overdue = 0;
        long overdueInvoices = 0;
        long[] aging = new long[buckets];
        long overdueClpDays = 0;
        long sales = 0;
        long creditNotes = 0;
        long collected = 0;
        long sales90 = 0;
        long version = 0;
        Set<String> seen = new HashSet<>();
        for (DailyKpis r : rowsOfOneDay) {
            distinct(groupId, seen, r.clientId());
            if (!r.day().equals(day)) {
                throw new IncompatibleRowsException("Group '" + groupId + "': daily rows of different days cannot be "
                        + "added (" + first.clientId() + " " + day + ", " + r.clientId() + " " + r.day()
                        + "); pass the members' rows of one day");
            }
            if (r.agingClp().length != buckets) {
                throw new IncompatibleRowsException("Group '" + groupId + "': " + first.clientId() + " has " + buckets
                        + " aging buckets and " + r.clientId() + " has " + r.agingClp().length + " on " + day
                        + "; aging adds up only when the clients share the bucket edges: give them the same edges or "
                        + "report them in separate groups");
            }
            open += r.openClp();
            openInvoices += r.openInvoices();
            overdue += r.overdueClp();
            overdueInvoices += r.overdueInvoices();
            for (int b = 0; b < buckets; b++) {
                aging[b] += r.agingClp()[b];
            }
            overdueClpDays += r.overdueClpDays();
            sales += r.salesClp();
            creditNotes += r.creditNotesClp();
            collected += r.collectedClp();
            sales90 += r.sales90Clp();
            version = Math.max(version, r.version());
        }
        if (groupMonthToDateSales < sales) {
            throw new IllegalArgumentException("Group '" + groupId + "': month-to-date sales " + groupMonthToDateSales
                    + " are less than the sales of " + day + " alone (" + sales + "); pass the sales from "
                    + day.withDayOfMonth(1) + " to " + day + " inclusive");
        }
        double dso = Formulas.dsoCountback(open, day, groupMonthToDateSales, groupSalesByMonth);
        return new DailyKpis(groupId, day, open, openInvoices, overdue, overdueInvoices, aging, overdueClpDays, sales,
                creditNotes, collected, sales90, dso, version);
    }

    /**
     * The group's row of one calendar month. Period-0 sales of the countback are the members' sales of the
     * period (the sum of the rows); earlier months come from {@code groupSalesByMonth} (the 35 months before).
     * Rows of the current month may have been computed on different days (a member's stream behind the
     * others): the group's period end and as-of day are then the latest of its members'.
     */
    public static MonthlyKpis monthly(String groupId, List<MonthlyKpis> rowsOfOneMonth, Map<YearMonth, Long> groupSalesByMonth) {
        requireRows(groupId, rowsOfOneMonth);
        Objects.requireNonNull(groupSalesByMonth, "groupSalesByMonth");
        MonthlyKpis first = rowsOfOneMonth.get(0);
        MonthlyKpis sum = null;
        Set<String> seen = new HashSet<>();
        for (MonthlyKpis r : rowsOfOneMonth) {
            distinct(groupId, seen, r.clientId());
            if (!r.month().equals(first.month())) {
                throw new IncompatibleRowsException("Group '" + groupId + "': monthly rows of different months cannot be "
                        + "added (" + first.clientId() + " " + first.month() + ", " + r.clientId() + " " + r.month()
                        + "); pass the members' rows of one month");
            }
            sum = sum == null ? r : plus(sum, r);
        }
        double dso = Formulas.dsoCountback(sum.arEndClp(), sum.periodEnd(), sum.salesClp(), groupSalesByMonth);
        return new MonthlyKpis(groupId, sum.month(), sum.periodEnd(), sum.asOf(), sum.arStartClp(), sum.salesClp(),
                sum.creditNotesClp(), sum.collectedClp(), sum.arEndClp(), sum.currentArEndClp(), dso,
                sum.closedInvoices(), sum.closedWeightClp(), sum.closedWeightClpDays(), sum.placedStartClp(),
                sum.newlyPlacedClp(), sum.recoveredClp(), sum.promisesDue(), sum.promisesKept(), sum.contactAttempts(),
                sum.rightPartyContacts(), sum.actions(), sum.actionCostClp(), sum.chargesPassedOnClp(),
                sum.invoicesWorked(), sum.agencyFeeClp(), sum.version());
    }

    /**
     * Component-wise sum of two rows of one month; the countback is left as a placeholder (it does not add).
     * The agency fee is added, not recomputed: each client has its own contingency percentage.
     */
    private static MonthlyKpis plus(MonthlyKpis a, MonthlyKpis b) {
        return new MonthlyKpis(a.clientId(), a.month(), latest(a.periodEnd(), b.periodEnd()), latest(a.asOf(), b.asOf()),
                a.arStartClp() + b.arStartClp(), a.salesClp() + b.salesClp(), a.creditNotesClp() + b.creditNotesClp(),
                a.collectedClp() + b.collectedClp(), a.arEndClp() + b.arEndClp(),
                a.currentArEndClp() + b.currentArEndClp(), Double.NaN,
                a.closedInvoices() + b.closedInvoices(), a.closedWeightClp() + b.closedWeightClp(),
                a.closedWeightClpDays() + b.closedWeightClpDays(), a.placedStartClp() + b.placedStartClp(),
                a.newlyPlacedClp() + b.newlyPlacedClp(), a.recoveredClp() + b.recoveredClp(),
                a.promisesDue() + b.promisesDue(), a.promisesKept() + b.promisesKept(),
                a.contactAttempts() + b.contactAttempts(), a.rightPartyContacts() + b.rightPartyContacts(),
                a.actions() + b.actions(), a.actionCostClp() + b.actionCostClp(),
                a.chargesPassedOnClp() + b.chargesPassedOnClp(), a.invoicesWorked() + b.invoicesWorked(),
                a.agencyFeeClp() + b.agencyFeeClp(), Math.max(a.version(), b.version()));
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return b.isAfter(a) ? b : a;
    }

    /** The group's row of one placement cohort: invoices, placed and recovered amounts added horizon by horizon. */
    public static CohortRecovery cohort(String groupId, List<CohortRecovery> rowsOfOneCohort) {
        requireRows(groupId, rowsOfOneCohort);
        CohortRecovery first = rowsOfOneCohort.get(0);
        int horizons = first.recoveredClp().length;
        long invoices = 0;
        long placed = 0;
        long[] recovered = new long[horizons];
        long version = 0;
        Set<String> seen = new HashSet<>();
        for (CohortRecovery r : rowsOfOneCohort) {
            distinct(groupId, seen, r.clientId());
            if (!r.cohort().equals(first.cohort())) {
                throw new IncompatibleRowsException("Group '" + groupId + "': cohorts " + first.cohort() + " ("
                        + first.clientId() + ") and " + r.cohort() + " (" + r.clientId() + ") cannot be added; pass "
                        + "the members' rows of one cohort month");
            }
            if (r.recoveredClp().length != horizons) {
                throw new IncompatibleRowsException("Group '" + groupId + "': cohort " + first.cohort() + " has "
                        + horizons + " horizons for " + first.clientId() + " and " + r.recoveredClp().length + " for "
                        + r.clientId());
            }
            invoices += r.invoices();
            placed += r.placedClp();
            for (int h = 0; h < horizons; h++) {
                recovered[h] += r.recoveredClp()[h];
            }
            version = Math.max(version, r.version());
        }
        return new CohortRecovery(groupId, first.cohort(), invoices, placed, recovered, version);
    }

    /** The group's cohorts, one per cohort month present in {@code rows} (any clients, any months), in month order. */
    public static List<CohortRecovery> cohorts(String groupId, List<CohortRecovery> rows) {
        TreeMap<YearMonth, List<CohortRecovery>> byMonth = new TreeMap<>();
        for (CohortRecovery r : rows) {
            byMonth.computeIfAbsent(r.cohort(), m -> new ArrayList<>()).add(r);
        }
        List<CohortRecovery> out = new ArrayList<>(byMonth.size());
        for (List<CohortRecovery> ofMonth : byMonth.values()) {
            out.add(cohort(groupId, ofMonth));
        }
        return out;
    }

    private static void requireRows(String groupId, List<?> rows) {
        Objects.requireNonNull(groupId, "groupId");
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("Group '" + groupId + "': no rows to add up; a group without data has "
                    + "no row (show it as missing rather than as zeros)");
        }
    }

    private static void distinct(String groupId, Set<String> seen, String clientId) {
        if (!seen.add(clientId)) {
            throw new IncompatibleRowsException("Group '" + groupId + "': client '" + clientId + "' appears twice; "
                    + "each member adds its row once");
        }
    }
}
