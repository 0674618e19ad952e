package cl.cobranza.core.collection;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Test
    void actionsAreDatedFromAMonthAgoToTodayWithPlausibleMinutes() {
        WorkRules.checkAction(TODAY, TODAY, 0, null);
        WorkRules.checkAction(TODAY, TODAY.minusDays(31), 480, "x".repeat(2000));
        assertField(() -> WorkRules.checkAction(TODAY, TODAY.plusDays(1), 5, null), "date");
        assertField(() -> WorkRules.checkAction(TODAY, TODAY.minusDays(32), 5, null), "date");
        assertField(() -> WorkRules.checkAction(TODAY, TODAY, -1, null), "minutes");
        assertField(() -> WorkRules.checkAction(TODAY, TODAY, 481, null), "minutes");
        assertField(() -> WorkRules.checkAction(TODAY, TODAY, 5, "x".repeat(2001)), "notes");
    }

    @Test
    void aPromiseIsForAtMostTheOpenAmountAndDueWithinAYear() {
        WorkRules.checkPromise(TODAY, 100_000, 100_000, TODAY, null);
        WorkRules.checkPromise(TODAY, 100_000, 1, TODAY.plusDays(366), null);
        assertField(() -> WorkRules.checkPromise(TODAY, 100_000, 100_001, TODAY, null), "amountClp");
        assertField(() -> WorkRules.checkPromise(TODAY, 100_000, 0, TODAY, null), "amountClp");
        assertField(() -> WorkRules.checkPromise(TODAY, 0, 10, TODAY, null), "invoiceId");
        assertField(() -> WorkRules.checkPromise(TODAY, 100_000, 10, TODAY.minusDays(1), null), "promisedDate");
        assertField(() -> WorkRules.checkPromise(TODAY, 100_000, 10, TODAY.plusDays(367), null), "promisedDate");
    }

    @Test
    void planInstalmentsPayTheOldestInvoiceFirstAndSpillOver() {
        Map<String, Long> open = new LinkedHashMap<>();
        open.put("F-1", 150_000L); // oldest
        open.put("F-2", 200_000L);
        PaymentPlan plan = new PaymentPlan("c", "p", "d", List.of("F-1", "F-2"), TODAY, List.of(
                new PaymentPlan.Instalment(TODAY.plusDays(10), 100_000),
                new PaymentPlan.Instalment(TODAY.plusDays(40), 100_000),
                new PaymentPlan.Instalment(TODAY.plusDays(70), 150_000)));
        // 100k → F-1 (50k left); 100k → 50k F-1 + 50k F-2; 150k → F-2 (0 left)
        assertThat(WorkRules.planPromises(TODAY, plan, open, null)).containsExactly(
                new WorkRules.PlannedPromise("F-1", TODAY.plusDays(10), 100_000),
                new WorkRules.PlannedPromise("F-1", TODAY.plusDays(40), 50_000),
                new WorkRules.PlannedPromise("F-2", TODAY.plusDays(40), 50_000),
                new WorkRules.PlannedPromise("F-2", TODAY.plusDays(70), 150_000));
    }

    @Test
    void aPlanNeverAsksForMoreThanTheDebtNorForPaidInvoices() {
        PaymentPlan tooMuch = new PaymentPlan("c", "p", "d", List.of("F-1"), TODAY,
                List.of(new PaymentPlan.Instalment(TODAY.plusDays(5), 100_001)));
        assertField(() -> WorkRules.planPromises(TODAY, tooMuch, Map.of("F-1", 100_000L), null), "instalments");
        PaymentPlan fine = new PaymentPlan("c", "p", "d", List.of("F-1"), TODAY,
                List.of(new PaymentPlan.Instalment(TODAY.plusDays(5), 10)));
        assertField(() -> WorkRules.planPromises(TODAY, fine, Map.of("F-1", 0L), null), "invoiceIds");
        assertField(() -> WorkRules.planPromises(TODAY, fine, Map.of(), null), "invoiceIds");
        PaymentPlan late = new PaymentPlan("c", "p", "d", List.of("F-1"), TODAY.minusDays(9),
                List.of(new PaymentPlan.Instalment(TODAY.minusDays(1), 10)));
        assertField(() -> WorkRules.planPromises(TODAY, late, Map.of("F-1", 100L), null), "instalments");
    }

    @Test
    void freeTextIsKeptAsTypedUnlessTooLongOrHoldingANul() {
        WorkRules.checkText("reason", "'; DROP TABLE x; -- <script>alert(1)</script>");
        WorkRules.checkText("reason", null);
        WorkRules.checkText("reason", "x".repeat(WorkRules.MAX_NOTES));
        assertField(() -> WorkRules.checkText("reason", "x".repeat(WorkRules.MAX_NOTES + 1)), "reason");
        assertField(() -> WorkRules.checkText("notes", "a" + (char) 0 + "b"), "notes");
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOf(InvalidWorkException.class)
                .satisfies(e -> assertThat(((InvalidWorkException) e).field()).isEqualTo(field));
    }
}
