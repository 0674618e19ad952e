package cl.cobranza.core.access;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    /** A clock the test moves. */
    private static final class Hand extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theFifthFailureWithinTheWindowBlocksUntilTheFirstLeavesIt() {
        Hand clock = new Hand();
        LoginThrottle t = new LoginThrottle(5, Duration.ofMinutes(15), clock);
        for (int i = 0; i < 4; i++) {
            t.failed("Ana");
            clock.now = clock.now.plusSeconds(60);
        }
        assertThat(t.blockedUntil("ana")).as("4 failures: still allowed").isEmpty();
        t.failed("ANA"); // 12:04
        assertThat(t.blockedUntil("ana")).contains(T0.plus(Duration.ofMinutes(15)));
        clock.now = T0.plus(Duration.ofMinutes(15)).minusSeconds(1);
        assertThat(t.blockedUntil("ana")).isPresent();
        clock.now = T0.plus(Duration.ofMinutes(15)); // the 12:00 failure leaves the window: 4 remain
        assertThat(t.blockedUntil("ana")).isEmpty();
        assertThat(t.blockedUntil("pedro")).as("other keys are untouched").isEmpty();
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        Hand clock = new Hand();
        LoginThrottle t = new LoginThrottle(2, Duration.ofMinutes(15), clock);
        t.failed("ana");
        t.succeeded("ana");
        t.failed("ana");
        assertThat(t.blockedUntil("ana")).isEmpty();
        t.failed("ana");
        assertThat(t.blockedUntil("ana")).isPresent();
    }
}
