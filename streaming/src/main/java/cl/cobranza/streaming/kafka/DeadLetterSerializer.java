package cl.cobranza.streaming.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/** Dead letters as JSON on the dead-letter topic, keyed by client so each client's rejects stay in order. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter d, KafkaSinkContext context, Long timestamp) {
        try {
            byte[] key = d.clientId == null ? null : d.clientId.getBytes(StandardCharsets.UTF_8);
            return new ProducerRecord<>(topic, key, JSON.writeValueAsBytes(d));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a dead letter could not be written as JSON", e);
        }
    }
}
