package cl.cobranza.api.kpis;

import cl.cobranza.api.CobranzaProperties;
import cl.cobranza.api.web.RangeParameters;
import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.Formulas;
import cl.cobranza.core.kpi.KpiDefinitions;
import cl.cobranza.core.kpi.KpiSnapshot;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.kpi.Rollup;
import cl.cobranza.warehouse.KpiQueries;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a scope's KPI rows from the warehouse and shapes them for the API: a client's rows as stored, a
 * group's or the agency's summed with {@link Rollup} (the group's countback from the members' sales by month).
 */
@Service
class KpiReport {
    /** Months of sales the countback may reach before a period's month (36 periods = the month + 35 before). */
    private static final int COUNTBACK_MONTHS_BACK = Formulas.COUNTBACK_PERIODS - 1;

    private final KpiQueries queries;
    private final KpiTableCache.Region<Key, KpiResponses.Current> currents;
    private final KpiTableCache.Region<Key, KpiResponses.DailySeries> dailies;
    private final KpiTableCache.Region<Key, KpiResponses.MonthlySeries> monthlies;
    private final KpiTableCache.Region<Key, KpiResponses.CohortSeries> cohortSeries;
    private final Clock clock;
    private final List<String> agingLabels;

    /**
     * What a report depends on besides the KPI tables: the scope without its tenant (every member is one the caller
     * may read, so the tenant filters nothing out), the report and its dates.
     */
    private record Key(String kind, String id, String name, List<String> clientIds, List<Object> dates) {
        static Key of(Scope scope, Object... dates) {
            return new Key(scope.kind(), scope.id(), scope.name(), scope.clientIds(), List.of(dates));
        }
    }

    KpiReport(KpiQueries queries, KpiTableCache cache, Clock clock, CobranzaProperties properties) {
        this.queries = queries;
        // scopes × dates asked for; a value is a few KB (a 90-day series ~30 KB)
        this.currents = cache.region(1_024);
        this.dailies = cache.region(1_024);
        this.monthlies = cache.region(1_024);
        this.cohortSeries = cache.region(1_024);
        this.clock = clock;
        ClientTerms d = ClientTerms.defaults();
        this.agingLabels = new ClientTerms(properties.kpi().agingEdges(), d.promiseGraceDays(), d.unitCostClp(),
                d.agentClpPerMinute(), d.agencyFeeBps()).bucketLabels();
    }

    /** Today in the business time zone. */
    LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The catalogue of KPI definitions. */
    List<KpiResponses.Definition> definitions() {
        List<KpiResponses.Definition> out = new ArrayList<>();
        KpiDefinitions.ALL.forEach(d -> out.add(KpiResponses.Definition.of(d)));
        return out;
    }

    /** Every KPI's value as of {@code asOf} (computed again only after the KPI tables changed). */
    KpiResponses.Current current(Scope scope, LocalDate asOf) {
        return currents.get(Key.of(scope, asOf), () -> computeCurrent(scope, asOf));
    }

    private KpiResponses.Current computeCurrent(Scope scope, LocalDate asOf) {
        List<String> members = scope.clientIds();
        DailyKpis day = null;
        List<String> missing = new ArrayList<>();
        List<DailyKpis> rows = queries.latestDayRows(scope.tenant(), members, asOf);
        if (!rows.isEmpty()) {
            LocalDate latest = rows.get(0).day();
            Set<String> present = new LinkedHashSet<>();
            rows.forEach(r -> present.add(r.clientId()));
            members.stream().filter(m -> !present.contains(m)).forEach(missing::add);
            if (scope.single()) {
                day = rows.get(0);
            } else {
                // the countback of the clients summed: their AR against their own sales, not the absent members'
                Map<YearMonth, Long> sales = queries.salesByMonth(scope.tenant(), List.copyOf(present),
                        YearMonth.from(latest).minusMonths(COUNTBACK_MONTHS_BACK).atDay(1), latest);
                // the range ends on the day, so the day's month holds exactly its month to date
                day = Rollup.daily(scope.id(), rows, sales.getOrDefault(YearMonth.from(latest), 0L), sales);
            }
        } else {
            missing.addAll(members);
        }

        YearMonth month = YearMonth.from(asOf);
        YearMonth previous = month.minusMonths(1);
        TreeMap<YearMonth, List<MonthlyKpis>> monthRows = byMonth(queries.monthly(scope.tenant(), members, previous, month));
        Map<YearMonth, Long> sales = scope.single() ? Map.of() : queries.salesByMonth(scope.tenant(), members,
                previous.minusMonths(COUNTBACK_MONTHS_BACK).atDay(1), previous.atEndOfMonth());
        MonthlyKpis thisMonth = monthOf(scope, monthRows.get(month), sales);
        MonthlyKpis previousMonth = monthOf(scope, monthRows.get(previous), sales);

        List<CohortRecovery> cohorts = cohorts(scope);
        long deadLetters = 0;
        for (long n : queries.deadLetterCounts(scope.tenant(), members).values()) {
            deadLetters += n;
        }
        List<KpiSnapshot.Value> values = KpiSnapshot.current(day, thisMonth, cohorts, asOf, deadLetters);
        KpiResponses.MonthKpis previousKpis = previousMonth == null
                ? new KpiResponses.MonthKpis(previous.toString(), null, null, List.of())
                : new KpiResponses.MonthKpis(previous.toString(), previousMonth.periodEnd().toString(),
                previousMonth.asOf().toString(), KpiResponses.KpiValue.of(KpiSnapshot.ofMonth(previousMonth)));
        return new KpiResponses.Current(scope.kind(), scope.id(), scope.name(), members, asOf.toString(),
                day == null ? null : day.day().toString(), month.toString(),
                thisMonth == null ? null : thisMonth.periodEnd().toString(),
                thisMonth == null ? null : thisMonth.asOf().toString(),
                KpiResponses.KpiValue.of(values), previousKpis, aging(day), missing);
    }

    /** One row per day with data in the range (computed again only after the KPI tables changed). */
    KpiResponses.DailySeries daily(Scope scope, RangeParameters.Days range) {
        return dailies.get(Key.of(scope, range.from(), range.to()), () -> computeDaily(scope, range));
    }

    private KpiResponses.DailySeries computeDaily(Scope scope, RangeParameters.Days range) {
        List<KpiResponses.DailyRow> out = new ArrayList<>();
        List<String> labels = agingLabels;
        if (scope.single()) {
            for (DailyKpis r : queries.daily(scope.tenant(), scope.clientIds(), range.from(), range.to())) {
                out.add(KpiResponses.DailyRow.of(r, 1));
                labels = labels(r.agingClp().length);
            }
        } else {
            // rows from the first of from's month: the days before from give the month to date of the first days
            LocalDate loadFrom = range.from().withDayOfMonth(1);
            TreeMap<LocalDate, List<DailyKpis>> byDay = new TreeMap<>();
            for (DailyKpis r : queries.daily(scope.tenant(), scope.clientIds(), loadFrom, range.to())) {
                byDay.computeIfAbsent(r.day(), d -> new ArrayList<>()).add(r);
            }
            Map<YearMonth, Long> sales = queries.salesByMonth(scope.tenant(), scope.clientIds(),
                    YearMonth.from(range.from()).minusMonths(COUNTBACK_MONTHS_BACK).atDay(1), range.to());
            YearMonth month = null;
            long monthToDate = 0;
            for (Map.Entry<LocalDate, List<DailyKpis>> e : byDay.entrySet()) {
                if (!YearMonth.from(e.getKey()).equals(month)) {
                    month = YearMonth.from(e.getKey());
                    monthToDate = 0;
                }
                for (DailyKpis r : e.getValue()) {
                    monthToDate += r.salesClp();
                }
                if (!e.getKey().isBefore(range.from())) {
                    DailyKpis g = Rollup.daily(scope.id(), e.getValue(), monthToDate, sales);
                    out.add(KpiResponses.DailyRow.of(g, e.getValue().size()));
                    labels = labels(g.agingClp().length);
                }
            }
        }
        return new KpiResponses.DailySeries(scope.kind(), scope.id(), scope.name(), range.from().toString(),
                range.to().toString(), labels, out);
    }

    /** One row per month with data in the range (computed again only after the KPI tables changed). */
    KpiResponses.MonthlySeries monthly(Scope scope, RangeParameters.Months range) {
        return monthlies.get(Key.of(scope, range.from(), range.to()), () -> computeMonthly(scope, range));
    }

    private KpiResponses.MonthlySeries computeMonthly(Scope scope, RangeParameters.Months range) {
        List<KpiResponses.MonthlyRow> out = new ArrayList<>();
        List<MonthlyKpis> rows = queries.monthly(scope.tenant(), scope.clientIds(), range.from(), range.to());
        if (scope.single()) {
            rows.forEach(r -> out.add(KpiResponses.MonthlyRow.of(r, 1)));
        } else {
            Map<YearMonth, Long> sales = queries.salesByMonth(scope.tenant(), scope.clientIds(),
                    range.from().minusMonths(COUNTBACK_MONTHS_BACK).atDay(1), range.to().atEndOfMonth());
            for (List<MonthlyKpis> ofMonth : byMonth(rows).values()) {
                out.add(KpiResponses.MonthlyRow.of(Rollup.monthly(scope.id(), ofMonth, sales), ofMonth.size()));
            }
        }
        return new KpiResponses.MonthlySeries(scope.kind(), scope.id(), scope.name(), range.from().toString(),
                range.to().toString(), out);
    }

    /** Every cohort, oldest first; horizons marked matured as of today. */
    KpiResponses.CohortSeries cohortSeries(Scope scope) {
        LocalDate today = today();
        return cohortSeries.get(Key.of(scope, today), () -> computeCohortSeries(scope, today));
    }

    private KpiResponses.CohortSeries computeCohortSeries(Scope scope, LocalDate today) {
        List<CohortRecovery> rows = queries.cohorts(scope.tenant(), scope.clientIds());
        Map<YearMonth, Integer> clients = new TreeMap<>();
        rows.forEach(r -> clients.merge(r.cohort(), 1, Integer::sum));
        List<KpiResponses.CohortRow> out = new ArrayList<>();
        for (CohortRecovery c : scope.single() ? rows : Rollup.cohorts(scope.id(), rows)) {
            out.add(KpiResponses.CohortRow.of(c, clients.get(c.cohort()), today));
        }
        return new KpiResponses.CohortSeries(scope.kind(), scope.id(), scope.name(), today.toString(), out);
    }

    private List<CohortRecovery> cohorts(Scope scope) {
        List<CohortRecovery> rows = queries.cohorts(scope.tenant(), scope.clientIds());
        return scope.single() ? rows : Rollup.cohorts(scope.id(), rows);
    }

    private static MonthlyKpis monthOf(Scope scope, List<MonthlyKpis> rows, Map<YearMonth, Long> sales) {
        if (rows == null || rows.isEmpty()) {
            return null;
        }
        return scope.single() ? rows.get(0) : Rollup.monthly(scope.id(), rows, sales);
    }

    private static TreeMap<YearMonth, List<MonthlyKpis>> byMonth(List<MonthlyKpis> rows) {
        TreeMap<YearMonth, List<MonthlyKpis>> byMonth = new TreeMap<>();
        for (MonthlyKpis r : rows) {
            byMonth.computeIfAbsent(r.month(), m -> new ArrayList<>()).add(r);
        }
        return byMonth;
    }

    private KpiResponses.Aging aging(DailyKpis day) {
        if (day == null) {
            return null;
        }
        List<String> labels = labels(day.agingClp().length);
        List<KpiResponses.Bucket> buckets = new ArrayList<>();
        for (int b = 0; b < day.agingClp().length; b++) {
            buckets.add(new KpiResponses.Bucket(labels.get(b), day.agingClp()[b]));
        }
        return new KpiResponses.Aging(day.day().toString(), KpiDefinitions.get(KpiDefinitions.AGING).definitionEs(), buckets);
    }

    /**
     * The configured bucket labels, or numbered ones when a row has another number of buckets (a client whose
     * edges differ from {@code cobranza.kpi.aging-edges}): a label must never name the wrong days.
     */
    private List<String> labels(int buckets) {
        if (buckets == agingLabels.size()) {
            return agingLabels;
        }
        List<String> numbered = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            numbered.add(b == 0 ? "current" : "tramo " + b);
        }
        return numbered;
    }
}
