package cl.cobranza.connectors.debezium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Test helper: reads every record of one source's raw topics ({@code raw.<source>.*}) as parsed envelopes. */
final class RawTopics implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record: its topic, key and value (a Debezium envelope without schema), and when it was read. */
    record Change(String topic, JsonNode key, JsonNode value, long readAtNanos) {
        String op() {
            return value.path("op").asText();
        }

        /** The before-image, or Java null when the envelope has none (JSON null). */
        JsonNode before() {
            JsonNode n = value.get("before");
            return n == null || n.isNull() ? null : n;
        }

        /** The after-image, or Java null when the envelope has none (JSON null). */
        JsonNode after() {
            JsonNode n = value.get("after");
            return n == null || n.isNull() ? null : n;
        }

        JsonNode source() {
            return value.get("source");
        }

        /** The row's id: from the after-image, or the before-image of a delete. */
        long id() {
            return (op().equals("d") ? before() : after()).get("id").asLong();
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Change> changes = new ArrayList<>();

    RawTopics(String bootstrapServers, String source) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"); // topics are created as the capture first writes
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(Pattern.compile("raw\\." + Pattern.quote(source) + "\\..+"));
    }

    /** Polls until {@code done} holds for everything read so far; fails after the timeout. */
    List<Change> awaitUntil(Predicate<List<Change>> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(changes)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within " + timeout + ": " + what + "; read " + changes.size()
                        + " records, last: " + (changes.isEmpty() ? "none" : changes.get(changes.size() - 1).value()));
            }
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(changes);
    }

    /** Polls until at least {@code count} records are read. */
    List<Change> awaitCount(int count, Duration timeout) {
        return awaitUntil(c -> c.size() >= count, timeout, count + " records");
    }

    /** Reads what is there now (a few polls), for checks that nothing more arrived. */
    List<Change> drain(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(changes);
    }

    List<Change> all() {
        return List.copyOf(changes);
    }

    private void poll(Duration d) {
        var records = consumer.poll(d);
        for (ConsumerRecord<String, String> r : records) {
            try {
                changes.add(new Change(r.topic(), r.key() == null ? null : JSON.readTree(r.key()),
                        JSON.readTree(r.value()), System.nanoTime()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!records.isEmpty()) {
            // a new topic makes the pattern subscription rebalance; without a committed position the consumer would
            // read its partitions again from the start, and the test would see duplicates the capture never wrote
            consumer.commitSync();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
