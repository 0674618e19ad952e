package cl.cobranza.streaming.receivables;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The two processing-time timers of a keyed operator that batches its work: a flush a short interval after the
 * first change, and a wake-up just after each local midnight (values that age with the calendar). Each timer's
 * due time lives in the key's state, so a restored job keeps its schedule.
 */
public final class BatchTimers {
    private BatchTimers() {
    }

    /** Registers a flush {@code batchMillis} from now unless one is pending, and the midnight wake-up if none is. */
    public static void onChange(ValueState<Long> flushAt, ValueState<Long> midnightAt, TimerService timers,
                                long batchMillis, ZoneId zone) throws IOException {
        if (flushAt.value() == null) {
            long at = timers.currentProcessingTime() + batchMillis;
            timers.registerProcessingTimeTimer(at);
            flushAt.update(at);
        }
        if (midnightAt.value() == null) {
            scheduleMidnight(midnightAt, timers.currentProcessingTime(), timers, zone);
        }
    }

    /**
     * Clears the flush that fired and re-arms the midnight wake-up when it is the one that fired; returns true
     * when {@code timestamp} is the midnight wake-up.
     */
    public static boolean onTimer(ValueState<Long> flushAt, ValueState<Long> midnightAt, long timestamp,
                                  TimerService timers, ZoneId zone) throws IOException {
        Long flush = flushAt.value();
        if (flush != null && timestamp >= flush) {
            flushAt.clear();
        }
        Long midnight = midnightAt.value();
        if (midnight != null && timestamp >= midnight) {
            scheduleMidnight(midnightAt, timestamp, timers, zone);
            return true;
        }
        return false;
    }

    private static void scheduleMidnight(ValueState<Long> midnightAt, long now, TimerService timers, ZoneId zone)
            throws IOException {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        long next = today.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() + 1_000;
        timers.registerProcessingTimeTimer(next);
        midnightAt.update(next);
    }
}
