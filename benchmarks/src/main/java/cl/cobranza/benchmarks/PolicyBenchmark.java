package cl.cobranza.benchmarks;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.CollectionPolicy;
import cl.cobranza.core.collection.ContactDecision;
import cl.cobranza.core.collection.ContactRules;
import cl.cobranza.core.collection.DebtorStatus;
import cl.cobranza.core.collection.OpenItem;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PastContact;
import cl.cobranza.core.collection.PolicyDecision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The contact rules and the collection policy for one consumer debtor's overdue item (due 20 days ago, $850.000
 * open) on Tuesday 01-12-2026 at 11:00 in Santiago, with a week of contacts across its debts. "allowed": an e-mail
 * 6 days ago, a WhatsApp 4 days ago, the last call 8 days ago, so a call is allowed now. "blocked": an e-mail 6
 * days ago, an unanswered call 5 days ago, a WhatsApp 1 day ago, so a call is blocked (one a week) and every
 * fallback message too (two a week, two days apart): the policy checks the call and its 3 fallbacks and returns no
 * action, with the reason in Spanish.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyBenchmark {
    private ContactRules rules;
    private CollectionPolicy policy;
    private DebtorStatus debtor;
    private OpenItem item;
    private Instant now;
    private List<PastContact> allowedWeek;
    private List<PastContact> blockedWeek;

    @Setup
    public void setUp() {
        rules = ContactRules.chile();
        policy = CollectionPolicy.defaults();
        debtor = DebtorStatus.aConsumer();
        LocalDate today = LocalDate.of(2026, 12, 1);
        now = ZonedDateTime.of(today, LocalTime.of(11, 0), ContactRules.SANTIAGO).toInstant();
        item = OpenItem.of(today.minusDays(50), today.minusDays(20), 850_000);
        allowedWeek = List.of(
                at(today.minusDays(8), 10, Channel.CALL, Outcome.NO_ANSWER),
                at(today.minusDays(6), 9, Channel.EMAIL, Outcome.DELIVERED),
                at(today.minusDays(4), 16, Channel.WHATSAPP, Outcome.DELIVERED));
        blockedWeek = List.of(
                at(today.minusDays(6), 9, Channel.EMAIL, Outcome.DELIVERED),
                at(today.minusDays(5), 12, Channel.CALL, Outcome.NO_ANSWER),
                at(today.minusDays(1), 17, Channel.WHATSAPP, Outcome.DELIVERED));
    }

    private static PastContact at(LocalDate day, int hour, Channel channel, Outcome outcome) {
        return new PastContact(ZonedDateTime.of(day, LocalTime.of(hour, 0), ContactRules.SANTIAGO).toInstant(),
                channel, outcome);
    }

    @Benchmark
    public ContactDecision checkCallAllowed() {
        return rules.check(Channel.CALL, now, debtor, allowedWeek);
    }

    @Benchmark
    public ContactDecision checkCallBlocked() {
        return rules.check(Channel.CALL, now, debtor, blockedWeek);
    }

    @Benchmark
    public PolicyDecision decideAllowed() {
        return policy.decide(item, debtor, allowedWeek, now, rules);
    }

    @Benchmark
    public PolicyDecision decideAllBlocked() {
        return policy.decide(item, debtor, blockedWeek, now, rules);
    }
}
