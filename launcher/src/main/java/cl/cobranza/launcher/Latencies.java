package cl.cobranza.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** A sorted sample of durations in milliseconds, read as nearest-rank percentiles: what the load harnesses print. */
final class Latencies {
    private final List<Double> sorted;

    Latencies(Collection<Double> millis) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
    }

    /** The nearest-rank {@code p}th percentile (p in 1..100). */
    double pct(int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    double max() {
        return sorted.get(sorted.size() - 1);
    }

    /** "p50 12 ms, p95 20 ms, p99 31 ms, max 40 ms". */
    String summary() {
        return String.format("p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms", pct(50), pct(95), pct(99), max());
    }
}
