package cl.cobranza.api.receivables;

import cl.cobranza.warehouse.ClientReceivablesView;
import cl.cobranza.warehouse.ReceivablesQueries;
import org.springframework.stereotype.Service;

import cl.cobranza.warehouse.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds the receivables view (per client and totals) from the warehouse, for the endpoint and the live stream alike. */
@Service
class ReceivablesReport {
    /** The KPI definition shown with the numbers, in the users' language (docs/kpis.md, Receivables). */
    public static final String DEFINITION = cl.cobranza.core.kpi.KpiDefinitions.RECEIVABLES_ES;

    private final ReceivablesQueries queries;
    private final Clock clock;

    ReceivablesReport(ReceivablesQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** Today in the business time zone. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The newest receivables on or before {@code asOf} of every client in the scope, and their totals. */
    public ReceivablesResponse asOf(TenantScope scope, LocalDate asOf) {
        List<ReceivablesResponse.ClientRow> rows = new ArrayList<>();
        long open = 0;
        long overdue = 0;
        long openInvoices = 0;
        long overdueInvoices = 0;
        for (ClientReceivablesView v : queries.current(scope, asOf)) {
            rows.add(new ReceivablesResponse.ClientRow(v.clientId(), v.name(), v.openClp(), v.overdueClp(),
                    v.openInvoices(), v.overdueInvoices(), v.asOf() == null ? null : v.asOf().toString()));
            open += v.openClp();
            overdue += v.overdueClp();
            openInvoices += v.openInvoices();
            overdueInvoices += v.overdueInvoices();
        }
        return new ReceivablesResponse(asOf.toString(), DEFINITION, List.copyOf(rows),
                new ReceivablesResponse.Totals(open, overdue, openInvoices, overdueInvoices));
    }
}
