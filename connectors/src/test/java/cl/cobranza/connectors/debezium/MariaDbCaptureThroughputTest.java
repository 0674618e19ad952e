package cl.cobranza.connectors.debezium;

import cl.cobranza.connectors.kafka.KafkaBroker;
import cl.cobranza.connectors.mariadb.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast the MariaDB capture gets a bulk of inserts into Kafka (printed; asserted only loosely): rows inserted in
 * transactions of 1,000, and the same rows read by a fresh capture's snapshot. Everything on this machine: MariaDB,
 * the broker, the engine and the test share the cores.
 */
class MariaDbCaptureThroughputTest {
    private static final int ROWS = 20_000;
    private static final int PER_TRANSACTION = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void twentyThousandInsertsReachKafka(@TempDir Path dir) throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), MariaDbServer.freePort(), MariaDbServer.freePort(), 1);
             MariaDbServer db = MariaDbErp.start(dir.resolve("mariadb"))) {
            MariaDbErp.exec(db, "INSERT INTO clientes (id, rut_cuerpo, rut_dv, razon_social) VALUES (1, 76543210, '3', 'Ferretería Los Andes SpA')");
            try (SourceCapture capture = SourceCapture.start(MariaDbErp.source("bulk", db), dir.resolve("offsets"),
                    kafka.bootstrapServers(), WAIT)) {
                awaitCaptured(capture, 1); // the snapshot
                for (int round = 1; round <= 2; round++) {
                    long base = capture.captured();
                    long t0 = System.nanoTime();
                    insertAbonos(db, (round - 1) * ROWS + 1, ROWS);
                    long inserted = System.nanoTime();
                    awaitCaptured(capture, base + ROWS);
                    long done = System.nanoTime();
                    System.out.printf("streaming round %d: %,d rows inserted in %d ms (%,.0f rows/s); all in Kafka after %d ms: "
                                    + "%,.0f events/s captured (%d ms after the last commit)%n", round, ROWS,
                            ms(inserted - t0), ROWS / sec(inserted - t0), ms(done - t0), ROWS / sec(done - t0),
                            ms(done - inserted));
                    assertThat(ROWS / sec(done - t0)).as("events/s").isGreaterThan(200);
                }
            }
            // a fresh capture of the same database reads the 40,000 rows by snapshot
            long t0 = System.nanoTime(); // start returns once the snapshot is in Kafka and streaming runs
            try (SourceCapture snapshot = SourceCapture.start(MariaDbErp.source("bulk-snapshot", db),
                    dir.resolve("offsets"), kafka.bootstrapServers(), WAIT)) {
                awaitCaptured(snapshot, 2L * ROWS + 1);
                long done = System.nanoTime();
                System.out.printf("snapshot: %,d rows in Kafka after %d ms: %,.0f events/s%n", 2 * ROWS + 1, ms(done - t0),
                        (2 * ROWS + 1) / sec(done - t0));
            }
            try (RawTopics topics = new RawTopics(kafka.bootstrapServers(), "bulk")) {
                var all = topics.awaitUntil(c -> c.stream().filter(x -> x.topic().endsWith(".abonos")).count() >= 2L * ROWS,
                        WAIT, "all abonos");
                Map<Long, Long> perId = all.stream().filter(c -> c.topic().endsWith(".abonos"))
                        .collect(Collectors.groupingBy(RawTopics.Change::id, Collectors.counting()));
                assertThat(perId).hasSize(2 * ROWS);
                assertThat(perId.values()).containsOnly(1L);
            }
        }
    }

    private static void insertAbonos(MariaDbServer db, long firstId, int rows) throws Exception {
        try (Connection c = db.connect(MariaDbErp.DATABASE);
             PreparedStatement ps = c.prepareStatement("INSERT INTO abonos (id, cliente_id, fecha, monto, medio_pago) "
                     + "VALUES (?, 1, '2026-11-20', ?, 'transferencia')")) {
            c.setAutoCommit(false);
            for (long id = firstId; id < firstId + rows; id++) {
                ps.setLong(1, id);
                ps.setString(2, (id % 1_000_000) + ".25");
                ps.addBatch();
                if ((id - firstId + 1) % PER_TRANSACTION == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }

    private static void awaitCaptured(SourceCapture capture, long count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (capture.captured() < count) {
            assertThat(System.nanoTime()).as("%d events captured within %s (have %d)", count, WAIT, capture.captured())
                    .isLessThan(deadline);
            assertThat(capture.failed()).isFalse();
            Thread.sleep(5);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
