package cl.cobranza.core.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code maxFailures} failed logins for one key (a user name, or a client
 * address) within {@code window}, further attempts with that key are refused until the oldest of those failures
 * leaves the window; a successful login clears the key. Keys are compared case-insensitively. Thread-safe.
 */
public final class LoginThrottle {
    /** Failures allowed per user name in the window. */
    public static final int USER_FAILURES = 5;
    /** Failures allowed per client address in the window (an office may share one address). */
    public static final int ADDRESS_FAILURES = 30;
    /** The window failures are counted in. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be >= 1: " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** When a key may try again: empty when it may now. */
    public Optional<Instant> blockedUntil(String key) {
        Deque<Instant> times = failures.get(normal(key));
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times, clock.instant());
            return times.size() >= maxFailures ? Optional.of(times.peekFirst().plus(window)) : Optional.empty();
        }
    }

    /** Records a failed login for the key. */
    public void failed(String key) {
        Deque<Instant> times = failures.computeIfAbsent(normal(key), k -> new ArrayDeque<>());
        synchronized (times) {
            Instant now = clock.instant();
            prune(times, now);
            times.addLast(now);
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    /** A successful login: the key's failures are forgotten. */
    public void succeeded(String key) {
        failures.remove(normal(key));
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }

    private static String normal(String key) {
        return key == null ? "" : key.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
