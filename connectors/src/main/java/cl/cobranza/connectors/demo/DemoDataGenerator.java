package cl.cobranza.connectors.demo;

import cl.cobranza.connectors.postgres.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Demo receivables worth looking at: each client's ERP gets debtors with a hidden payment behaviour
 * ({@link DebtorBehaviour}: puntual, habitualmente atrasado, crónico, moroso, disputador) and about six months of
 * history consistent with it, then keeps moving at a fixed rate, all from a fixed seed.
 *
 * <p><b>Seeding</b> ({@link #seedIfEmpty}) simulates {@value #HISTORY_DAYS} days day by day
 * ({@link DemoHistory}): Chilean debtors (valid RUTs, companies 76–77 million, people 5–25 million; Spanish names;
 * e-mails), invoices (DTE 33 with total = net + 19 % IVA, 34 exempt, 56 debit notes) with log-normal amounts per
 * debtor size and 0/15/30/60/90-day terms, payments on the days each behaviour pays (instalments, bounced cheques
 * reversed), credit notes (DTE 61, partial and cancelling, most after disputes) and, with collection work, the
 * agency's actions and promises to pay in the platform database ({@link PlatformDb}), each promise kept or broken
 * with the debtor's promise-keeping probability. The ERP rows go in one transaction of batched inserts, the
 * platform rows in another.
 *
 * <p><b>The truth</b> is the table {@code demo_behaviours} ({@link DemoBehaviours}): per customer, its behaviour,
 * every parameter ({@link DebtorProfile}) and its seed. Debezium does not capture it, so the platform never sees it;
 * a risk model can be scored against it. Every invoice's fate is a pure function of the profile and the invoice's
 * DTE type and folio ({@link InvoiceFate}), so seeding and live steps agree without shared state.
 *
 * <p><b>Live steps</b> ({@link #step}) change one client's data each, dated today: an invoice issued (30 % of
 * steps), a payment or credit note that the debtor's behaviour makes due today (45 %), a collector's action within
 * the legal contact limits (13 %), a cheque bouncing, an amount corrected, a mistaken invoice deleted (4 % each, and
 * only as often as each debtor's parameters allow). When the drawn kind of change has nothing to act on, an invoice
 * is issued instead. Before any of these, whatever the behaviours made due on an earlier day and the ERP does not
 * show yet (the stack was stopped, or the rate is low) is registered first, as clerks catch up: with its own date up
 * to 15 days back, older than that today, and a promise's payment always on its own day. Dates follow the calendar,
 * not the rate: at several changes per second, sales outpace collections, which come only as the behaviours make
 * them due.
 *
 * <p>Deterministic for a seed and a clock: the same seed, clock and starting databases give the same rows.
 */
public final class DemoDataGenerator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDataGenerator.class);
    /** How many days of history {@link #seedIfEmpty} creates. */
    public static final int HISTORY_DAYS = DemoHistory.HISTORY_DAYS;

    private final PostgresServer pg;
    private final List<DemoClient> clients;
    private final double eventsPerSecond;
    private final long seed;
    private final Random random;
    private final Clock clock;
    private final boolean collectionWork;
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, LiveClient> live = new LinkedHashMap<>();
    private final AtomicLong changes = new AtomicLong();
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
        this.seed = seed;
        this.random = new Random(seed);
        this.clock = clock;
    }

    /**
     * Gives each client without customers {@code customers} debtors and about {@code invoices} documents issued over
     * the last {@value #HISTORY_DAYS} days, with their payments, credit notes and collection work.
     * A client that has customers already is left as it is.
     */
    public void seedIfEmpty(int customers, int invoices) throws SQLException {
        for (DemoClient client : clients) {
            Connection c = connection(client);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM customers")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    continue;
                }
            }
            long t0 = System.nanoTime();
            long clientSeed = clientSeed(client);
            DemoHistory h = DemoHistory.generate(clientSeed, customers, invoices, today(), collectionWork);
            SeedWriter writer = new SeedWriter(clock, DemoRandom.mix(clientSeed, 4));
            long[] invoiceIds = writer.writeErp(c, h);
            if (collectionWork) {
                writer.writePlatform(platform(), client.clientId(), h, invoiceIds);
            }
            live.remove(client.clientId());
            LOG.info("seeded {}: {} customers, {} invoices, {} credit notes, {} payments, {} actions, {} promises in {} ms",
                    client.clientId(), h.customers.size(), h.invoices.size(), h.creditNotes.size(), h.payments.size(),
                    h.actions.size(), h.promises.size(), (System.nanoTime() - t0) / 1_000_000);
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

    /**
     * One change in one random client's ERP or, with collection work, in its collection records: see the class
     * comment for the kinds and their shares.
     */
    public void step() throws SQLException {
        DemoClient client = clients.get(random.nextInt(clients.size()));
        LiveClient c = liveClient(client);
        if (c.catchUp(random)) {
            changes.incrementAndGet();
            return;
        }
        int dice = random.nextInt(100);
        boolean changed;
        if (dice < 30) {
            changed = c.newInvoice(random);
        } else if (dice < 75) {
            changed = c.settle(random);
        } else if (dice < 88) {
            changed = collectionWork && c.collect(random);
        } else if (dice < 92) {
            changed = c.correctAmount(random);
        } else if (dice < 96) {
            changed = c.bounceCheque(random);
        } else {
            changed = c.voidInvoice(random);
        }
        if (!changed) {
            c.newInvoice(random);
        }
        changes.incrementAndGet();
    }

    /** How many steps have run. */
    public long changes() {
        return changes.get();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Each client's own seed, so that a client's data does not depend on which other clients the generator has. */
    private long clientSeed(DemoClient client) {
        return DemoRandom.mix(seed, DemoRandom.hash(client.clientId()));
    }

    private LiveClient liveClient(DemoClient client) throws SQLException {
        Connection c = connection(client);
        LiveClient lc = live.get(client.clientId());
        if (lc == null) {
            lc = new LiveClient(client, clientSeed(client), c, this::platform, clock);
            live.put(client.clientId(), lc);
        }
        return lc;
    }

    private Connection platform() throws SQLException {
        if (platform == null || platform.isClosed()) {
            platform = pg.connectForBatches(PlatformDb.DATABASE);
        }
        return platform;
    }

    private Connection connection(DemoClient client) throws SQLException {
        Connection c = connections.get(client.clientId());
        if (c == null || c.isClosed()) {
            c = pg.connectForBatches(client.database());
            connections.put(client.clientId(), c);
            live.remove(client.clientId()); // its live view holds the old connection
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
        live.clear();
    }
}
