package cl.cobranza.api.kpis;

import cl.cobranza.api.export.Tabular;
import cl.cobranza.api.security.Tenancy;
import cl.cobranza.api.web.DateParameter;
import cl.cobranza.core.kpi.AgencyDistribution;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.kpi.Percentiles;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.TenantScope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Portfolio comparison for account managers: every client in the caller's scope side by side with its
 * current KPIs, its percentile rank within the whole agency on each (100 = best, in the KPI's direction;
 * size-only KPIs rank the largest 100), and 30-day sparklines (oldest first). Ranks are
 * computed over every client of the agency (that is what "within the agency" means), but only the caller's
 * clients are returned. A fixed number of queries whatever the number of clients.
 */
@RestController
class PortfolioController {
    /** Days of history in each sparkline. */
    static final int SPARK_DAYS = 30;

    private final KpiQueries queries;
    private final Tenancy tenancy;
    private final Clock clock;

    PortfolioController(KpiQueries queries, Tenancy tenancy, Clock clock) {
        this.queries = queries;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** A KPI column: id, Spanish name, unit, definition, and which way is better (null: it measures size). */
    record KpiColumn(String id, String name, String unit, String definition, Boolean higherIsBetter) {
    }

    /** One client's row. */
    record Row(String clientId, String name, Map<String, Number> values, Map<String, Integer> percentiles,
               Map<String, List<Number>> spark) {
    }

    /** Body of {@code GET /api/v1/portfolio}. */
    record Portfolio(String asOf, int agencyClients, List<KpiColumn> kpis, List<Row> clients) implements Tabular {
        @Override
        public String tableName() {
            return "cartera-" + asOf;
        }

        @Override
        public List<Tabular.Column> columns() {
            List<Tabular.Column> columns = new ArrayList<>(List.of(Tabular.Column.text("Cliente"), Tabular.Column.text("Nombre")));
            for (KpiColumn k : kpis) {
                columns.add("CLP".equals(k.unit()) ? Tabular.Column.integer(k.name()) : Tabular.Column.decimal(k.name()));
                columns.add(Tabular.Column.integer(k.name() + " (percentil)"));
            }
            return columns;
        }

        @Override
        public Iterable<List<Object>> tableRows() {
            List<List<Object>> out = new ArrayList<>();
            for (Row r : clients) {
                List<Object> cells = new ArrayList<>(Tabular.row(r.clientId(), r.name()));
                for (KpiColumn k : kpis) {
                    cells.add(r.values().get(k.id()));
                    cells.add(r.percentiles().get(k.id()));
                }
                out.add(cells);
            }
            return out;
        }
    }

    /** GET /api/v1/portfolio?asOf=yyyy-MM-dd: the caller's clients compared, as of the day (default today). */
    @GetMapping("/api/v1/portfolio")
    Portfolio portfolio(@RequestParam(name = "asOf", required = false) String asOf) {
        LocalDate day = DateParameter.parse("asOf", asOf, LocalDate.now(clock));
        TenantScope mine = tenancy.scope();
        // the agency's distribution: read server-side over every client, never returned row by row
        TenantScope agency = TenantScope.everyClient();
        List<ClientInfo> all = queries.clients(agency);
        List<String> ids = all.stream().map(ClientInfo::clientId).toList();
        Map<String, MonthlyKpis> month = new HashMap<>();
        queries.monthly(agency, ids, YearMonth.from(day), YearMonth.from(day)).forEach(m -> month.put(m.clientId(), m));
        Map<String, List<CohortRecovery>> cohorts = new HashMap<>();
        queries.cohorts(agency, ids).forEach(c -> cohorts.computeIfAbsent(c.clientId(), k -> new ArrayList<>()).add(c));
        AgencyDistribution distribution = new AgencyDistribution(ids, queries.latestDaily(agency, ids, day), month, cohorts,
                queries.deadLetterCounts(agency, ids), day);
        List<KpiColumn> columns = AgencyDistribution.RANKED.stream()
                .map(d -> new KpiColumn(d.id(), d.nameEs(), d.unit().label(), d.definitionEs(),
                        Percentiles.higherIsBetter(d.id())))
                .toList();

        List<String> visible = mine.restrict(ids);
        Map<String, List<Number>> overdue = new HashMap<>();
        Map<String, List<Number>> dso = new HashMap<>();
        for (DailyKpis r : queries.daily(mine, visible, day.minusDays(SPARK_DAYS - 1), day)) {
            overdue.computeIfAbsent(r.clientId(), k -> new ArrayList<>()).add(r.overdueClp());
            dso.computeIfAbsent(r.clientId(), k -> new ArrayList<>()).add(r.dsoCountback());
        }
        List<Row> rows = new ArrayList<>();
        for (ClientInfo c : all) {
            if (!mine.allows(c.clientId())) {
                continue;
            }
            Map<String, List<Number>> spark = new LinkedHashMap<>();
            spark.put("overdueClp", overdue.getOrDefault(c.clientId(), List.of()));
            spark.put("dsoCountback", dso.getOrDefault(c.clientId(), List.of()));
            rows.add(new Row(c.clientId(), c.name(), distribution.values(c.clientId()), distribution.ranks(c.clientId()), spark));
        }
        return new Portfolio(day.toString(), ids.size(), columns, rows);
    }
}
