package cl.cobranza.launcher;

import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.connectors.mariadb.MariaDbServer;
import cl.cobranza.core.state.InvoiceSnapshot;
import cl.cobranza.warehouse.DebtorSummary;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.ReceivablesQueries;
import cl.cobranza.warehouse.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Spanish-named ERP (one table for invoices and credit notes, split RUT, NUMERIC amounts, payments applied
 * through an application table) in a real PostgreSQL and a real MariaDB, captured into the running stack with
 * the {@code erp-espanol} profile: inserts, a correction, a soft delete and a deleted application come out as
 * the expected invoices and debtors, field by field, and each capture's health is reported.
 */
@ExtendWith(SharedStack.class)
class ProfilesEndToEndTest {
    static final String PG_SOURCE = "pg-espanol";
    static final String MARIADB_SOURCE = "mdb-espanol";
    /** The profiles of this test's sources, given to the shared stack's job at start. */
    static final String PROFILES = PG_SOURCE + ":erp-espanol;" + MARIADB_SOURCE + ":erp-espanol";
    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);

    @Test
    void spanishErpOnPostgresql(LocalStack stack) throws Exception {
        String database = "erp_pg_espanol";
        stack.postgres().createDatabaseIfMissing(database);
        try (Connection c = stack.postgres().connect(database)) {
            SchemaScripts.run(c, "/profiles/erp-espanol.postgres.sql");
            stack.addSource(new SourcesFile.Source(PG_SOURCE, "Comercial Sur SpA", "76.086.428-5",
                    SourcesFile.Kind.POSTGRESQL, "127.0.0.1", stack.postgres().port(), database, "postgres", "postgres",
                    "erp-espanol", List.of(), false));
            exercise(c, stack, PG_SOURCE);
        }
    }

    @Test
    void spanishErpOnMariadb(LocalStack stack) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "stacks", "mariadb-" + ProcessHandle.current().pid()));
        try (MariaDbServer mariadb = MariaDbServer.start(MariaDbServer.Config.local(dir, MariaDbServer.freePort()))) {
            mariadb.createDatabaseIfMissing("erp");
            mariadb.createCaptureUser("cobranza_cdc", "cdc-secret");
            try (Connection c = mariadb.connect("erp")) {
                SchemaScripts.run(c, "/profiles/erp-espanol.mariadb.sql");
                stack.addSource(new SourcesFile.Source(MARIADB_SOURCE, "Distribuidora Norte Ltda.", "77.123.456-9",
                        SourcesFile.Kind.MARIADB, "127.0.0.1", mariadb.port(), "erp", "cobranza_cdc", "cdc-secret",
                        "erp-espanol", List.of(), false));
                exercise(c, stack, MARIADB_SOURCE);
            }
        }
    }

    /** The same changes in either database, and the same expected invoices and debtor. */
    private static void exercise(Connection c, LocalStack stack, String source) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO clientes (id, rut_cuerpo, rut_dv, razon_social) VALUES (1, 12345678, '5', 'Comercial Andes SpA')");
            s.execute("INSERT INTO documentos (id, tipo_dte, folio, cliente_id, fecha_emision, fecha_vencimiento, monto_total)"
                    + " VALUES (1, 'FAC', 101, 1, '2026-11-01', '2026-12-01', 1190000.00)");
            s.execute("INSERT INTO documentos (id, tipo_dte, folio, cliente_id, fecha_emision, fecha_vencimiento, monto_total)"
                    + " VALUES (2, 'FEX', 102, 1, '2026-11-01', NULL, 500000.00)");
            s.execute("INSERT INTO documentos (id, tipo_dte, folio, cliente_id, fecha_emision, monto_total, documento_ref_id)"
                    + " VALUES (3, 'NC', 201, 1, '2026-11-10', 190000.00, 1)");
            s.execute("INSERT INTO documentos (id, tipo_dte, folio, cliente_id, fecha_emision, fecha_vencimiento, monto_total)"
                    + " VALUES (4, 'FAC', 103, 1, '2026-11-02', '2026-12-02', 80000.00)");
            s.execute("INSERT INTO abonos (id, cliente_id, fecha_pago, monto) VALUES (1, 1, '2026-11-20', 400000.00)");
            s.execute("INSERT INTO aplicaciones_abono (id, abono_id, documento_id, monto_aplicado) VALUES (1, 1, 1, 300000.00)");
            s.execute("INSERT INTO aplicaciones_abono (id, abono_id, documento_id, monto_aplicado) VALUES (2, 1, 2, 100000.00)");
            s.execute("UPDATE documentos SET monto_total = 550000.00 WHERE id = 2");   // a correction
            s.execute("UPDATE documentos SET anulado = TRUE WHERE id = 4");            // cancelled: a soft delete
            s.execute("DELETE FROM aplicaciones_abono WHERE id = 2");                  // the application undone
        }
        try (Warehouse w = new Warehouse(stack.warehouseReader())) {
            ReceivablesQueries q = new ReceivablesQueries(w);
            await(source + " invoices").atMost(60, SECONDS).pollInterval(200, MILLISECONDS).ignoreExceptions().untilAsserted(() -> {
                // FAC 101: 1 190 000 − credit note 190 000 − applied 300 000 = 700 000
                assertThat(q.invoice(TenantScope.everyClient(), source, "1")).hasValue(snapshot(q, source, "1",
                        new InvoiceSnapshot(source, "1", "1", 33, 101, NOV_1, LocalDate.of(2026, 12, 1), 1_190_000,
                                190_000, 300_000, 700_000, false, 0)));
                // FEX 102 corrected to 550 000, no due date: issue + 30 days; its application was deleted
                assertThat(q.invoice(TenantScope.everyClient(), source, "2")).hasValue(snapshot(q, source, "2",
                        new InvoiceSnapshot(source, "2", "1", 34, 102, NOV_1, LocalDate.of(2026, 12, 1), 550_000,
                                0, 0, 550_000, false, 0)));
                assertThat(q.invoice(TenantScope.everyClient(), source, "4").orElseThrow().deleted()).isTrue();
                assertThat(q.invoice(TenantScope.everyClient(), source, "3")).isEmpty(); // a credit note is not a receivable of its own
            });
            await(source + " debtor").atMost(30, SECONDS).pollInterval(200, MILLISECONDS).untilAsserted(() ->
                    assertThat(q.debtors(TenantScope.everyClient(), source, LocalDate.of(2026, 12, 3), 10)).extracting(DebtorSummary::debtorId,
                            DebtorSummary::rut, DebtorSummary::name, DebtorSummary::openClp)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "12345678-5",
                                    "Comercial Andes SpA", 1_250_000L)));
            // the capture's health is reported: running, every captured change counted: 7 inserts (abonos is not
            // captured: its profile ignores it), 2 updates of documentos, 1 delete = 10 at least
            KpiQueries kpis = new KpiQueries(w);
            await(source + " health").atMost(30, SECONDS).pollInterval(200, MILLISECONDS).untilAsserted(() ->
                    assertThat(kpis.sourceStatus(TenantScope.everyClient())).filteredOn(h -> h.source().equals(source)).singleElement()
                            .satisfies(h -> {
                                assertThat(h.state()).isEqualTo("RUNNING");
                                assertThat(h.captured()).isGreaterThanOrEqualTo(10);
                                assertThat(h.clientId()).isEqualTo(source);
                                assertThat(h.lagBytes() != null).isEqualTo(source.equals(PG_SOURCE));
                            }));
        }
    }

    /** The expected snapshot with the stored version (versions are the job's, not the test's). */
    private static InvoiceSnapshot snapshot(ReceivablesQueries q, String source, String id, InvoiceSnapshot expected) {
        long version = q.invoice(TenantScope.everyClient(), source, id).map(InvoiceSnapshot::version).orElse(0L);
        return new InvoiceSnapshot(expected.clientId(), expected.invoiceId(), expected.debtorId(), expected.dteType(),
                expected.folio(), expected.issueDate(), expected.dueDate(), expected.totalClp(), expected.creditedClp(),
                expected.paidClp(), expected.openClp(), expected.deleted(), version);
    }
}
