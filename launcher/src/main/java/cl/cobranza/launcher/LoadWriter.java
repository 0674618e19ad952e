package cl.cobranza.launcher;

import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.connectors.postgres.PostgresServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Background load for the load harnesses: writer threads committing invoices, payments and corrections into
 * demo ERP databases in batched transactions, at a fixed total rate or as fast as they go (rate 0).
 *
 * <p>Each event changes the warehouse in a way that can be counted without knowing the order of arrival:
 * every invoice is inserted with a total of {@link #INVOICE_TOTAL}, every payment pays 1 peso, every
 * correction adds 1 peso to an invoice's total. So, over {@code invoice_state FINAL} of the load clients,
 * {@code count()} = invoices landed, {@code sum(paid_clp)} = payments landed and
 * {@code sum(total_clp) - INVOICE_TOTAL * count()} = corrections landed (see {@link #landedSql}).
 */
final class LoadWriter implements AutoCloseable {
    /** Total of every inserted invoice, in pesos. */
    static final long INVOICE_TOTAL = 1_000_000;
    /** Invoice ids of writer {@code w} start at {@code (w + 1) * ID_BLOCK}: writers never collide. */
    private static final long ID_BLOCK = 100_000_000L;
    /**
     * Debtors of each writer (ids {@code w * DEBTORS + 1 …}): invoices are spread over them, so a debtor has tens
     * to hundreds of invoices as in a pyme's ERP. (A first version gave each writer one debtor with every invoice;
     * the job's debtor-risk operator, which rescans a debtor's invoices, then dominated the profile.)
     */
    static final int DEBTORS = 200;

    private final PostgresServer postgres;
    private final List<DemoClient> clients;
    private final double eventsPerSecond;
    private final int writersPerClient;
    private final int batch;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong invoices = new AtomicLong();
    private final AtomicLong payments = new AtomicLong();
    private final AtomicLong corrections = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private volatile boolean stop;
    private volatile Throwable failure;

    /**
     * @param eventsPerSecond  total target rate over all writers; 0 = as fast as possible
     * @param writersPerClient writer threads per client database
     * @param batch            change events per transaction (fewer at low rates, so commits stay spread out)
     */
    LoadWriter(PostgresServer postgres, List<DemoClient> clients, double eventsPerSecond, int writersPerClient, int batch) {
        this.postgres = postgres;
        this.clients = List.copyOf(clients);
        this.eventsPerSecond = eventsPerSecond;
        this.writersPerClient = writersPerClient;
        this.batch = batch;
    }

    /** Inserts each writer's debtor (not counted: setup), so that the timed events are invoices, payments, corrections. */
    void prepare() throws SQLException {
        for (int c = 0; c < clients.size(); c++) {
            try (Connection db = postgres.connect(clients.get(c).database()); Statement s = db.createStatement()) {
                for (int w = 0; w < writersPerClient; w++) {
                    long first = (long) writerIndex(c, w) * DEBTORS + 1;
                    s.execute("INSERT INTO customers (id, rut, name) SELECT g, '12.345.678-5', 'Deudor carga ' || g "
                            + "FROM generate_series(" + first + ", " + (first + DEBTORS - 1) + ") g ON CONFLICT DO NOTHING");
                }
            }
        }
    }

    private int writerIndex(int client, int writer) {
        return client * writersPerClient + writer;
    }

    /** Starts the writer threads. */
    void start() {
        int total = clients.size() * writersPerClient;
        double perWriter = eventsPerSecond / total;
        // at a fixed rate, about 20 commits per second per writer (at most {@code batch} events each)
        int txSize = eventsPerSecond <= 0 ? batch : (int) Math.max(1, Math.min(batch, Math.round(perWriter / 20)));
        for (int c = 0; c < clients.size(); c++) {
            for (int w = 0; w < writersPerClient; w++) {
                int index = writerIndex(c, w);
                DemoClient client = clients.get(c);
                Thread t = new Thread(() -> run(client, index, perWriter, txSize), "load-writer-" + index);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
    }

    private void run(DemoClient client, int index, double rate, int txSize) {
        long firstCustomer = (long) index * DEBTORS + 1;
        long firstId = (index + 1L) * ID_BLOCK;
        long nextId = firstId;
        SplittableRandom random = new SplittableRandom(index);
        long sent = 0;
        long t0 = System.nanoTime();
        try (Connection db = postgres.connectForBatches(client.database());
             PreparedStatement invoice = db.prepareStatement("INSERT INTO invoices (id, dte_type, folio, customer_id, "
                     + "issue_date, due_date, total_clp) VALUES (?, 33, ?, ?, current_date, current_date + 30, "
                     + INVOICE_TOTAL + ")");
             PreparedStatement payment = db.prepareStatement(
                     "INSERT INTO payments (invoice_id, paid_on, amount_clp) VALUES (?, current_date, 1)");
             PreparedStatement correction = db.prepareStatement(
                     "UPDATE invoices SET total_clp = total_clp + 1 WHERE id = ?")) {
            db.setAutoCommit(false);
            while (!stop) {
                long inv = 0;
                long pay = 0;
                long cor = 0;
                for (int i = 0; i < txSize; i++) {
                    // of every 10 events: 4 new invoices, 4 payments, 2 corrections (on this writer's invoices)
                    int kind = (int) ((sent + i) % 10);
                    if (nextId == firstId || kind < 4) {
                        invoice.setLong(1, nextId);
                        invoice.setLong(2, nextId);
                        invoice.setLong(3, firstCustomer + random.nextInt(DEBTORS));
                        invoice.addBatch();
                        nextId++;
                        inv++;
                    } else if (kind < 8) {
                        payment.setLong(1, firstId + random.nextLong(nextId - firstId));
                        payment.addBatch();
                        pay++;
                    } else {
                        correction.setLong(1, firstId + random.nextLong(nextId - firstId));
                        correction.addBatch();
                        cor++;
                    }
                }
                invoice.executeBatch();
                payment.executeBatch();
                correction.executeBatch();
                db.commit();
                invoices.addAndGet(inv);
                payments.addAndGet(pay);
                corrections.addAndGet(cor);
                transactions.incrementAndGet();
                sent += txSize;
                if (rate > 0) {
                    long due = t0 + (long) (sent / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            }
        } catch (Throwable e) {
            failure = e;
        }
    }

    /** Change events committed so far (invoices + payments + corrections). */
    long committed() {
        return invoices.get() + payments.get() + corrections.get();
    }

    long invoices() {
        return invoices.get();
    }

    long payments() {
        return payments.get();
    }

    long corrections() {
        return corrections.get();
    }

    long transactions() {
        return transactions.get();
    }

    /** Fails when a writer thread failed. */
    void check() {
        if (failure != null) {
            throw new IllegalStateException("a load writer failed", failure);
        }
    }

    /** Stops the writers and waits for their last transaction. */
    void stop() throws InterruptedException {
        stop = true;
        for (Thread t : threads) {
            t.join(30_000);
        }
        check();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * One row: invoices, payments and corrections landed in {@code invoice_state} for these clients (see the
     * class comment).
     */
    static String landedSql(List<String> clientIds) {
        String in = String.join("','", clientIds);
        return "SELECT count() AS invoices, sum(paid_clp) AS payments, sum(total_clp) - " + INVOICE_TOTAL
                + " * count() AS corrections FROM invoice_state FINAL WHERE client_id IN ('" + in + "')";
    }
}
