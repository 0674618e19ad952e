package cl.cobranza.streaming.kafka;

import cl.cobranza.core.normalize.BinlogPosition;
import cl.cobranza.core.normalize.RawChange;
import cl.cobranza.core.normalize.RejectedRowException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a Debezium JSON envelope (schemas disabled) from a topic named {@code raw.<source>.<schema>.<table>}
 * into a {@link RawChange}; the source name is the client id.
 */
public final class DebeziumEnvelope {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DebeziumEnvelope() {
    }

    /** The {source, schema, table} parts of a raw topic name, or a rejection naming the topic. */
    public static String[] topicParts(String topic) {
        String[] parts = topic.split("\\.");
        if (parts.length != 4 || !parts[0].equals("raw")) {
            throw new RejectedRowException("topic", "topic '" + topic + "' is not raw.<source>.<schema>.<table>");
        }
        return new String[] {parts[1], parts[2], parts[3]};
    }

    public static RawChange parse(RawRecord r) {
        String[] parts = topicParts(r.topic);
        if (r.value == null) {
            throw new RejectedRowException("value", "empty record: expected a Debezium change envelope");
        }
        JsonNode root;
        try {
            root = JSON.readTree(r.value);
        } catch (JsonProcessingException e) {
            throw new RejectedRowException("value", "not JSON (" + e.getOriginalMessage() + "): expected a Debezium change envelope");
        }
        if (root == null || !root.isObject()) {
            throw new RejectedRowException("value", "not a JSON object: expected a Debezium change envelope");
        }
        JsonNode payload = root.has("payload") && root.get("payload").isObject() ? root.get("payload") : root;
        String op = payload.path("op").asText("");
        if (op.length() != 1) {
            throw new RejectedRowException("op", "missing or invalid op '" + op + "': expected c, u, d or r");
        }
        long position = position(payload.path("source"));
        return new RawChange(parts[0], parts[1], parts[2], op.charAt(0), row(payload.get("before")),
                row(payload.get("after")), position);
    }

    /**
     * The PostgreSQL LSN, else a MySQL/MariaDB binlog position ({@link BinlogPosition} of {@code file} and
     * {@code pos}: {@code pos} alone restarts in every binlog file), else the source timestamp: larger is newer.
     */
    private static long position(JsonNode source) {
        if (source.hasNonNull("lsn")) {
            return source.get("lsn").asLong();
        }
        if (source.hasNonNull("file") && source.hasNonNull("pos")) {
            try {
                return BinlogPosition.of(source.get("file").asText(), source.get("pos").asLong());
            } catch (IllegalArgumentException e) {
                throw new RejectedRowException("source", e.getMessage());
            }
        }
        if (source.hasNonNull("pos")) {
            return source.get("pos").asLong();
        }
        if (source.hasNonNull("ts_ms")) {
            return source.get("ts_ms").asLong();
        }
        throw new RejectedRowException("source", "no lsn, pos or ts_ms in the envelope's source block");
    }

    private static Map<String, Object> row(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new RejectedRowException("after", "row image is not a JSON object");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> row.put(e.getKey(), value(e.getValue())));
        return row;
    }

    private static Object value(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            // beyond a long: keep it exact, so that the field's reader rejects it instead of reading a wrapped value
            return v.canConvertToLong() ? v.asLong() : v.decimalValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isTextual() ? v.asText() : v.toString();
    }
}
