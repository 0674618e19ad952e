package cl.cobranza.core.collection;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Priority = open × days past due, and the collector's reason in Spanish with es-CL amounts. */
class CollectionPriorityTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 31);

    @Test
    void priorityIsOpenTimesDaysPastDueAndZeroBeforeTheDueDate() {
        assertThat(CollectionPriority.of(1_234_567, 45)).isEqualTo(55_555_515L);
        assertThat(CollectionPriority.of(80_000, 1)).isEqualTo(80_000L);
        assertThat(CollectionPriority.of(80_000, 0)).isZero();
        assertThat(CollectionPriority.of(80_000, -3)).isZero();
    }

    @Test
    void reasonSaysHowMuchAndHowLate() {
        assertThat(CollectionPriority.reason(1_234_567, AS_OF.minusDays(45), AS_OF, null))
                .isEqualTo("$1.234.567 vencidos hace 45 días");
        assertThat(CollectionPriority.reason(999, AS_OF.minusDays(1), AS_OF, null)).isEqualTo("$999 vencidos hace 1 día");
        assertThat(CollectionPriority.reason(80_000, AS_OF, AS_OF, null)).isEqualTo("$80.000 vence hoy");
        assertThat(CollectionPriority.reason(80_000, AS_OF.plusDays(1), AS_OF, null)).isEqualTo("$80.000 vence mañana");
        assertThat(CollectionPriority.reason(80_000, AS_OF.plusDays(3), AS_OF, null)).isEqualTo("$80.000 vence en 3 días");
    }

    @Test
    void aFirmPromiseIsNamedAndAPastOneIsNot() {
        PromiseToPay firm = new PromiseToPay(LocalDate.of(2026, 3, 20), LocalDate.of(2026, 4, 15), 300_000);
        assertThat(CollectionPriority.reason(1_000_000, AS_OF.minusDays(40), AS_OF, firm))
                .isEqualTo("$1.000.000 vencidos hace 40 días, promesa de $300.000 para el 15-04-2026");
        PromiseToPay past = new PromiseToPay(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 30), 300_000);
        assertThat(CollectionPriority.reason(1_000_000, AS_OF.minusDays(40), AS_OF, past))
                .isEqualTo("$1.000.000 vencidos hace 40 días");
    }
}
