package cl.cobranza.warehouse;

import java.time.Instant;

/**
 * One captured source's health: its state (RUNNING, RETRYING, FAILED, STOPPED), the changes captured
 * since its engine started, the replication lag in bytes (PostgreSQL slot; null where unknown), the last
 * error and when this was reported.
 */
public record SourceStatus(String source, String clientId, String kind, String state, long captured, Long lagBytes,
                           String lastError, Instant reportedAt) {
}
