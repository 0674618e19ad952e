package cl.cobranza.launcher;

import cl.cobranza.connectors.debezium.DebeziumCapture;
import cl.cobranza.connectors.debezium.SourceCapture;
import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.connectors.demo.DemoErp;
import cl.cobranza.connectors.kafka.KafkaBroker;
import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.core.normalize.SourceNormalizer;
import cl.cobranza.core.state.Activity;
import cl.cobranza.core.state.InvoiceSnapshot;
import cl.cobranza.streaming.LocalJobRunner;
import cl.cobranza.streaming.kafka.DebeziumEnvelope;
import cl.cobranza.streaming.kafka.RawRecord;
import cl.cobranza.streaming.receivables.TermsBook;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.Migrations;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseSettings;
import cl.cobranza.warehouse.WarehouseWriter;
import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stage ratios of issue 7, on a stack of its own (ClickHouse, PostgreSQL, Kafka, Debezium; Flink started later):
 * <ol>
 *   <li>the raw topics are filled by Debezium from {@code events} changes committed into demo ERPs (the
 *       {@link LoadWriter} mix); captures are then stopped;</li>
 *   <li>a plain {@link KafkaConsumer} reads every record and parses its JSON (Jackson tree), then again parsing and
 *       normalising each (what the job's first operator does);</li>
 *   <li>the Flink job starts on the filled topics: time until ClickHouse has every change;</li>
 *   <li>{@code sinkRows} invoice snapshots are written as the job's sink writes them (newest row per key in
 *       batches of 20,000, {@link WarehouseWriter#writeInvoices}) and as one bulk TabSeparated insert with
 *       client-v2 directly.</li>
 * </ol>
 */
final class StageRatios {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StageRatios() {
    }

    static void run(int events, int clients, int sinkRows) throws Exception {
        Path dir = Files.createTempDirectory("cobranza-stages");
        List<DemoClient> load = LoadHarness.loadClients(clients);
        try (ClickHouseServer ch = ClickHouseServer.start(ClickHouseServer.Config.local(dir.resolve("clickhouse"),
                ClickHouseServer.freePort(), ClickHouseServer.freePort()));
             PostgresServer pg = PostgresServer.start(dir.resolve("pg"), ClickHouseServer.freePort());
             KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"), ClickHouseServer.freePort(),
                     ClickHouseServer.freePort(), 2)) {
            Migrations.migrate(ch.writerSettings());
            LoadWriter writer = fill(pg, kafka, load, events, dir);
            long total = writer.committed() + (long) clients * 2 * LoadWriter.DEBTORS;
            System.out.printf("raw topics filled: %,d change events (%,d invoices, %,d payments, %,d corrections) "
                            + "+ %,d debtors = %,d records%n", writer.committed(), writer.invoices(), writer.payments(),
                    writer.corrections(), total - writer.committed(), total);

            Map<String, String> profiles = load.stream().collect(Collectors.toMap(DemoClient::clientId, c -> "demo-erp"));
            double json = plainConsumer(kafka, total, false, profiles);
            double normalised = plainConsumer(kafka, total, true, profiles);
            double flink = flinkJob(dir, kafka, ch.writerSettings(), load, writer);
            System.out.printf("Flink / plain consumer (JSON only):  %.2f×%n", flink / json);
            System.out.printf("Flink / plain consumer (normalised): %.2f×%n", flink / normalised);

            sinkVersusBulk(ch.writerSettings(), sinkRows);
        }
    }

    /** Fills the raw topics through Debezium; returns the writer with what was committed. */
    private static LoadWriter fill(PostgresServer pg, KafkaBroker kafka, List<DemoClient> load, int events, Path dir)
            throws Exception {
        List<SourceCapture> captures = new ArrayList<>();
        try {
            for (DemoClient c : load) {
                DemoErp.install(pg, c);
                captures.add(SourceCapture.start(DebeziumCapture.Source.postgres(c.clientId(), "127.0.0.1", pg.port(),
                        c.database(), PostgresServer.SUPERUSER, "postgres", DemoErp.TABLES), dir.resolve("offsets"),
                        kafka.bootstrapServers(), Duration.ofSeconds(60)));
            }
            LoadWriter writer = new LoadWriter(pg, load, 0, 2, 200);
            writer.prepare();
            long t0 = System.nanoTime();
            writer.start();
            while (writer.committed() < events) {
                Thread.sleep(20);
            }
            writer.stop();
            long expected = writer.committed() + (long) load.size() * 2 * LoadWriter.DEBTORS;
            while (captures.stream().mapToLong(SourceCapture::captured).sum() < expected) {
                Thread.sleep(100);
            }
            System.out.printf("filling: %,d events committed and captured into Kafka in %.1f s%n", writer.committed(),
                    (System.nanoTime() - t0) / 1e9);
            return writer;
        } finally {
            for (SourceCapture c : captures) {
                c.close();
            }
        }
    }

    /**
     * Reads every raw record of the load clients with a new consumer group from the beginning; parses each JSON
     * value (or, with {@code normalise}, parses the Debezium envelope and normalises it with the demo profile).
     * Returns the records per second.
     */
    private static double plainConsumer(KafkaBroker kafka, long total, boolean normalise, Map<String, String> profiles) {
        SourceNormalizer normalizer = SourceNormalizer.ofProfileNames(profiles);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "plain-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            long t0 = System.nanoTime();
            consumer.subscribe(Pattern.compile("raw\\.carga-[0-9]+\\.public\\..*"));
            long n = 0;
            long sink = 0;
            while (n < total) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (normalise) {
                        sink += normalizer.normalize(DebeziumEnvelope.parse(
                                new RawRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value()))).size();
                    } else {
                        sink += JSON.readTree(r.value()).size();
                    }
                    n++;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("plain KafkaConsumer, %s: %,d records in %.2f s: %,.0f records/s (%,d %s)%n",
                    normalise ? "parse + normalise" : "JSON parse", n, s, n / s, sink,
                    normalise ? "canonical events" : "top-level fields");
            return n / s;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the job on the filled topics until ClickHouse has every change; returns records per second. */
    private static double flinkJob(Path dir, KafkaBroker kafka, WarehouseSettings warehouse, List<DemoClient> load,
                                   LoadWriter writer) throws Exception {
        Map<String, String> profiles = load.stream().collect(Collectors.toMap(DemoClient::clientId, c -> "demo-erp"));
        long total = writer.committed() + (long) load.size() * 2 * LoadWriter.DEBTORS;
        String landed = LoadWriter.landedSql(load.stream().map(DemoClient::clientId).toList());
        try (Warehouse w = new Warehouse(warehouse)) {
            long t0 = System.nanoTime();
            double firstRow = -1;
            LocalJobRunner job = LocalJobRunner.start(new LocalJobRunner.Settings(dir.resolve("flink"),
                    kafka.bootstrapServers(), warehouse, 2, Duration.ofSeconds(2), ZoneId.of("America/Santiago"),
                    TermsBook.uniform(TermsBook.parseEdges("30,60,90,120"), 3, 250, 1500), Duration.ofSeconds(600),
                    profiles));
            try {
                job.awaitRunning(Duration.ofSeconds(60));
                double running = (System.nanoTime() - t0) / 1e9;
                while (true) {
                    var row = w.query(landed).get(0);
                    long n = row.path("invoices").asLong() + row.path("payments").asLong()
                            + row.path("corrections").asLong();
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (n > 0 && firstRow < 0) {
                        firstRow = s;
                    }
                    if (n >= writer.committed()) {
                        System.out.printf("Flink job: RUNNING after %.1f s, first row in ClickHouse at %.1f s, all %,d "
                                        + "changes at %.1f s: %,.0f records/s from submission, %,.0f records/s from the "
                                        + "first row%n", running, firstRow, n, s, total / s, total / (s - firstRow));
                        return total / s;
                    }
                    if (s > 900) {
                        throw new IllegalStateException("ClickHouse has " + n + " of " + writer.committed()
                                + " changes after 900 s");
                    }
                    Thread.sleep(250);
                }
            } finally {
                job.kill();
            }
        }
    }

    /** The sink's way (batches of 20,000 newest-per-key rows as JSONEachRow) against one bulk TabSeparated insert. */
    private static void sinkVersusBulk(WarehouseSettings settings, int rows) throws Exception {
        List<Double> sink = new ArrayList<>();
        List<Double> bulk = new ArrayList<>();
        try (Warehouse warehouse = new Warehouse(settings);
             Client client = new Client.Builder().addEndpoint(settings.url()).setUsername(settings.user())
                     .setPassword(settings.password()).compressServerResponse(false).useHttpCompression(false)
                     .serverSetting("database", settings.database()).serverSetting("wait_end_of_query", "1").build()) {
            WarehouseWriter tableWriter = new WarehouseWriter(warehouse);
            for (int round = 0; round < 6; round++) {
                List<InvoiceSnapshot> data = snapshots("sink-" + round, rows);
                long t0 = System.nanoTime();
                Map<String, InvoiceSnapshot> buffer = new LinkedHashMap<>();
                for (InvoiceSnapshot s : data) {
                    buffer.put(s.clientId() + '\u0000' + s.invoiceId(), s);
                    if (buffer.size() >= 20_000) {
                        tableWriter.writeInvoices(new ArrayList<>(buffer.values()));
                        buffer.clear();
                    }
                }
                tableWriter.writeInvoices(new ArrayList<>(buffer.values()));
                double sinkS = (System.nanoTime() - t0) / 1e9;

                data = snapshots("bulk-" + round, rows);
                t0 = System.nanoTime();
                byte[] tsv = tabSeparated(data);
                try (InsertResponse ignored = client.insert(WarehouseWriter.INVOICE_STATE, COLUMNS,
                        new ByteArrayInputStream(tsv), ClickHouseFormat.TabSeparated).get()) {
                    // inserted
                }
                double bulkS = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round %d: sink way %,d rows in %.2f s (%,.0f rows/s); bulk TabSeparated %.2f s "
                        + "(%,.0f rows/s)%n", round, rows, sinkS, rows / sinkS, bulkS, rows / bulkS);
                if (round > 0) { // round 0 warms up both paths
                    sink.add(rows / sinkS);
                    bulk.add(rows / bulkS);
                }
            }
        }
        Collections.sort(sink);
        Collections.sort(bulk);
        double s = sink.get(sink.size() / 2);
        double b = bulk.get(bulk.size() / 2);
        System.out.printf("ClickHouse sink way %,.0f rows/s, bulk insert %,.0f rows/s (medians of 5): sink / bulk %.2f×%n",
                s, b, s / b);
    }

    private static final List<String> COLUMNS = List.of("client_id", "invoice_id", "debtor_id", "dte_type", "folio",
            "issue_date", "due_date", "total_clp", "credited_clp", "paid_clp", "open_clp", "is_deleted", "version",
            "updated_at", "last_action_date", "last_channel", "last_outcome", "actions", "promise_made_on",
            "promise_date", "promise_clp", "broken_promises", "movements", "contacts", "promises");

    /** Invoice snapshots as the job writes them after a payment: one per invoice, no collection activity. */
    private static List<InvoiceSnapshot> snapshots(String client, int n) {
        LocalDate issue = LocalDate.of(2026, 11, 1);
        List<InvoiceSnapshot> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long total = 100_000 + i % 9_973;
            long paid = i % 3 == 0 ? total / 2 : 0;
            out.add(new InvoiceSnapshot(client, Integer.toString(1_000_000 + i), Integer.toString(i % 997), 33, i,
                    issue.plusDays(i % 30), issue.plusDays(30 + i % 30), total, 0, paid, total - paid, false,
                    1_000_000L + i, Activity.NONE));
        }
        return out;
    }

    /** The same rows as TabSeparated, columns in {@link #COLUMNS} order (no value here needs escaping). */
    private static byte[] tabSeparated(List<InvoiceSnapshot> rows) {
        StringBuilder b = new StringBuilder(rows.size() * 160);
        String updatedAt = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
        for (InvoiceSnapshot r : rows) {
            b.append(r.clientId()).append('\t').append(r.invoiceId()).append('\t').append(r.debtorId()).append('\t')
                    .append(r.dteType()).append('\t').append(r.folio()).append('\t').append(r.issueDate()).append('\t')
                    .append(r.dueDate()).append('\t').append(r.totalClp()).append('\t').append(r.creditedClp())
                    .append('\t').append(r.paidClp()).append('\t').append(r.openClp()).append('\t')
                    .append(r.deleted() ? 1 : 0).append('\t').append(r.version()).append('\t').append(updatedAt)
                    .append("\t1970-01-01\t\t\t0\t1970-01-01\t1970-01-01\t0\t0\t[]\t[]\t[]\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
