package cl.cobranza.launcher;

import cl.cobranza.connectors.demo.DemoClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

/**
 * An invoice's life through the real stack: ERP row in PostgreSQL → Debezium → Kafka → Flink →
 * ClickHouse → API. Every expected value is computed by hand from the rows this test writes.
 */
@ExtendWith(SharedStack.class)
class EndToEndTest {
    private static final String CLIENT = "e2e-ciclo";
    private static LocalStack stack;
    private static ApiClient api;
    private static LocalDate today;

    @BeforeAll
    static void addClient(LocalStack s) throws Exception {
        stack = s;
        stack.addClient(StackFixture.client(CLIENT));
        api = new ApiClient(stack);
        today = LocalDate.now(ZoneId.of("America/Santiago"));
    }

    @Test
    void invoiceLifecycleIsVisibleThroughTheApiWithExactValues() throws Exception {
        DemoClient c = stack.clients().get(CLIENT);
        try (Connection db = stack.postgres().connect(c.database())) {
            long customer = insert(db, "INSERT INTO customers (rut, name) VALUES ('12.345.678-5', 'Comercial Aconcagua SpA') RETURNING id");
            // overdue: issued 40 days ago, due 10 days ago → 10 days past due
            long overdueInvoice = insertInvoice(db, 1001, customer, today.minusDays(40), today.minusDays(10), 1_190_000);
            // current: due in 20 days
            long currentInvoice = insertInvoice(db, 1002, customer, today.minusDays(10), today.plusDays(20), 500_000);

            awaitInvoice(overdueInvoice, inv -> inv.path("openClp").asLong() == 1_190_000);
            JsonNode inv = api.invoice(CLIENT, overdueInvoice).orElseThrow();
            assertThat(inv.path("totalClp").asLong()).isEqualTo(1_190_000);
            assertThat(inv.path("daysPastDue").asLong()).isEqualTo(10);
            assertThat(inv.path("dueDate").asText()).isEqualTo(today.minusDays(10).toString());
            assertThat(inv.path("status").asText()).isEqualTo("abierta");
            // open = 1.190.000 + 500.000; overdue = only the first
            awaitReceivables(1_690_000, 1_190_000, 2, 1);

            // amount corrected in the ERP: 1.190.000 → 1.000.000
            exec(db, "UPDATE invoices SET total_clp = 1000000 WHERE id = " + overdueInvoice);
            awaitInvoice(overdueInvoice, i -> i.path("totalClp").asLong() == 1_000_000);
            awaitReceivables(1_500_000, 1_000_000, 2, 1);

            // paid in full → open balance 0, no longer overdue
            long payment = insert(db, "INSERT INTO payments (invoice_id, paid_on, amount_clp) VALUES ("
                    + overdueInvoice + ", '" + today + "', 1000000) RETURNING id");
            awaitInvoice(overdueInvoice, i -> i.path("openClp").asLong() == 0);
            assertThat(api.invoice(CLIENT, overdueInvoice).orElseThrow().path("paidClp").asLong()).isEqualTo(1_000_000);
            assertThat(api.invoice(CLIENT, overdueInvoice).orElseThrow().path("status").asText()).isEqualTo("pagada");
            awaitReceivables(500_000, 0, 1, 0);

            // the payment bounces (reversed) → owed again
            exec(db, "UPDATE payments SET reversed = true WHERE id = " + payment);
            awaitInvoice(overdueInvoice, i -> i.path("openClp").asLong() == 1_000_000);
            awaitReceivables(1_500_000, 1_000_000, 2, 1);

            // a credit note (DTE 61) for 400.000 reduces it: 1.000.000 − 400.000 = 600.000
            exec(db, "INSERT INTO credit_notes (folio, invoice_id, issue_date, amount_clp, reason_code) VALUES (7001, "
                    + overdueInvoice + ", '" + today + "', 400000, 3)");
            awaitInvoice(overdueInvoice, i -> i.path("openClp").asLong() == 600_000);
            assertThat(api.invoice(CLIENT, overdueInvoice).orElseThrow().path("creditedClp").asLong()).isEqualTo(400_000);
            awaitReceivables(1_100_000, 600_000, 2, 1);

            // the current invoice is voided (deleted in the ERP) → gone from the totals
            exec(db, "DELETE FROM invoices WHERE id = " + currentInvoice);
            awaitInvoice(currentInvoice, i -> i.path("status").asText().equals("anulada"));
            assertThat(api.invoice(CLIENT, currentInvoice).orElseThrow().path("openClp").asLong()).isZero();
            awaitReceivables(600_000, 600_000, 1, 1);
        }
    }

    private static long insertInvoice(Connection db, long folio, long customer, LocalDate issued, LocalDate due,
                                      long total) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO invoices (dte_type, folio, customer_id, issue_date, "
                + "due_date, total_clp) VALUES (33, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, folio);
            ps.setLong(2, customer);
            ps.setDate(3, Date.valueOf(issued));
            ps.setDate(4, Date.valueOf(due));
            ps.setLong(5, total);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long insert(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection db, String sql) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }

    private interface Check {
        boolean test(JsonNode n);
    }

    private static void awaitInvoice(long id, Check check) {
        await().atMost(30, SECONDS).pollInterval(100, MILLISECONDS).ignoreExceptions()
                .until(() -> api.invoice(CLIENT, id).map(check::test).orElse(false));
    }

    private static void awaitReceivables(long open, long overdue, long openCount, long overdueCount) throws Exception {
        await().atMost(30, SECONDS).pollInterval(100, MILLISECONDS).untilAsserted(() -> {
            JsonNode r = api.receivables(CLIENT).orElseThrow(() -> new AssertionError(CLIENT + " not listed"));
            assertThat(new long[] {r.path("openClp").asLong(), r.path("overdueClp").asLong(),
                    r.path("openInvoices").asLong(), r.path("overdueInvoices").asLong()})
                    .as("open, overdue, open invoices, overdue invoices of " + CLIENT)
                    .containsExactly(open, overdue, openCount, overdueCount);
        });
    }
}
