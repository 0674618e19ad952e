package cl.cobranza.warehouse;

/** An input record the pipeline could not understand, with where it came from (topic, offset, record key) and why (the dead-letter table's row). */
public record RejectedRow(String clientId, String topic, int partition, long offset, String recordKey, String table, String field,
                          String reason, String value, long rejectedAtMillis) {
}
