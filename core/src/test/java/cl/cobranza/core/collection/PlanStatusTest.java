package cl.cobranza.core.collection;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where an item stands in its payment plan, worked by hand from its instalments and what is still open. */
class PlanStatusTest {
    private static final LocalDate AGREED = LocalDate.of(2026, 11, 1);
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    // a $300.000 invoice in three instalments: 100.000 on 15-11, 100.000 on 04-12 (today), 100.000 on 15-12
    private static final List<PromiseToPay> PLAN = List.of(
            new PromiseToPay(AGREED, LocalDate.of(2026, 11, 15), 100_000),
            new PromiseToPay(AGREED, LocalDate.of(2026, 12, 4), 100_000),
            new PromiseToPay(AGREED, LocalDate.of(2026, 12, 15), 100_000));

    @Test
    void withoutInstalmentsThereIsNoPlan() {
        assertThat(OpenItem.PlanStatus.of(300_000, List.of(), TODAY)).isEqualTo(OpenItem.PlanStatus.NONE);
    }

    @Test
    void upToDateWhenWhatIsOpenIsNotDueYet() {
        // the 15-11 instalment paid: 200.000 open, 200.000 due today or later
        assertThat(OpenItem.PlanStatus.of(200_000, PLAN, TODAY)).isEqualTo(OpenItem.PlanStatus.UP_TO_DATE);
        // today's instalment paid early too
        assertThat(OpenItem.PlanStatus.of(100_000, PLAN, TODAY)).isEqualTo(OpenItem.PlanStatus.UP_TO_DATE);
    }

    @Test
    void behindWhenAnInstalmentBeforeTodayIsUnpaid() {
        // nothing paid: 300.000 open but only 200.000 due today or later
        assertThat(OpenItem.PlanStatus.of(300_000, PLAN, TODAY)).isEqualTo(OpenItem.PlanStatus.BEHIND);
        // one peso short of the first instalment
        assertThat(OpenItem.PlanStatus.of(200_001, PLAN, TODAY)).isEqualTo(OpenItem.PlanStatus.BEHIND);
        // tomorrow, today's unpaid instalment makes it behind
        assertThat(OpenItem.PlanStatus.of(200_000, PLAN, TODAY.plusDays(1))).isEqualTo(OpenItem.PlanStatus.BEHIND);
    }

    @Test
    void aPlanCoveringPartOfTheDebtLeavesTheItemCollectable() {
        List<PromiseToPay> half = List.of(new PromiseToPay(AGREED, LocalDate.of(2026, 12, 20), 150_000));
        assertThat(OpenItem.PlanStatus.of(300_000, half, TODAY)).isEqualTo(OpenItem.PlanStatus.BEHIND);
    }
}
