package cl.cobranza.core.chile;

import cl.cobranza.core.collection.InvalidWorkException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiiClaimTest {
    private static final LocalDate ISSUED = LocalDate.of(2026, 11, 2);

    @Test
    void theEighthDayAfterIssueIsTheLastDayToClaim() {
        assertThat(SiiClaim.inTime(ISSUED, ISSUED)).isTrue();
        assertThat(SiiClaim.inTime(ISSUED, LocalDate.of(2026, 11, 10))).isTrue();
        assertThat(SiiClaim.inTime(ISSUED, LocalDate.of(2026, 11, 11))).isFalse();
        assertThat(SiiClaim.inTime(ISSUED, LocalDate.of(2026, 11, 1))).isFalse();
    }

    @Test
    void aLateClaimNamesTheDeadlineAndTheFix() {
        assertThatThrownBy(() -> SiiClaim.check(ISSUED, LocalDate.of(2026, 11, 11), LocalDate.of(2026, 12, 1)))
                .isInstanceOf(InvalidWorkException.class)
                .hasMessageContaining("10-11-2026").hasMessageContaining("DEBTOR");
        assertThatThrownBy(() -> SiiClaim.check(ISSUED, LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 4)))
                .hasMessageContaining("futura");
    }
}
