package cl.cobranza.launcher;

import cl.cobranza.connectors.debezium.SourceCapture;
import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.warehouse.SourceStatus;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseSettings;
import cl.cobranza.warehouse.WarehouseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every few seconds, writes each capture's health to the warehouse ({@code source_status}): state, changes
 * captured, and for sources on the local PostgreSQL the replication slot's lag in bytes (WAL the slot still
 * holds back). A failed report is logged and tried again at the next tick; it never stops a capture.
 */
final class SourceHealthReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceHealthReporter.class);

    /** What the reporter needs to know of one capture. */
    record Watched(String clientId, String kind, SourceCapture capture, boolean onLocalPostgres) {
    }

    private final Supplier<List<Watched>> watched;
    private final PostgresServer postgres;
    private final Warehouse warehouse;
    private final WarehouseWriter writer;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "source-health");
        t.setDaemon(true);
        return t;
    });

    SourceHealthReporter(Supplier<List<Watched>> watched, PostgresServer postgres, WarehouseSettings writerSettings,
                         Clock clock, long periodMillis) {
        this.watched = watched;
        this.postgres = postgres;
        this.warehouse = new Warehouse(writerSettings);
        this.writer = new WarehouseWriter(warehouse);
        this.clock = clock;
        timer.scheduleWithFixedDelay(this::reportQuietly, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void reportQuietly() {
        try {
            report();
        } catch (Exception e) {
            LOG.warn("source health report failed: {}", e.toString());
        }
    }

    /** One report of every watched capture. */
    void report() throws Exception {
        Map<String, Long> lagBySlot = slotLag();
        List<SourceStatus> rows = new ArrayList<>();
        for (Watched w : watched.get()) {
            SourceCapture c = w.capture();
            String slot = "cobranza_" + c.source().replaceAll("[^a-zA-Z0-9]", "_").toLowerCase();
            Throwable failure = c.failure();
            rows.add(new SourceStatus(c.source(), w.clientId(), w.kind(), c.state(), c.captured(),
                    w.onLocalPostgres() ? lagBySlot.get(slot) : null,
                    failure == null ? "" : String.valueOf(failure.getMessage()), clock.instant()));
        }
        writer.writeSourceStatus(rows);
    }

    /** Bytes of WAL each replication slot of the local PostgreSQL still holds back. */
    private Map<String, Long> slotLag() {
        Map<String, Long> lag = new HashMap<>();
        try (Connection db = postgres.connect("postgres"); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT slot_name, pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)"
                     + " FROM pg_replication_slots WHERE confirmed_flush_lsn IS NOT NULL")) {
            while (rs.next()) {
                lag.put(rs.getString(1), rs.getLong(2));
            }
        } catch (Exception e) {
            LOG.debug("slot lag not available: {}", e.toString());
        }
        return lag;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        warehouse.close();
    }
}
