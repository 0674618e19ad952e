package cl.cobranza.launcher;

import cl.cobranza.connectors.debezium.SourceCapture;
import cl.cobranza.streaming.LocalJobRunner;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseSettings;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Per-stage progress of a load, read once a second by the load harnesses: change events committed at the
 * source, captured by Debezium (acknowledged by Kafka), records on the raw topics (end offsets), consumed by
 * the Flink job (its consumer group's committed offsets, committed at each checkpoint) and landed in ClickHouse
 * ({@link LoadWriter#landedSql}).
 */
final class StageProgress implements AutoCloseable {
    /** One reading of every stage, cumulative counts since the load started. */
    record Sample(double seconds, long committed, long captured, long kafka, long flink, long landed) {
    }

    private final Admin admin;
    private final Warehouse warehouse;
    private final Pattern topics;
    private final List<String> clientIds;
    private final LongSupplier committed;
    private final List<SourceCapture> captures;
    private final String group;
    private final long[] base;
    private final long t0 = System.nanoTime();

    StageProgress(String bootstrapServers, WarehouseSettings reader, List<String> clientIds, LongSupplier committed,
                  List<SourceCapture> captures) throws Exception {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.warehouse = new Warehouse(reader);
        this.clientIds = List.copyOf(clientIds);
        this.topics = Pattern.compile("raw\\.(" + String.join("|", clientIds.stream().map(Pattern::quote).toList())
                + ")\\.public\\.(invoices|payments)");
        this.committed = committed;
        this.captures = List.copyOf(captures);
        this.group = "cobranza-kpis-v" + LocalJobRunner.STATE_VERSION;
        this.base = new long[] {captured(), kafkaEnd(), flinkCommitted(), landed()};
    }

    /** Reads every stage now; counts are relative to the construction of this object. */
    Sample sample() throws Exception {
        double s = (System.nanoTime() - t0) / 1e9;
        long c = committed.getAsLong();
        return new Sample(s, c, captured() - base[0], kafkaEnd() - base[1], flinkCommitted() - base[2], landed() - base[3]);
    }

    private long captured() {
        return captures.stream().mapToLong(SourceCapture::captured).sum();
    }

    private List<TopicPartition> partitions() throws Exception {
        List<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> topics.matcher(t).matches()).toList();
        List<TopicPartition> out = new ArrayList<>();
        if (names.isEmpty()) {
            return out;
        }
        for (TopicDescription d : admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(p -> out.add(new TopicPartition(d.name(), p.partition())));
        }
        return out;
    }

    /** Records on the load clients' invoice and payment topics. */
    long kafkaEnd() throws Exception {
        Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
        for (TopicPartition p : partitions()) {
            ask.put(p, OffsetSpec.latest());
        }
        if (ask.isEmpty()) {
            return 0;
        }
        return admin.listOffsets(ask).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(o -> o.offset()).sum();
    }

    /** Offsets of those topics the Flink job's consumer group has committed (at its checkpoints). */
    long flinkCommitted() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> topics.matcher(e.getKey().topic()).matches())
                .filter(e -> e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Change events of the load clients visible in {@code invoice_state}. */
    long landed() {
        List<JsonNode> rows = warehouse.query(LoadWriter.landedSql(clientIds));
        if (rows.isEmpty()) {
            return 0;
        }
        JsonNode r = rows.get(0);
        return r.path("invoices").asLong() + r.path("payments").asLong() + r.path("corrections").asLong();
    }

    static String header() {
        return String.format("%6s %10s %8s %10s %8s %10s %8s %10s %8s %10s %8s", "t s", "committed", "/s", "captured",
                "/s", "kafka", "/s", "flink", "/s", "clickhouse", "/s");
    }

    static String line(Sample prev, Sample s) {
        double dt = prev == null ? 1 : Math.max(1e-3, s.seconds() - prev.seconds());
        return String.format("%6.1f %,10d %,8.0f %,10d %,8.0f %,10d %,8.0f %,10d %,8.0f %,10d %,8.0f", s.seconds(),
                s.committed(), prev == null ? 0 : (s.committed() - prev.committed()) / dt,
                s.captured(), prev == null ? 0 : (s.captured() - prev.captured()) / dt,
                s.kafka(), prev == null ? 0 : (s.kafka() - prev.kafka()) / dt,
                s.flink(), prev == null ? 0 : (s.flink() - prev.flink()) / dt,
                s.landed(), prev == null ? 0 : (s.landed() - prev.landed()) / dt);
    }

    @Override
    public void close() {
        admin.close();
        warehouse.close();
    }
}
