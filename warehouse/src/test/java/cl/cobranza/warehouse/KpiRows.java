package cl.cobranza.warehouse;

import cl.cobranza.core.kpi.DailyKpis;

import java.time.LocalDate;

/** Daily KPI rows for tests that only care about open and overdue receivables. */
public final class KpiRows {
    private KpiRows() {
    }

    /** A row with these balances and counts; the overdue part is in the first overdue bucket, no flows. */
    public static DailyKpis daily(String clientId, LocalDate day, long open, long overdue, long openInvoices,
                                  long overdueInvoices, long version) {
        return new DailyKpis(clientId, day, open, openInvoices, overdue, overdueInvoices,
                new long[] {open - overdue, overdue, 0, 0, 0, 0}, 0, 0, 0, 0, 0, 0, version);
    }
}
