package cl.cobranza.api.kpis;

import cl.cobranza.api.export.Tabular;
import cl.cobranza.api.security.Tenancy;
import cl.cobranza.api.web.DateParameter;
import cl.cobranza.warehouse.TenantScope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Portfolio comparison for account managers: every client in the caller's scope side by side with its
 * current KPIs, its percentile rank within the whole agency on each (100 = best, in the KPI's direction;
 * size-only KPIs rank the largest 100), and 30-day sparklines (oldest first). Ranks are
 * computed over every client of the agency (that is what "within the agency" means), but only the caller's
 * clients are returned. The agency's rows come from {@link PortfolioCache}; a request only picks the caller's.
 */
@RestController
class PortfolioController {
    private final PortfolioCache cache;
    private final Tenancy tenancy;
    private final Clock clock;

    PortfolioController(PortfolioCache cache, Tenancy tenancy, Clock clock) {
        this.cache = cache;
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
        PortfolioCache.Agency agency = cache.agency(day);
        List<Row> rows = agency.rows().stream().filter(r -> mine.allows(r.clientId())).toList();
        return new Portfolio(day.toString(), agency.rows().size(), agency.kpis(), rows);
    }
}
