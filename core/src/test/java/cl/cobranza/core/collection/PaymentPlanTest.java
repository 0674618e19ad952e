package cl.cobranza.core.collection;

import cl.cobranza.core.collection.PaymentPlan.Instalment;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentPlanTest {
    private static final LocalDate AGREED = LocalDate.of(2025, 1, 20);
    private static final LocalDate FEB_10 = LocalDate.of(2025, 2, 10);
    private static final LocalDate MAR_10 = LocalDate.of(2025, 3, 10);
    private static final LocalDate APR_10 = LocalDate.of(2025, 4, 10);

    /** Three instalments: 300 000 on Feb 10, 300 000 on Mar 10, 400 000 on Apr 10. */
    private static PaymentPlan plan(List<Instalment> instalments) {
        return new PaymentPlan("pyme-1", "plan-1", "76.086.428-5", List.of("F-101", "F-102"), AGREED, instalments);
    }

    private static final PaymentPlan THREE = plan(List.of(
            new Instalment(FEB_10, 300_000), new Instalment(MAR_10, 300_000), new Instalment(APR_10, 400_000)));

    @Test
    void total() {
        // 300 000 + 300 000 + 400 000 = 1 000 000
        assertThat(THREE.totalClp()).isEqualTo(1_000_000);
    }

    @Test
    void dueByIsCumulativeAndInclusiveOfTheDueDate() {
        // before the first instalment: 0
        assertThat(THREE.dueByClp(AGREED)).isZero();
        assertThat(THREE.dueByClp(FEB_10.minusDays(1))).isZero();
        // on Feb 10: 300 000
        assertThat(THREE.dueByClp(FEB_10)).isEqualTo(300_000);
        // between: still 300 000
        assertThat(THREE.dueByClp(MAR_10.minusDays(1))).isEqualTo(300_000);
        // on Mar 10: 300 000 + 300 000 = 600 000
        assertThat(THREE.dueByClp(MAR_10)).isEqualTo(600_000);
        // on Apr 10 and after: 600 000 + 400 000 = 1 000 000
        assertThat(THREE.dueByClp(APR_10)).isEqualTo(1_000_000);
        assertThat(THREE.dueByClp(LocalDate.of(2026, 1, 1))).isEqualTo(1_000_000);
    }

    @Test
    void twoInstalmentsOnTheSameDay() {
        // 100 000 + 50 000 both on Feb 10 = 150 000 due from Feb 10
        PaymentPlan p = plan(List.of(new Instalment(FEB_10, 100_000), new Instalment(FEB_10, 50_000)));
        assertThat(p.dueByClp(FEB_10.minusDays(1))).isZero();
        assertThat(p.dueByClp(FEB_10)).isEqualTo(150_000);
    }

    @Test
    void instalmentOnTheAgreementDayIsAllowed() {
        // an up-front instalment of 200 000 paid on signing
        PaymentPlan p = plan(List.of(new Instalment(AGREED, 200_000), new Instalment(FEB_10, 800_000)));
        assertThat(p.dueByClp(AGREED)).isEqualTo(200_000);
        assertThat(p.totalClp()).isEqualTo(1_000_000);
    }

    @Test
    void emptyPlanOwesNothing() {
        PaymentPlan p = plan(List.of());
        assertThat(p.totalClp()).isZero();
        assertThat(p.dueByClp(APR_10)).isZero();
    }

    @Test
    void amountsMustBePositive() {
        assertThatThrownBy(() -> plan(List.of(new Instalment(FEB_10, 100_000), new Instalment(MAR_10, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instalment 2");
        assertThatThrownBy(() -> plan(List.of(new Instalment(FEB_10, -1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instalment 1");
        assertThatCode(() -> plan(List.of(new Instalment(FEB_10, 1)))).doesNotThrowAnyException();
    }

    @Test
    void noInstalmentBeforeTheAgreement() {
        assertThatThrownBy(() -> plan(List.of(new Instalment(AGREED.minusDays(1), 100_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the plan was agreed");
    }

    @Test
    void instalmentsInDateOrder() {
        assertThatThrownBy(() -> plan(List.of(new Instalment(MAR_10, 100_000), new Instalment(FEB_10, 100_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("date order");
    }

    @Test
    void copiesItsLists() {
        List<Instalment> instalments = new ArrayList<>(List.of(new Instalment(FEB_10, 300_000)));
        List<String> invoices = new ArrayList<>(List.of("F-101"));
        PaymentPlan p = new PaymentPlan("pyme-1", "plan-1", "76.086.428-5", invoices, AGREED, instalments);
        instalments.add(new Instalment(MAR_10, 700_000));
        invoices.add("F-999");
        // still one instalment of 300 000 and one invoice
        assertThat(p.totalClp()).isEqualTo(300_000);
        assertThat(p.invoiceIds()).containsExactly("F-101");
        assertThatThrownBy(() -> p.instalments().add(new Instalment(APR_10, 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void upToDateWhenPaymentsCoverEveryInstalmentDueSoFar() {
        assertThat(THREE.isUpToDate(FEB_10.minusDays(1), 0)).as("nothing due yet").isTrue();
        assertThat(THREE.isUpToDate(FEB_10, 299_999)).as("one peso short on the due date").isFalse();
        assertThat(THREE.isUpToDate(FEB_10, 300_000)).isTrue();
        assertThat(THREE.isUpToDate(MAR_10, 300_000)).as("second instalment unpaid").isFalse();
        assertThat(THREE.isUpToDate(MAR_10, 600_000)).isTrue();
    }
}
