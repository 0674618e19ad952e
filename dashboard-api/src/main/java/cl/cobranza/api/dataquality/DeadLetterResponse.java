package cl.cobranza.api.dataquality;

import java.util.List;

/**
 * Body of {@code GET /api/v1/data-quality/dead-letters}: {@code total} rejected records, {@code counts} per client
 * and the {@code newest} ones, newest first. {@code clientId} is the filter asked for (null: every client).
 */
public record DeadLetterResponse(String clientId, long total, List<Count> counts, List<Rejected> newest) {

    /** Rejected records of one client (null: the client could not be read from the record). */
    public record Count(String clientId, long rejected) {
    }

    /** One rejected record: its Kafka position, its key (the source row's primary key), the table and field at fault, the reason and when. */
    public record Rejected(String clientId, String topic, int partition, long offset, String key, String table,
                           String field, String reason, String rejectedAt) {
    }
}
