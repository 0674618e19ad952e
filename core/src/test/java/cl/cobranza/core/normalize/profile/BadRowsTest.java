package cl.cobranza.core.normalize.profile;

import cl.cobranza.core.normalize.RejectedRowException;
import cl.cobranza.core.normalize.SourceNormalizer;
import cl.cobranza.core.testkit.BadRows;
import cl.cobranza.core.testkit.BadRows.BadRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The bad-row corpus ({@link BadRows}): each row is rejected on its column, with a reason that says what to fix. */
class BadRowsTest {
    private static final Map<String, ProfileNormalizer> BY_PROFILE = Map.of(
            BadRows.DEMO, ProfileNormalizer.load(BadRows.DEMO), BadRows.ESPANOL, ProfileNormalizer.load(BadRows.ESPANOL));
    private static final SourceNormalizer BY_SOURCE = SourceNormalizer.ofProfileNames(BadRows.PROFILE_BY_SOURCE);

    static List<BadRow> corpus() {
        return BadRows.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRejectedOnItsColumnWithTheFix(BadRow bad) {
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class,
                () -> BY_PROFILE.get(bad.profile()).normalize(bad.change(1)));
        assertThat(e).as("%s must be rejected", bad).isNotNull();
        assertThat(e.field()).isEqualTo(bad.field());
        for (String fragment : bad.reason()) {
            assertThat(e.reason()).contains(fragment);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRejectedTheSameWayWhenTheSourceSelectsTheProfile(BadRow bad) {
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class,
                () -> BY_SOURCE.normalize(bad.change(2)));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo(bad.field());
        assertThat(e.reason()).contains(bad.reason());
    }

    @Test
    void theCorpusHasAtLeast25UniqueCasesOverBothProfiles() {
        List<BadRow> all = BadRows.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(25);
        assertThat(all.stream().map(BadRow::toString).collect(Collectors.toSet())).hasSize(all.size());
        assertThat(all.stream().map(BadRow::profile).distinct()).containsExactlyInAnyOrder(BadRows.DEMO, BadRows.ESPANOL);
        assertThat(all).allSatisfy(b -> assertThat(b.reason()).isNotEmpty());
    }
}
