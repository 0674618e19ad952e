package cl.cobranza.api.kpis;

import cl.cobranza.api.export.Tabular;
import cl.cobranza.api.web.IntParameter;
import cl.cobranza.api.web.DateParameter;
import cl.cobranza.warehouse.DebtorSummary;
import cl.cobranza.warehouse.ReceivablesQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** The KPIs of one client's debtors: open and overdue balance, weighted and oldest days past due. */
@RestController
class DebtorController {
    private final KpiScopes scopes;
    private final ReceivablesQueries queries;
    private final Clock clock;

    DebtorController(KpiScopes scopes, ReceivablesQueries queries, Clock clock) {
        this.scopes = scopes;
        this.queries = queries;
        this.clock = clock;
    }

    /** The response: the day the days past due are counted to, and the debtors most overdue first. */
    record Debtors(String clientId, LocalDate asOf, List<DebtorSummary> debtors) implements Tabular {
        @Override
        public String tableName() {
            return "deudores-" + clientId + "-" + asOf;
        }

        @Override
        public List<Column> columns() {
            return List.of(Column.text("Deudor"), Column.text("RUT"), Column.text("Nombre"), Column.integer("Saldo CLP"),
                    Column.integer("Vencido CLP"), Column.integer("Facturas abiertas"), Column.integer("Facturas vencidas"),
                    Column.decimal("Días de mora ponderados"), Column.integer("Máximo días de mora"));
        }

        @Override
        public Iterable<List<Object>> tableRows() {
            return debtors.stream().map(d -> Tabular.row(d.debtorId(), d.rut(), d.name(), d.openClp(), d.overdueClp(),
                    d.openInvoices(), d.overdueInvoices(), d.weightedDpd(), d.maxDpd())).toList();
        }
    }

    /** GET /api/v1/clients/{clientId}/debtors?asOf=yyyy-MM-dd&limit=20: debtors with an open balance, most overdue first. */
    @GetMapping("/api/v1/clients/{clientId}/debtors")
    Debtors debtors(@PathVariable("clientId") String clientId,
                    @RequestParam(name = "asOf", required = false) String asOf,
                    @RequestParam(name = "limit", required = false, defaultValue = "20") String limit) {
        Scope scope = scopes.client(clientId);
        LocalDate day = DateParameter.parse("asOf", asOf, LocalDate.now(clock));
        int n = IntParameter.parse("limit", limit, 1, 500);
        return new Debtors(scope.id(), day, queries.debtors(scope.tenant(), scope.id(), day, n));
    }
}
