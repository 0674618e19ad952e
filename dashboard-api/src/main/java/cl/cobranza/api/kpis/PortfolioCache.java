package cl.cobranza.api.kpis;

import cl.cobranza.api.kpis.PortfolioController.KpiColumn;
import cl.cobranza.api.kpis.PortfolioController.Row;
import cl.cobranza.core.kpi.AgencyDistribution;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.kpi.Percentiles;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agency's portfolio rows (every client's KPIs, ranks and sparklines) per day, recomputed only when the KPI
 * tables changed since they were computed ({@link KpiTableCache}); concurrent requests on a change compute once.
 */
@Service
class PortfolioCache {
    /** Days of history in each sparkline. */
    static final int SPARK_DAYS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(PortfolioCache.class);
    private static final List<KpiColumn> COLUMNS = AgencyDistribution.RANKED.stream()
            .map(d -> new KpiColumn(d.id(), d.nameEs(), d.unit().label(), d.definitionEs(),
                    Percentiles.higherIsBetter(d.id())))
            .toList();

    /** Every client's row, in client id order, as of a day. */
    record Agency(LocalDate asOf, List<KpiColumn> kpis, List<Row> rows) {
    }

    /** Days kept (today and a few others asked for): an agency's rows are ~1 MB per 1,000 clients. */
    static final int DAYS_KEPT = 4;

    private final KpiQueries queries;
    private final KpiTableCache.Region<LocalDate, Agency> days;
    private final AtomicLong computations = new AtomicLong();

    PortfolioCache(KpiQueries queries, KpiTableCache cache) {
        this.queries = queries;
        this.days = cache.region(DAYS_KEPT);
    }

    /**
     * The agency's rows as of {@code day}, reflecting at least every KPI write that finished before this call
     * ({@link KpiTableCache}: computed again only when the KPI tables changed).
     */
    Agency agency(LocalDate day) {
        return days.get(day, () -> {
            long started = System.nanoTime();
            computations.incrementAndGet();
            Agency agency = compute(day);
            LOG.info("Portfolio of {} computed for {} clients in {} ms", day, agency.rows().size(),
                    (System.nanoTime() - started) / 1_000_000);
            return agency;
        });
    }

    /** How many times the agency's rows were computed (a cache miss each). */
    long computations() {
        return computations.get();
    }

    private Agency compute(LocalDate day) {
        // the agency's distribution: read server-side over every client; callers get only their own rows
        TenantScope agency = TenantScope.everyClient();
        List<ClientInfo> all = queries.clients(agency);
        List<String> ids = all.stream().map(ClientInfo::clientId).toList();
        Map<String, MonthlyKpis> month = new HashMap<>();
        queries.monthly(agency, ids, YearMonth.from(day), YearMonth.from(day)).forEach(m -> month.put(m.clientId(), m));
        Map<String, List<CohortRecovery>> cohorts = new HashMap<>();
        queries.cohorts(agency, ids).forEach(c -> cohorts.computeIfAbsent(c.clientId(), k -> new ArrayList<>()).add(c));
        AgencyDistribution distribution = new AgencyDistribution(ids, queries.latestDaily(agency, ids, day), month, cohorts,
                queries.deadLetterCounts(agency, ids), day);

        Map<String, List<Number>> overdue = new HashMap<>();
        Map<String, List<Number>> dso = new HashMap<>();
        for (DailyKpis r : queries.daily(agency, ids, day.minusDays(SPARK_DAYS - 1), day)) {
            overdue.computeIfAbsent(r.clientId(), k -> new ArrayList<>()).add(r.overdueClp());
            dso.computeIfAbsent(r.clientId(), k -> new ArrayList<>()).add(r.dsoCountback());
        }
        List<Row> rows = new ArrayList<>(all.size());
        for (ClientInfo c : all) {
            Map<String, List<Number>> spark = new LinkedHashMap<>();
            spark.put("overdueClp", Collections.unmodifiableList(overdue.getOrDefault(c.clientId(), List.of())));
            spark.put("dsoCountback", Collections.unmodifiableList(dso.getOrDefault(c.clientId(), List.of())));
            rows.add(new Row(c.clientId(), c.name(), distribution.values(c.clientId()), distribution.ranks(c.clientId()),
                    Collections.unmodifiableMap(spark)));
        }
        return new Agency(day, COLUMNS, List.copyOf(rows));
    }
}
