package cl.cobranza.connectors.demo;

import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.core.rut.Rut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the demo ERPs moving: new invoices and payments, and now and then an amount corrected, a
 * credit note, a payment reversed or an invoice voided, at a fixed rate from a fixed seed.
 */
public final class DemoDataGenerator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataGenerator.class);
    private static final String[] FIRST = {"Comercial", "Distribuidora", "Inversiones", "Constructora", "Agrícola",
            "Servicios", "Importadora", "Sociedad", "Transportes", "Ferretería"};
    private static final String[] SECOND = {"Aconcagua", "Del Maule", "Los Robles", "San Pedro", "Pacífico",
            "Cordillera", "El Roble", "Santa Elena", "Bío Bío", "La Frontera", "Austral", "Del Elqui"};
    private static final String[] FORM = {"SpA", "Ltda.", "S.A.", "EIRL"};

    private final PostgresServer pg;
    private final List<DemoClient> clients;
    private final double eventsPerSecond;
    private final Random random;
    private final Clock clock;
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final boolean collectionWork;
    private Connection platform;
    private Thread thread;
    private volatile boolean running;

    /** A generator of ERP changes only (no collection work). */
    public DemoDataGenerator(PostgresServer pg, List<DemoClient> clients, double eventsPerSecond, long seed, Clock clock) {
        this(pg, clients, eventsPerSecond, seed, clock, false);
    }

    /**
     * A generator of ERP changes and, when {@code collectionWork} is true, of what collectors do on overdue
     * invoices (actions, promises to pay) in the platform database ({@link PlatformDb}).
     */
    public DemoDataGenerator(PostgresServer pg, List<DemoClient> clients, double eventsPerSecond, long seed, Clock clock,
                             boolean collectionWork) {
        this.collectionWork = collectionWork;
        this.pg = pg;
        this.clients = List.copyOf(clients);
        this.eventsPerSecond = eventsPerSecond;
        this.random = new Random(seed);
        this.clock = clock;
    }

    /** Gives each client some customers and a first batch of invoices, unless it has them already. */
    public void seedIfEmpty(int customers, int invoices) throws SQLException {
        for (DemoClient client : clients) {
            Connection c = connection(client);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    continue;
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (rut, name, email) VALUES (?, ?, ?)")) {
                for (int i = 0; i < customers; i++) {
                    int body = 76_000_000 + random.nextInt(3_000_000);
                    ps.setString(1, new Rut(body, Rut.checkDigitOf(body)).toString());
                    String name = FIRST[random.nextInt(FIRST.length)] + " " + SECOND[random.nextInt(SECOND.length)]
                            + " " + FORM[random.nextInt(FORM.length)];
                    ps.setString(2, name);
                    ps.setString(3, "pagos@" + name.toLowerCase().replaceAll("[^a-z]", "") + ".cl");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            for (int i = 0; i < invoices; i++) {
                newInvoice(c);
            }
            c.commit();
            c.setAutoCommit(true);
            if (collectionWork) {
                seedCollectionWork(client, c);
            }
        }
    }

    /** Past collection work on the seeded overdue invoices: one to three actions each, sometimes a promise. */
    private void seedCollectionWork(DemoClient client, Connection erp) throws SQLException {
        List<long[]> overdue = overdueInvoices(erp, 500);
        for (long[] inv : overdue) {
            LocalDate due = LocalDate.ofEpochDay(inv[2]);
            long daysOverdue = today().toEpochDay() - due.toEpochDay();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                LocalDate on = due.plusDays(1 + random.nextInt((int) Math.max(1, daysOverdue)));
                recordAction(client, inv, on.isAfter(today()) ? today() : on);
            }
        }
    }

    /** Starts generating in a background thread. */
    public synchronized void start() {
        if (running || eventsPerSecond <= 0) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "demo-generator");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long intervalNanos = (long) (1_000_000_000L / eventsPerSecond);
        long next = System.nanoTime();
        while (running) {
            try {
                step();
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("demo generator step failed: {}", e.getMessage());
                }
            }
            next += intervalNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else if (sleep < -1_000_000_000L) {
                next = System.nanoTime(); // fell behind by more than a second: do not burst to catch up
            }
        }
    }

    /** One random change in one random client's ERP, or a collector's action on one of its overdue invoices. */
    public void step() throws SQLException {
        DemoClient client = clients.get(random.nextInt(clients.size()));
        Connection c = connection(client);
        int dice = random.nextInt(100);
        if (collectionWork && random.nextInt(100) < 15) {
            List<long[]> overdue = overdueInvoices(c, 200);
            if (!overdue.isEmpty()) {
                recordAction(client, overdue.get(random.nextInt(overdue.size())), today());
            }
        } else if (dice < 45) {
            newInvoice(c);
        } else if (dice < 80) {
            payOpenInvoice(c);
        } else if (dice < 86) {
            correctAmount(c);
        } else if (dice < 92) {
            issueCreditNote(c);
        } else if (dice < 97) {
            reversePayment(c);
        } else {
            voidInvoice(c);
        }
        changes.incrementAndGet();
    }

    public long changes() {
        return changes.get();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private void newInvoice(Connection c) throws SQLException {
        long customer = randomId(c, "SELECT id FROM customers");
        if (customer < 0) {
            return;
        }
        int dice = random.nextInt(100);
        int dte = dice < 80 ? 33 : dice < 95 ? 34 : 56;
        LocalDate issued = today().minusDays(random.nextInt(90));
        LocalDate due = random.nextInt(10) == 0 ? null : issued.plusDays(random.nextBoolean() ? 30 : 60);
        // log-normal amounts: median around $440.000, a long tail of large invoices
        long total = Math.max(20_000, Math.min(50_000_000, Math.round(Math.exp(13 + random.nextGaussian()) / 10) * 10));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO invoices (dte_type, folio, customer_id, issue_date, due_date, total_clp) "
                + "VALUES (?, (SELECT coalesce(max(folio), 1000) + 1 FROM invoices WHERE dte_type = ?), ?, ?, ?, ?)")) {
            ps.setInt(1, dte);
            ps.setInt(2, dte);
            ps.setLong(3, customer);
            ps.setDate(4, Date.valueOf(issued));
            ps.setDate(5, due == null ? null : Date.valueOf(due));
            ps.setLong(6, total);
            ps.executeUpdate();
        }
    }

    private static final String OPEN_INVOICES = "SELECT i.id, i.total_clp"
            + " - coalesce((SELECT sum(amount_clp) FROM payments p WHERE p.invoice_id = i.id AND NOT p.reversed), 0)"
            + " - coalesce((SELECT sum(amount_clp) FROM credit_notes n WHERE n.invoice_id = i.id), 0) AS open, i.issue_date"
            + " FROM invoices i";

    private long[] randomOpenInvoice(Connection c) throws SQLException {
        List<long[]> open = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT * FROM (" + OPEN_INVOICES + ") o WHERE open > 0 ORDER BY id DESC LIMIT 200")) {
            while (rs.next()) {
                open.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate().toEpochDay()});
            }
        }
        return open.isEmpty() ? null : open.get(random.nextInt(open.size()));
    }

    /** Open invoices past their due date: {id, open CLP, due epoch day}, newest first. */
    private List<long[]> overdueInvoices(Connection c, int limit) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, open, due FROM (SELECT i.id, i.total_clp"
                + " - coalesce((SELECT sum(amount_clp) FROM payments p WHERE p.invoice_id = i.id AND NOT p.reversed), 0)"
                + " - coalesce((SELECT sum(amount_clp) FROM credit_notes n WHERE n.invoice_id = i.id), 0) AS open,"
                + " coalesce(i.due_date, i.issue_date + 30) AS due FROM invoices i) o"
                + " WHERE open > 0 AND due < ? ORDER BY id DESC LIMIT " + limit)) {
            ps.setDate(1, Date.valueOf(today()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate().toEpochDay()});
                }
            }
        }
        return out;
    }

    private static final String[] CHANNELS = {"EMAIL", "EMAIL", "WHATSAPP", "WHATSAPP", "SMS", "CALL", "CALL", "CALL",
            "VISIT", "LETTER"};
    private static final String[] CALL_OUTCOMES = {"CONTACTED", "PROMISED_TO_PAY", "PROMISED_TO_PAY", "NO_ANSWER",
            "NO_ANSWER", "MESSAGE_LEFT", "WRONG_PARTY", "DISPUTED", "REFUSED"};
    private static final String[] MESSAGE_OUTCOMES = {"DELIVERED", "DELIVERED", "DELIVERED", "BOUNCED", "PROMISED_TO_PAY"};

    /** One collector action on an overdue invoice {id, open, due}; a promise to pay when the debtor makes one. */
    private void recordAction(DemoClient client, long[] invoice, LocalDate on) throws SQLException {
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        boolean talk = channel.equals("CALL") || channel.equals("VISIT");
        String outcome = talk ? CALL_OUTCOMES[random.nextInt(CALL_OUTCOMES.length)]
                : MESSAGE_OUTCOMES[random.nextInt(MESSAGE_OUTCOMES.length)];
        int minutes = channel.equals("VISIT") ? 20 + random.nextInt(40)
                : channel.equals("CALL") ? (outcome.equals("NO_ANSWER") ? 0 : 1 + random.nextInt(12)) : random.nextInt(3);
        Connection p = platform();
        try (PreparedStatement ps = p.prepareStatement("INSERT INTO collections.collection_actions"
                + " (client_id, invoice_id, action_date, channel, outcome, agent_minutes, recorded_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'generador-demo')")) {
            ps.setString(1, client.clientId());
            ps.setString(2, Long.toString(invoice[0]));
            ps.setDate(3, Date.valueOf(on));
            ps.setString(4, channel);
            ps.setString(5, outcome);
            ps.setInt(6, minutes);
            ps.executeUpdate();
        }
        if (outcome.equals("PROMISED_TO_PAY")) {
            long amount = random.nextBoolean() ? invoice[1] : Math.max(1, invoice[1] / 2);
            try (PreparedStatement ps = p.prepareStatement("INSERT INTO collections.promises"
                    + " (client_id, invoice_id, made_on, promised_date, amount_clp, recorded_by)"
                    + " VALUES (?, ?, ?, ?, ?, 'generador-demo')")) {
                ps.setString(1, client.clientId());
                ps.setString(2, Long.toString(invoice[0]));
                ps.setDate(3, Date.valueOf(on));
                ps.setDate(4, Date.valueOf(on.plusDays(2 + random.nextInt(12))));
                ps.setBigDecimal(5, java.math.BigDecimal.valueOf(amount));
                ps.executeUpdate();
            }
        }
    }

    private Connection platform() throws SQLException {
        if (platform == null || platform.isClosed()) {
            platform = pg.connect(PlatformDb.DATABASE);
        }
        return platform;
    }

    private void payOpenInvoice(Connection c) throws SQLException {
        long[] inv = randomOpenInvoice(c);
        if (inv == null) {
            return;
        }
        long amount = random.nextInt(10) < 7 ? inv[1] : Math.max(1, inv[1] * (30 + random.nextInt(40)) / 100);
        LocalDate paidOn = today();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO payments (invoice_id, paid_on, amount_clp, method) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, inv[0]);
            ps.setDate(2, Date.valueOf(paidOn));
            ps.setLong(3, amount);
            ps.setString(4, random.nextInt(4) == 0 ? "cheque" : "transferencia");
            ps.executeUpdate();
        }
    }

    private void correctAmount(Connection c) throws SQLException {
        long id = randomId(c, "SELECT id FROM invoices ORDER BY id DESC LIMIT 200");
        if (id >= 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE invoices SET total_clp = greatest(1000, total_clp * ? / 100) WHERE id = ?")) {
                ps.setInt(1, 90 + random.nextInt(21));
                ps.setLong(2, id);
                ps.executeUpdate();
            }
        }
    }

    private void issueCreditNote(Connection c) throws SQLException {
        long[] inv = randomOpenInvoice(c);
        if (inv == null) {
            return;
        }
        boolean cancels = random.nextBoolean();
        LocalDate issued = LocalDate.ofEpochDay(Math.max(inv[2], today().minusDays(5).toEpochDay()));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO credit_notes (folio, invoice_id, issue_date, amount_clp, reason_code) "
                + "VALUES ((SELECT coalesce(max(folio), 5000) + 1 FROM credit_notes), ?, ?, ?, ?)")) {
            ps.setLong(1, inv[0]);
            ps.setDate(2, Date.valueOf(issued));
            ps.setLong(3, cancels ? inv[1] : Math.max(1, inv[1] / 10));
            ps.setInt(4, cancels ? 1 : 3);
            ps.executeUpdate();
        }
    }

    private void reversePayment(Connection c) throws SQLException {
        long id = randomId(c, "SELECT id FROM payments WHERE NOT reversed ORDER BY id DESC LIMIT 100");
        if (id >= 0) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE payments SET reversed = true WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
    }

    private void voidInvoice(Connection c) throws SQLException {
        long id = randomId(c, "SELECT id FROM invoices ORDER BY id DESC LIMIT 100");
        if (id >= 0) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM invoices WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
    }

    private long randomId(Connection c, String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids.isEmpty() ? -1 : ids.get(random.nextInt(ids.size()));
    }

    private Connection connection(DemoClient client) throws SQLException {
        Connection c = connections.get(client.clientId());
        if (c == null || c.isClosed()) {
            c = pg.connect(client.database());
            connections.put(client.clientId(), c);
        }
        return c;
    }

    @Override
    public synchronized void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(5_000);
        }
        if (platform != null) {
            try {
                platform.close();
            } catch (SQLException ignored) {
                // closing on shutdown
            }
        }
        for (Connection c : connections.values()) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing on shutdown: nothing left to do with a broken connection
            }
        }
        connections.clear();
    }
}
