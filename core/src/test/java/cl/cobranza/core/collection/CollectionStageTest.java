package cl.cobranza.core.collection;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stage policy at its edges: due in 5/6 days, due today, 1, 30 and 31 days past due, with and without a promise. */
class CollectionStageTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);
    private static final long OPEN = 500_000;

    private static Optional<Stage> stage(int daysPastDue, PromiseToPay promise) {
        return CollectionStage.of(AS_OF, AS_OF.minusDays(daysPastDue), OPEN, promise, 5);
    }

    /** A promise made on Mar 1 to pay 100 000 on {@code promised}. */
    private static PromiseToPay promisedOn(LocalDate promised) {
        return new PromiseToPay(LocalDate.of(2026, 3, 1), promised, 100_000);
    }

    @Test
    void preventiveFromFiveDaysBeforeTheDueDateUpToTheDueDate() {
        assertThat(stage(-6, null)).as("due in 6 days: not on the list yet").isEmpty();
        assertThat(stage(-5, null)).contains(Stage.PREVENTIVE);
        assertThat(stage(-1, null)).contains(Stage.PREVENTIVE);
        assertThat(stage(0, null)).as("due today").contains(Stage.PREVENTIVE);
        assertThat(CollectionStage.of(AS_OF, AS_OF.plusDays(7), OPEN, null, 7)).contains(Stage.PREVENTIVE);
        assertThat(CollectionStage.of(AS_OF, AS_OF.plusDays(1), OPEN, null, 0)).isEmpty();
    }

    @Test
    void earlyOverdueFromTheFirstToTheThirtiethDayPastDue() {
        assertThat(stage(1, null)).contains(Stage.EARLY_OVERDUE);
        assertThat(stage(30, null)).contains(Stage.EARLY_OVERDUE);
        assertThat(stage(31, null)).contains(Stage.EXTRAJUDICIAL);
        assertThat(stage(400, null)).contains(Stage.EXTRAJUDICIAL);
    }

    @Test
    void aFirmPromiseKeepsALongOverdueInvoiceInEarlyCollection() {
        assertThat(stage(31, promisedOn(AS_OF.plusDays(10)))).contains(Stage.EARLY_OVERDUE);
        assertThat(stage(31, promisedOn(AS_OF))).as("promised for today: still firm").contains(Stage.EARLY_OVERDUE);
        assertThat(stage(31, promisedOn(AS_OF.minusDays(1)))).as("promise already past").contains(Stage.EXTRAJUDICIAL);
        assertThat(stage(200, promisedOn(AS_OF.plusDays(1)))).contains(Stage.EARLY_OVERDUE);
        assertThat(stage(30, promisedOn(AS_OF.minusDays(5)))).as("a broken promise does not worsen day 30")
                .contains(Stage.EARLY_OVERDUE);
        assertThat(stage(0, promisedOn(AS_OF.plusDays(3)))).contains(Stage.PREVENTIVE);
    }

    @Test
    void nothingOpenIsNotOnTheList() {
        assertThat(CollectionStage.of(AS_OF, AS_OF.minusDays(45), 0, null, 5)).isEmpty();
        assertThat(CollectionStage.of(AS_OF, AS_OF, 0, null, 5)).isEmpty();
    }

    @Test
    void theDayRangesOfEveryStageContainEveryInvoiceTheRuleGivesIt() {
        CollectionStage policy = CollectionStage.defaults();
        for (int d = -10; d <= 60; d++) {
            for (PromiseToPay p : new PromiseToPay[] {null, promisedOn(AS_OF.plusDays(2)), promisedOn(AS_OF.minusDays(2))}) {
                Optional<Stage> s = policy.stageOf(AS_OF, AS_OF.minusDays(d), OPEN, p);
                CollectionStage.DayRange any = policy.daysAfterDue(null);
                assertThat(d >= any.from() && d <= any.to()).as("day %d on the list", d).isEqualTo(s.isPresent());
                if (s.isPresent()) {
                    CollectionStage.DayRange r = policy.daysAfterDue(s.get());
                    assertThat((long) d).as("day %d in %s", d, s.get()).isBetween(r.from(), r.to());
                }
            }
        }
        assertThat(policy.daysAfterDue(Stage.PREVENTIVE)).isEqualTo(new CollectionStage.DayRange(-5, 0));
        assertThat(policy.daysAfterDue(Stage.EXTRAJUDICIAL)).isEqualTo(new CollectionStage.DayRange(31, Long.MAX_VALUE));
    }

    @Test
    void negativePreventiveDaysAreRefused() {
        assertThatThrownBy(() -> new CollectionStage(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
