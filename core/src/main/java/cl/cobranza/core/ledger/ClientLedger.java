package cl.cobranza.core.ledger;

import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.Formulas;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.state.InvoiceState;
import cl.cobranza.core.state.Versions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every KPI of one client, kept incrementally: the sum of its invoices' {@link InvoiceContribution}s
 * as steps of balances by day, flows by day and totals by placement cohort. Replacing an invoice's
 * contribution marks the first changed day dirty; {@link #drain} then recomputes the daily rows from
 * that day to today, the monthly rows from its month, and the changed cohorts — so a backdated payment
 * or a voided invoice corrects every as-of value it touches, and nothing else is rewritten.
 */
public final class ClientLedger {
    private static final byte FORMAT = 1;

    private final ClientTerms terms;
    private final int levelCount;
    private final TreeMap<Long, long[]> levels = new TreeMap<>();
    private final TreeMap<Long, long[]> flows = new TreeMap<>();
    private final TreeMap<Long, long[]> cohorts = new TreeMap<>(); // by placement day
    private Long dailyDirtyFrom;
    private Long monthlyDirtyFrom;
    private final TreeSet<Integer> dirtyCohorts = new TreeSet<>();
    private long version;

    /** The rows to write after a batch of changes, all with one new version. */
    public record Emission(List<DailyKpis> daily, List<MonthlyKpis> monthly, List<CohortRecovery> cohorts) {
        public boolean isEmpty() {
            return daily.isEmpty() && monthly.isEmpty() && cohorts.isEmpty();
        }
    }

    public ClientLedger(ClientTerms terms) {
        this.terms = terms;
        this.levelCount = Metrics.levelCount(terms.bucketCount());
    }

    public ClientTerms terms() {
        return terms;
    }

    /** Replaces an invoice's previous state (null if new) by its current one; returns true if any KPI changed. */
    public boolean replace(InvoiceState before, InvoiceState after) {
        LedgerDelta delta = new LedgerDelta(levelCount);
        InvoiceContribution.addTo(delta, before, terms, -1);
        InvoiceContribution.addTo(delta, after, terms, 1);
        delta.compact();
        LedgerDelta.mergeInto(delta.levels, levels);
        LedgerDelta.mergeInto(delta.flows, flows);
        LedgerDelta.mergeInto(delta.cohorts, cohorts);
        dailyDirtyFrom = min(dailyDirtyFrom, delta.firstDailyDay());
        monthlyDirtyFrom = min(monthlyDirtyFrom, delta.firstMonthlyDay());
        for (long day : delta.cohorts.keySet()) {
            dirtyCohorts.add(InvoiceContribution.epochMonth(LocalDate.ofEpochDay(day)));
        }
        return !delta.levels.isEmpty() || !delta.flows.isEmpty() || !delta.cohorts.isEmpty();
    }

    private static Long min(Long a, Long b) {
        return LedgerDelta.earliest(a, b);
    }

    /**
     * Marks the rows that change with no new fact when a new day begins: today's daily row, the monthly
     * rows whose promises may have just run out of grace, and this month's cohort (invoices placed today).
     */
    public void touch(LocalDate today) {
        dailyDirtyFrom = min(dailyDirtyFrom, today.toEpochDay());
        monthlyDirtyFrom = min(monthlyDirtyFrom, today.minusDays(terms.promiseGraceDays() + 1L).toEpochDay());
        dirtyCohorts.add(InvoiceContribution.epochMonth(today));
    }

    public boolean isDirty() {
        return dailyDirtyFrom != null || monthlyDirtyFrom != null || !dirtyCohorts.isEmpty();
    }

    /** The rows changed since the last drain, up to {@code today}, each with a new version. */
    public Emission drain(String clientId, LocalDate today, long nowMillis) {
        version = Versions.next(version, nowMillis);
        List<DailyKpis> daily = new ArrayList<>();
        if (dailyDirtyFrom != null && dailyDirtyFrom <= today.toEpochDay()) {
            for (DailyKpis row : dailyRange(clientId, LocalDate.ofEpochDay(dailyDirtyFrom), today)) {
                daily.add(row.withVersion(version));
            }
        }
        List<MonthlyKpis> monthly = new ArrayList<>();
        if (monthlyDirtyFrom != null) {
            YearMonth last = YearMonth.from(today);
            for (YearMonth m = YearMonth.from(LocalDate.ofEpochDay(monthlyDirtyFrom)); !m.isAfter(last); m = m.plusMonths(1)) {
                monthly.add(monthly(clientId, m, today).withVersion(version));
            }
        }
        List<CohortRecovery> changedCohorts = new ArrayList<>();
        int thisMonth = InvoiceContribution.epochMonth(today);
        for (int month : dirtyCohorts) {
            if (month <= thisMonth) {
                changedCohorts.add(cohort(clientId, month, today).withVersion(version));
            }
        }
        dailyDirtyFrom = null;
        monthlyDirtyFrom = null;
        dirtyCohorts.clear();
        return new Emission(daily, monthly, changedCohorts);
    }

    private long[] levelsAt(long day) {
        long[] sum = new long[levelCount];
        for (long[] step : levels.headMap(day, true).values()) {
            for (int i = 0; i < levelCount; i++) {
                sum[i] += step[i];
            }
        }
        return sum;
    }

    private long flowSum(long from, long to, int metric) {
        if (to < from) {
            return 0;
        }
        long sum = 0;
        for (long[] v : flows.subMap(from, true, to, true).values()) {
            sum += v[metric];
        }
        return sum;
    }

    /** The client's KPIs as of one day. */
    public DailyKpis daily(String clientId, LocalDate day) {
        return dailyRange(clientId, day, day).get(0);
    }

    /**
     * The client's KPIs as of each day from {@code from} to {@code to}, in one pass: balances are carried
     * from day to day, the trailing 90-day sales slide, and the countback reads month totals computed once.
     */
    public List<DailyKpis> dailyRange(String clientId, LocalDate from, LocalDate to) {
        long first = from.toEpochDay();
        long last = to.toEpochDay();
        long[] l = levelsAt(first - 1);
        java.util.Iterator<Map.Entry<Long, long[]>> steps = levels.tailMap(first, true).entrySet().iterator();
        Map.Entry<Long, long[]> step = steps.hasNext() ? steps.next() : null;
        long sales90 = flowSum(first - ClientTerms.DSO_WINDOW_DAYS, first - 1, Metrics.F_SALES);
        TreeMap<Integer, Long> salesByMonth = salesByMonth();
        long monthToDate = flowSum(from.withDayOfMonth(1).toEpochDay(), first - 1, Metrics.F_SALES);
        long[] none = new long[Metrics.FLOW_COUNT];
        List<DailyKpis> rows = new ArrayList<>((int) Math.max(0, last - first + 1));
        for (long d = first; d <= last; d++) {
            while (step != null && step.getKey() == d) {
                long[] delta = step.getValue();
                for (int i = 0; i < levelCount; i++) {
                    l[i] += delta[i];
                }
                step = steps.hasNext() ? steps.next() : null;
            }
            LocalDate day = LocalDate.ofEpochDay(d);
            if (day.getDayOfMonth() == 1) {
                monthToDate = 0;
            }
            long[] f = flows.getOrDefault(d, none);
            long[] leaving = flows.getOrDefault(d - ClientTerms.DSO_WINDOW_DAYS, none);
            sales90 += f[Metrics.F_SALES] - leaving[Metrics.F_SALES];
            monthToDate += f[Metrics.F_SALES];
            long[] aging = new long[terms.bucketCount()];
            aging[0] = l[Metrics.L_OPEN] - l[Metrics.L_OVERDUE];
            for (int b = 1; b < aging.length; b++) {
                aging[b] = l[Metrics.L_AGING_FIRST + b - 1];
            }
            long overdueClpDays = d * l[Metrics.L_OVERDUE] - l[Metrics.L_OVERDUE_DUE_WEIGHT];
            rows.add(new DailyKpis(clientId, day, l[Metrics.L_OPEN], l[Metrics.L_OPEN_COUNT], l[Metrics.L_OVERDUE],
                    l[Metrics.L_OVERDUE_COUNT], aging, overdueClpDays, f[Metrics.F_SALES], f[Metrics.F_CREDIT_NOTES],
                    f[Metrics.F_COLLECTED], sales90, countback(l[Metrics.L_OPEN], day, monthToDate, salesByMonth), 0));
        }
        return rows;
    }

    /** Countback with the month to date's sales given and earlier months' sales from a month → total map. */
    private static double countback(long ar, LocalDate day, long monthToDate, TreeMap<Integer, Long> salesByMonth) {
        long[] sales = new long[Formulas.COUNTBACK_PERIODS];
        int[] days = new int[Formulas.COUNTBACK_PERIODS];
        sales[0] = monthToDate;
        days[0] = day.getDayOfMonth();
        YearMonth m = YearMonth.from(day);
        int month = InvoiceContribution.epochMonth(day);
        for (int k = 1; k < sales.length; k++) {
            sales[k] = salesByMonth.getOrDefault(month - k, 0L);
            days[k] = m.minusMonths(k).lengthOfMonth();
        }
        return Formulas.dsoCountback(ar, sales, days);
    }

    private double countback(long ar, LocalDate day) {
        return countback(ar, day, flowSum(day.withDayOfMonth(1).toEpochDay(), day.toEpochDay(), Metrics.F_SALES),
                salesByMonth());
    }

    /** Credit sales per month (epoch month → CLP). */
    private TreeMap<Integer, Long> salesByMonth() {
        TreeMap<Integer, Long> salesByMonth = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : flows.entrySet()) {
            if (e.getValue()[Metrics.F_SALES] != 0) {
                salesByMonth.merge(InvoiceContribution.epochMonth(LocalDate.ofEpochDay(e.getKey())),
                        e.getValue()[Metrics.F_SALES], Long::sum);
            }
        }
        return salesByMonth;
    }

    /** The client's KPIs for a month as known on {@code asOf}: over [first of month, min(month end, asOf)]. */
    public MonthlyKpis monthly(String clientId, YearMonth month, LocalDate asOf) {
        LocalDate periodEnd = month.atEndOfMonth().isAfter(asOf) ? asOf : month.atEndOfMonth();
        long a = month.atDay(1).toEpochDay();
        long e = periodEnd.toEpochDay();
        long[] start = levelsAt(a - 1);
        long[] end = levelsAt(e);
        long recovered = flowSum(a, e, Metrics.F_RECOVERED);
        long promisesTo = Math.min(e, asOf.toEpochDay() - terms.promiseGraceDays());
        return new MonthlyKpis(clientId, month, periodEnd, asOf,
                start[Metrics.L_OPEN], flowSum(a, e, Metrics.F_SALES), flowSum(a, e, Metrics.F_CREDIT_NOTES),
                flowSum(a, e, Metrics.F_COLLECTED), end[Metrics.L_OPEN], end[Metrics.L_OPEN] - end[Metrics.L_OVERDUE],
                countback(end[Metrics.L_OPEN], periodEnd),
                flowSum(a, e, Metrics.F_CLOSED_COUNT), flowSum(a, e, Metrics.F_CLOSED_WEIGHT),
                flowSum(a, e, Metrics.F_CLOSED_WEIGHT_DAYS),
                start[Metrics.L_OVERDUE], flowSum(a, e, Metrics.F_NEWLY_PLACED), recovered,
                flowSum(a, promisesTo, Metrics.F_PROMISES_DUE), flowSum(a, promisesTo, Metrics.F_PROMISES_KEPT),
                flowSum(a, e, Metrics.F_ATTEMPTS), flowSum(a, e, Metrics.F_RPC), flowSum(a, e, Metrics.F_ACTIONS),
                flowSum(a, e, Metrics.F_ACTION_COST), flowSum(a, e, Metrics.F_PASSED_ON),
                flowSum(a, e, Metrics.F_WORKED), Formulas.agencyFee(recovered, terms.agencyFeeBps()), 0);
    }

    /** Every cohort with at least one invoice placed on or before {@code asOf}, in month order. */
    public List<CohortRecovery> cohorts(String clientId, LocalDate asOf) {
        java.util.TreeSet<Integer> months = new java.util.TreeSet<>();
        for (long day : cohorts.headMap(asOf.toEpochDay(), true).keySet()) {
            months.add(InvoiceContribution.epochMonth(LocalDate.ofEpochDay(day)));
        }
        List<CohortRecovery> out = new ArrayList<>();
        for (int month : months) {
            CohortRecovery c = cohort(clientId, month, asOf);
            if (c.invoices() > 0) {
                out.add(c);
            }
        }
        return out;
    }

    /** One cohort month summed over its placement days up to {@code asOf}. */
    private CohortRecovery cohort(String clientId, int month, LocalDate asOf) {
        YearMonth ym = InvoiceContribution.yearMonth(month);
        long from = ym.atDay(1).toEpochDay();
        long to = Math.min(ym.atEndOfMonth().toEpochDay(), asOf.toEpochDay());
        long[] c = new long[Metrics.COHORT_COUNT];
        if (to >= from) {
            for (long[] day : cohorts.subMap(from, true, to, true).values()) {
                for (int i = 0; i < c.length; i++) {
                    c[i] += day[i];
                }
            }
        }
        long[] recovered = new long[CohortRecovery.HORIZONS_DAYS.size()];
        System.arraycopy(c, Metrics.C_RECOVERED_FIRST, recovered, 0, recovered.length);
        return new CohortRecovery(clientId, InvoiceContribution.yearMonth(month), c[Metrics.C_INVOICES],
                c[Metrics.C_PLACED], recovered, 0);
    }

    /** The first day with any balance or flow, or null for an empty ledger. */
    public LocalDate firstDay() {
        Long a = levels.isEmpty() ? null : levels.firstKey();
        Long b = flows.isEmpty() ? null : flows.firstKey();
        Long first = min(a, b);
        return first == null ? null : LocalDate.ofEpochDay(first);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + levels.size() * levelCount * 8
                + flows.size() * Metrics.FLOW_COUNT * 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(terms.toString());
            out.writeLong(version);
            out.writeLong(dailyDirtyFrom == null ? Long.MIN_VALUE : dailyDirtyFrom);
            out.writeLong(monthlyDirtyFrom == null ? Long.MIN_VALUE : monthlyDirtyFrom);
            out.writeInt(dirtyCohorts.size());
            for (int m : dirtyCohorts) {
                out.writeInt(m);
            }
            writeCells(out, levels, levelCount);
            writeCells(out, flows, Metrics.FLOW_COUNT);
            out.writeInt(cohorts.size());
            for (Map.Entry<Long, long[]> e : cohorts.entrySet()) {
                out.writeLong(e.getKey());
                for (long v : e.getValue()) {
                    out.writeLong(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a ledger written by {@link #encode}; returns null when it was built with other terms
     * (the caller then rebuilds it from the invoice states).
     */
    public static ClientLedger decode(byte[] data, ClientTerms terms) {
        ClientLedger ledger = new ClientLedger(terms);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown ClientLedger format " + format);
            }
            if (!in.readUTF().equals(terms.toString())) {
                return null;
            }
            ledger.version = in.readLong();
            long daily = in.readLong();
            long monthly = in.readLong();
            ledger.dailyDirtyFrom = daily == Long.MIN_VALUE ? null : daily;
            ledger.monthlyDirtyFrom = monthly == Long.MIN_VALUE ? null : monthly;
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                ledger.dirtyCohorts.add(in.readInt());
            }
            readCells(in, ledger.levels, ledger.levelCount);
            readCells(in, ledger.flows, Metrics.FLOW_COUNT);
            n = in.readInt();
            for (int i = 0; i < n; i++) {
                long day = in.readLong();
                long[] v = new long[Metrics.COHORT_COUNT];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readLong();
                }
                ledger.cohorts.put(day, v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ledger;
    }

    /** The version stored in an encoded ledger, whatever its terms (to continue versions after a rebuild). */
    public static long storedVersion(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            in.readByte();
            in.readUTF();
            return in.readLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Carries the version sequence over to a rebuilt ledger, so its rows still supersede older ones. */
    public void continueVersionsOf(long previousVersion) {
        version = Math.max(version, previousVersion);
    }

    public long version() {
        return version;
    }

    private static void writeCells(DataOutputStream out, TreeMap<Long, long[]> cells, int width) throws IOException {
        out.writeInt(cells.size());
        for (Map.Entry<Long, long[]> e : cells.entrySet()) {
            out.writeLong(e.getKey());
            for (int i = 0; i < width; i++) {
                out.writeLong(e.getValue()[i]);
            }
        }
    }

    private static void readCells(DataInputStream in, TreeMap<Long, long[]> cells, int width) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            long day = in.readLong();
            long[] v = new long[width];
            for (int j = 0; j < width; j++) {
                v[j] = in.readLong();
            }
            cells.put(day, v);
        }
    }
}
