package cl.cobranza.connectors.demo;

import cl.cobranza.connectors.postgres.PostgresServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test kit: a real PostgreSQL in a temporary folder with the platform database, demo clients and row readers. */
final class DemoDatabases {
    /** Monday 16 June 2025, 15:00 in Santiago: the tests' today. */
    static final LocalDate TODAY = LocalDate.of(2025, 6, 16);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-16T19:00:00Z"), ZoneId.of("America/Santiago"));

    private DemoDatabases() {
    }

    static PostgresServer start(Path dir) throws Exception {
        PostgresServer pg = PostgresServer.start(dir.resolve("postgres"), freePort());
        PlatformDb.install(pg);
        return pg;
    }

    /** A client whose ERP database is created (empty) under its own name. */
    static DemoClient client(PostgresServer pg, String id) throws SQLException {
        DemoClient c = new DemoClient(id, "Cliente " + id, "76.543.210-3", "erp_" + id.replace('-', '_'));
        DemoErp.install(pg, c);
        return c;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Every row of a query, each as a list of its columns' text (null as "null"). */
    static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                out.add(row);
            }
        }
        return out;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** An invoice as the ERP holds it; {@code due} is the effective due date (issue + 30 when the ERP has none). */
    record Invoice(long id, long customer, int dte, long folio, LocalDate issued, LocalDate due, boolean dueGiven,
                   long total) {
    }

    /** A payment. */
    record Payment(long id, long invoice, LocalDate paidOn, long amount, String method, boolean reversed) {
    }

    /** A credit note. */
    record CreditNote(long id, long invoice, LocalDate issued, long amount, int reason) {
    }

    /** A collection action. */
    record Action(long id, long invoice, LocalDate on, String channel, String outcome, int minutes) {
    }

    /** A promise to pay. */
    record Promise(long id, long invoice, LocalDate madeOn, LocalDate promisedOn, long amount) {
    }

    /** Everything the generator wrote for one client, read back with plain SQL. */
    record Rows(Map<Long, DebtorProfile> profiles, Map<Long, Invoice> invoices, List<Payment> payments,
                List<CreditNote> creditNotes, List<Action> actions, List<Promise> promises) {

        List<Payment> paymentsOf(long invoice) {
            List<Payment> out = new ArrayList<>();
            for (Payment p : payments) {
                if (p.invoice() == invoice) {
                    out.add(p);
                }
            }
            return out;
        }

        DebtorBehaviour behaviourOfInvoice(long invoice) {
            return profiles.get(invoices.get(invoice).customer()).behaviour();
        }
    }

    static Rows read(PostgresServer pg, DemoClient client) throws SQLException {
        Map<Long, Invoice> invoices = new LinkedHashMap<>();
        List<Payment> payments = new ArrayList<>();
        List<CreditNote> notes = new ArrayList<>();
        Map<Long, DebtorProfile> profiles;
        try (Connection c = pg.connect(client.database()); Statement s = c.createStatement()) {
            profiles = DemoBehaviours.read(c);
            try (ResultSet rs = s.executeQuery("SELECT id, customer_id, dte_type, folio, issue_date, due_date, total_clp"
                    + " FROM invoices ORDER BY id")) {
                while (rs.next()) {
                    LocalDate issued = rs.getDate(5).toLocalDate();
                    java.sql.Date due = rs.getDate(6);
                    invoices.put(rs.getLong(1), new Invoice(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4),
                            issued, due == null ? issued.plusDays(30) : due.toLocalDate(), due != null, rs.getLong(7)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, invoice_id, paid_on, amount_clp, method, reversed"
                    + " FROM payments ORDER BY id")) {
                while (rs.next()) {
                    payments.add(new Payment(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getLong(4),
                            rs.getString(5), rs.getBoolean(6)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, invoice_id, issue_date, amount_clp, reason_code"
                    + " FROM credit_notes ORDER BY id")) {
                while (rs.next()) {
                    notes.add(new CreditNote(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getLong(4),
                            rs.getInt(5)));
                }
            }
        }
        List<Action> actions = new ArrayList<>();
        List<Promise> promises = new ArrayList<>();
        try (Connection c = pg.connect(PlatformDb.DATABASE); Statement s = c.createStatement()) {
            String client_ = "'" + client.clientId().replace("'", "''") + "'";
            try (ResultSet rs = s.executeQuery("SELECT id, invoice_id, action_date, channel, outcome, agent_minutes"
                    + " FROM collections.collection_actions WHERE client_id = " + client_ + " ORDER BY id")) {
                while (rs.next()) {
                    actions.add(new Action(rs.getLong(1), Long.parseLong(rs.getString(2)), rs.getDate(3).toLocalDate(),
                            rs.getString(4), rs.getString(5), rs.getInt(6)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, invoice_id, made_on, promised_date, amount_clp"
                    + " FROM collections.promises WHERE client_id = " + client_ + " ORDER BY id")) {
                while (rs.next()) {
                    promises.add(new Promise(rs.getLong(1), Long.parseLong(rs.getString(2)), rs.getDate(3).toLocalDate(),
                            rs.getDate(4).toLocalDate(), rs.getBigDecimal(5).longValueExact()));
                }
            }
        }
        return new Rows(profiles, invoices, payments, notes, actions, promises);
    }
}
