package cl.cobranza.core.state;

/**
 * Row versions for {@code ReplacingMergeTree(version)} tables: strictly growing per key and tracking
 * wall-clock microseconds, so rows written after a restore from an older checkpoint (or with lost state)
 * still supersede the rows written before it.
 */
public final class Versions {
    private Versions() {
    }

    public static long next(long previous, long nowMillis) {
        return Math.max(previous + 1, nowMillis * 1000);
    }
}
