package cl.cobranza.launcher;

import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.connectors.demo.DemoErp;
import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.ReceivablesQueries;
import cl.cobranza.warehouse.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A source whose database is down when it is added is reported as RETRYING with its error while another
 * client's rows keep flowing; once its database comes up, the capture starts by itself and its rows arrive.
 */
@ExtendWith(SharedStack.class)
class UnreachableSourceTest {
    private static final String DOWN = "ur-caido";
    private static final String UP = "ur-vivo";

    @Test
    void anUnreachableSourceIsRetriedAndReportedWhileTheOthersFlow(LocalStack stack) throws Exception {
        int port = ClickHouseServer.freePort();
        long t0 = System.nanoTime();
        stack.addSource(new SourcesFile.Source(DOWN, "Caído SpA", "76.086.428-5", SourcesFile.Kind.POSTGRESQL,
                "127.0.0.1", port, "erp_caido", "postgres", "postgres", "demo-erp", List.of(), false));
        double addSeconds = (System.nanoTime() - t0) / 1e9;
        stack.addClient(StackFixture.client(UP));
        try (Connection db = stack.postgres().connect(stack.clients().get(UP).database()); Statement s = db.createStatement()) {
            s.execute("INSERT INTO customers (id, rut, name) VALUES (1, '12.345.678-5', 'Deudor')");
            s.execute("INSERT INTO invoices (id, dte_type, folio, customer_id, issue_date, total_clp) VALUES (1, 33, 1, 1, current_date, 1000)");
        }
        try (Warehouse w = new Warehouse(stack.warehouseReader())) {
            ReceivablesQueries invoices = new ReceivablesQueries(w);
            KpiQueries kpis = new KpiQueries(w);
            await("the other client's invoice").atMost(30, SECONDS).pollInterval(100, MILLISECONDS)
                    .until(() -> invoices.invoice(TenantScope.everyClient(), UP, "1").isPresent());
            await("RETRYING reported").atMost(30, SECONDS).pollInterval(200, MILLISECONDS).untilAsserted(() ->
                    assertThat(kpis.sourceStatus(TenantScope.everyClient())).filteredOn(h -> h.source().equals(DOWN)).singleElement()
                            .satisfies(h -> {
                                assertThat(h.state()).isEqualTo("RETRYING");
                                assertThat(h.lastError()).isNotBlank();
                            }));

            Path dir = Files.createDirectories(Path.of("target", "stacks", "caido-" + ProcessHandle.current().pid()));
            try (PostgresServer late = PostgresServer.start(dir, port)) {
                DemoErp.install(late, new DemoClient(DOWN, "Caído SpA", "76.086.428-5", "erp_caido"));
                try (Connection db = late.connect("erp_caido"); Statement s = db.createStatement()) {
                    s.execute("INSERT INTO customers (id, rut, name) VALUES (1, '12.345.678-5', 'Deudor')");
                    s.execute("INSERT INTO invoices (id, dte_type, folio, customer_id, issue_date, total_clp) VALUES (7, 33, 7, 1, current_date, 7000)");
                }
                await("the late source's invoice").atMost(90, SECONDS).pollInterval(250, MILLISECONDS)
                        .until(() -> invoices.invoice(TenantScope.everyClient(), DOWN, "7").isPresent());
                await("RUNNING reported").atMost(30, SECONDS).pollInterval(200, MILLISECONDS).untilAsserted(() ->
                        assertThat(kpis.sourceStatus(TenantScope.everyClient())).filteredOn(h -> h.source().equals(DOWN)).singleElement()
                                .satisfies(h -> assertThat(h.state()).isEqualTo("RUNNING")));
                stack.captures().get(DOWN).close(); // before its database goes away with this block
            }
        }
        System.out.printf("adding the unreachable source took %.1f s%n", addSeconds);
    }
}
