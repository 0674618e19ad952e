package cl.cobranza.launcher;

import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.warehouse.ClientReceivablesView;
import cl.cobranza.warehouse.OpenTotals;
import cl.cobranza.warehouse.ReceivablesQueries;
import cl.cobranza.warehouse.Warehouse;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops a stack while the generator is writing, starts it again on the same folder, and checks that the
 * warehouse totals equal a plain SQL sum over the source ERP databases: nothing lost, nothing twice.
 * Its own stack (own folder and ports), because stopping the shared one would disturb other tests.
 */
class RestartTest {
    private static final List<DemoClient> CLIENTS = List.of(StackFixture.client("rs-uno"), StackFixture.client("rs-dos"));

    @Test
    void restartMidStreamConvergesToTheSourceDatabases() throws Exception {
        StackConfig config = StackFixture.config("restart", 60, Map.of(
                "cobranza.generator.seed-customers", "15", "cobranza.generator.seed-invoices", "40"));
        long firstRunChanges;
        try (LocalStack first = StackFixture.start(config, CLIENTS)) {
            await().atMost(60, SECONDS).until(() -> first.generator().changes() >= 200);
            firstRunChanges = first.generator().changes();
        } // closed mid-stream: the generator was still writing, Flink had uncommitted work in flight

        try (LocalStack second = StackFixture.start(config, CLIENTS)) {
            await().atMost(60, SECONDS).until(() -> second.generator().changes() >= 200);
            second.generator().close(); // stop writing so that both sides can settle
            LocalDate today = LocalDate.now(ZoneId.of("America/Santiago"));
            try (Warehouse w = new Warehouse(second.warehouseReader())) {
                ReceivablesQueries queries = new ReceivablesQueries(w);
                for (DemoClient c : CLIENTS) {
                    await().atMost(60, SECONDS).pollInterval(250, MILLISECONDS).untilAsserted(() -> {
                        long[] source = SourceOracle.totals(second, c, today);
                        OpenTotals fromInvoices = queries.openTotalsFromInvoices(TenantScope.everyClient(), c.clientId(), today);
                        assertThat(new long[] {fromInvoices.openClp(), fromInvoices.overdueClp(),
                                fromInvoices.openInvoices(), fromInvoices.overdueInvoices()})
                                .as("invoice_state totals of %s vs SQL over its ERP", c.clientId())
                                .containsExactly(source);
                        ClientReceivablesView kpi = queries.current(TenantScope.everyClient(), today).stream()
                                .filter(v -> v.clientId().equals(c.clientId())).findFirst().orElseThrow();
                        assertThat(new long[] {kpi.openClp(), kpi.overdueClp(), kpi.openInvoices(), kpi.overdueInvoices()})
                                .as("streamed KPI of %s vs SQL over its ERP", c.clientId())
                                .containsExactly(source);
                    });
                }
            }
            assertThat(firstRunChanges).isGreaterThanOrEqualTo(200);
        }
    }
}
