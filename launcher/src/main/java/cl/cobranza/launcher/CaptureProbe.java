package cl.cobranza.launcher;

import cl.cobranza.connectors.debezium.DebeziumCapture;
import cl.cobranza.connectors.debezium.SourceCapture;
import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.connectors.demo.DemoErp;
import cl.cobranza.connectors.kafka.KafkaBroker;
import cl.cobranza.connectors.mariadb.MariaDbServer;
import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.core.normalize.SourceNormalizer;
import cl.cobranza.streaming.kafka.DebeziumEnvelope;
import cl.cobranza.streaming.kafka.RawRecord;
import cl.cobranza.warehouse.ClickHouseServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Load harness for capture: events/s from commit into Kafka for a bulk load, and the delay from one commit to
 * its canonical event (raw record read from Kafka and normalised with the source's mapping profile), for a
 * PostgreSQL source (Debezium, demo-erp profile) and a MariaDB source (our binlog reader, erp-espanol).
 * Run: {@code java -cp launcher/target/cobranza-local.jar cl.cobranza.launcher.CaptureProbe [rows] [changes]}.
 */
public final class CaptureProbe {
    private CaptureProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = Files.createTempDirectory("cobranza-capture-probe");
        try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), ClickHouseServer.freePort(),
                ClickHouseServer.freePort(), 1);
             PostgresServer pg = PostgresServer.start(dir.resolve("pg"), ClickHouseServer.freePort());
             MariaDbServer mariadb = MariaDbServer.start(MariaDbServer.Config.local(dir.resolve("mariadb"),
                     MariaDbServer.freePort()))) {
            DemoClient client = new DemoClient("probe-pg", "Sonda PG SpA", "76.543.210-3", "erp_probe");
            DemoErp.install(pg, client);
            try (Connection c = pg.connect(client.database()); Statement s = c.createStatement()) {
                s.execute("INSERT INTO customers (id, rut, name) VALUES (1, '12.345.678-5', 'Deudor')");
                try (SourceCapture capture = SourceCapture.start(DebeziumCapture.Source.postgres(client.clientId(),
                        "127.0.0.1", pg.port(), client.database(), PostgresServer.SUPERUSER, "postgres", DemoErp.TABLES),
                        dir.resolve("offsets"), kafka.bootstrapServers(), Duration.ofSeconds(60))) {
                    measure("PostgreSQL (Debezium, demo-erp)", capture, kafka, "raw\\.probe-pg\\..*", c, rows, changes,
                            "INSERT INTO invoices (id, dte_type, folio, customer_id, issue_date, due_date, total_clp)"
                                    + " VALUES (?, 33, ?, 1, current_date, current_date + 30, 100000)",
                            "UPDATE invoices SET total_clp = ? WHERE id = 1",
                            Map.of("probe-pg", "demo-erp"));
                }
            }
            mariadb.createDatabaseIfMissing("erp");
            mariadb.createCaptureUser("cdc", "cdc-secret");
            try (Connection c = mariadb.connect("erp"); Statement s = c.createStatement()) {
                SchemaScripts.run(c, "/profiles/erp-espanol.mariadb.sql");
                s.execute("INSERT INTO clientes (id, rut_cuerpo, rut_dv, razon_social) VALUES (1, 12345678, '5', 'Deudor')");
                try (SourceCapture capture = SourceCapture.start(DebeziumCapture.Source.mariadb("probe-mdb", "127.0.0.1",
                        mariadb.port(), "erp", "cdc", "cdc-secret", List.of("erp.clientes", "erp.documentos",
                                "erp.aplicaciones_abono")), dir.resolve("offsets"), kafka.bootstrapServers(),
                        Duration.ofSeconds(60))) {
                    measure("MariaDB (own binlog reader, erp-espanol)", capture, kafka, "raw\\.probe-mdb\\..*", c, rows,
                            changes, "INSERT INTO documentos (id, tipo_dte, folio, cliente_id, fecha_emision, monto_total)"
                                    + " VALUES (?, 'FAC', ?, 1, current_date, 100000.00)",
                            "UPDATE documentos SET monto_total = ? WHERE id = 1",
                            Map.of("probe-mdb", "erp-espanol"));
                }
            }
        }
    }

    private static void measure(String name, SourceCapture capture, KafkaBroker kafka, String topics, Connection c,
                                int rows, int changes, String insert, String update, Map<String, String> profiles)
            throws Exception {
        SourceNormalizer normalizer = SourceNormalizer.ofProfileNames(profiles);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Pattern.compile(topics));
            // bulk: rows in transactions of 1,000, timed from the first commit to the last change in Kafka
            long before = capture.captured();
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (int i = 1; i <= rows; i++) {
                    ps.setLong(1, 1_000 + i);
                    ps.setLong(2, 1_000 + i);
                    ps.addBatch();
                    if (i % 1_000 == 0) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            long committed = System.nanoTime();
            while (capture.captured() - before < rows) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s: %,d rows committed in %.2f s, all in Kafka after %.2f s: %,.0f events/s%n", name, rows,
                    (committed - t0) / 1e9, seconds, rows / seconds);
            // single changes: commit → record polled from Kafka → canonical event
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setLong(1, 1);
                ps.setLong(2, 1);
                ps.executeUpdate();
            }
            drain(consumer, Duration.ofSeconds(3));
            List<Double> delays = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(update)) {
                for (int i = 1; i <= changes; i++) {
                    ps.setLong(1, 200_000 + i);
                    long start = System.nanoTime();
                    ps.executeUpdate();
                    boolean seen = false;
                    while (!seen) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(5))) {
                            normalizer.normalize(DebeziumEnvelope.parse(
                                    new RawRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value())));
                            seen = true;
                        }
                    }
                    delays.add((System.nanoTime() - start) / 1e6);
                }
            }
            System.out.printf("%s: commit → canonical event, %d changes: %s%n", name, changes,
                    new Latencies(delays).summary());
        }
    }

    private static void drain(KafkaConsumer<String, String> consumer, Duration quiet) {
        long until = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < until) {
            if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                until = System.nanoTime() + Duration.ofMillis(500).toNanos();
            }
        }
    }

}
