package cl.cobranza.core.collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientTermsTest {
    private static final ClientTerms DEFAULTS = ClientTerms.defaults();
    /** Custom edges 15 and 45: current, 1-15, 16-45, 46+. */
    private static final ClientTerms CUSTOM = new ClientTerms(List.of(15, 45), 5, Map.of(Channel.CALL, 100L), 300, 2_000);

    @Test
    void defaults() {
        assertThat(DEFAULTS.agingEdges()).containsExactly(30, 60, 90, 120);
        assertThat(DEFAULTS.promiseGraceDays()).isEqualTo(3);
        assertThat(DEFAULTS.agentClpPerMinute()).isEqualTo(250);
        assertThat(DEFAULTS.agencyFeeBps()).isEqualTo(1_500);
        assertThat(DEFAULTS.unitCostClp()).containsOnlyKeys(Channel.values());
    }

    @ParameterizedTest(name = "DPD {0} -> bucket {1}")
    @CsvSource({
            "-5, 0",     // never negative in practice; still current
            "0, 0",      // not past due: current
            "1, 1",      // first day late: 1-30
            "30, 1",     // upper edge inclusive
            "31, 2",     // 31-60
            "60, 2",
            "61, 3",     // 61-90
            "90, 3",
            "91, 4",     // 91-120
            "120, 4",
            "121, 5",    // 121+
            "3650, 5",
    })
    void bucketOfWithDefaultEdges(long dpd, int bucket) {
        assertThat(DEFAULTS.bucketOf(dpd)).isEqualTo(bucket);
    }

    @ParameterizedTest(name = "DPD {0} -> bucket {1}")
    @CsvSource({
            "0, 0",
            "1, 1",      // 1-15
            "15, 1",
            "16, 2",     // 16-45
            "30, 2",
            "31, 2",
            "45, 2",
            "46, 3",     // 46+
            "120, 3",
            "121, 3",
    })
    void bucketOfWithCustomEdges(long dpd, int bucket) {
        assertThat(CUSTOM.bucketOf(dpd)).isEqualTo(bucket);
    }

    @Test
    void bucketCountAndLabels() {
        // current + 4 edges + open-ended = 6
        assertThat(DEFAULTS.bucketCount()).isEqualTo(6);
        assertThat(DEFAULTS.bucketLabels()).containsExactly("current", "1-30", "31-60", "61-90", "91-120", "121+");
        // current + 2 edges + open-ended = 4
        assertThat(CUSTOM.bucketCount()).isEqualTo(4);
        assertThat(CUSTOM.bucketLabels()).containsExactly("current", "1-15", "16-45", "46+");
    }

    @Test
    void singleEdgeOfOneDay() {
        // edge 1: current, 1-1, 2+
        ClientTerms t = new ClientTerms(List.of(1), 0, Map.of(), 0, 0);
        assertThat(t.bucketLabels()).containsExactly("current", "1-1", "2+");
        assertThat(t.bucketOf(1)).isEqualTo(1);
        assertThat(t.bucketOf(2)).isEqualTo(2);
        assertThat(t.bucketLowerDpd(2)).isEqualTo(2);
    }

    @Test
    void noEdgesIsCurrentAndOverdue() {
        // current + 0 edges + open-ended = 2 buckets: current, 1+
        ClientTerms t = new ClientTerms(List.of(), 3, Map.of(), 0, 0);
        assertThat(t.bucketCount()).isEqualTo(2);
        assertThat(t.bucketLabels()).containsExactly("current", "1+");
        assertThat(t.bucketOf(0)).isZero();
        assertThat(t.bucketOf(1)).isEqualTo(1);
        assertThat(t.bucketOf(500)).isEqualTo(1);
        assertThat(t.bucketLowerDpd(1)).isEqualTo(1);
    }

    @Test
    void bucketLowerDpd() {
        // default: current 0, 1-30 → 1, 31-60 → 31, 61-90 → 61, 91-120 → 91, 121+ → 121
        assertThat(List.of(0, 1, 2, 3, 4, 5)).map(DEFAULTS::bucketLowerDpd).containsExactly(0L, 1L, 31L, 61L, 91L, 121L);
        // custom: current 0, 1-15 → 1, 16-45 → 16, 46+ → 46
        assertThat(List.of(0, 1, 2, 3)).map(CUSTOM::bucketLowerDpd).containsExactly(0L, 1L, 16L, 46L);
    }

    @Test
    void lowerDpdOfEachBucketFallsInItAndTheDayBeforeInThePreviousOne() {
        for (ClientTerms t : List.of(DEFAULTS, CUSTOM)) {
            for (int b = 1; b < t.bucketCount(); b++) {
                long lower = t.bucketLowerDpd(b);
                assertThat(t.bucketOf(lower)).as("bucket of %s", lower).isEqualTo(b);
                assertThat(t.bucketOf(lower - 1)).as("bucket of %s", lower - 1).isEqualTo(b - 1);
            }
        }
    }

    @Test
    void actionCostWithDefaults() {
        // call with 0 minutes still counts 1 unit: 120 × max(1, 0) + 0 × 250 = 120
        assertThat(DEFAULTS.actionCostClp(Channel.CALL, 0)).isEqualTo(120);
        // call of 1 minute: 120 × 1 + 1 × 250 = 370
        assertThat(DEFAULTS.actionCostClp(Channel.CALL, 1)).isEqualTo(370);
        // call of 3 minutes is priced per minute: 120 × 3 + 3 × 250 = 360 + 750 = 1 110
        assertThat(DEFAULTS.actionCostClp(Channel.CALL, 3)).isEqualTo(1_110);
        // visit is flat: 12 000 × 1 + 0 × 250 = 12 000
        assertThat(DEFAULTS.actionCostClp(Channel.VISIT, 0)).isEqualTo(12_000);
        // visit of 45 minutes: 12 000 + 45 × 250 = 12 000 + 11 250 = 23 250
        assertThat(DEFAULTS.actionCostClp(Channel.VISIT, 45)).isEqualTo(23_250);
        // e-mail written in 2 minutes: 15 × 1 + 2 × 250 = 515
        assertThat(DEFAULTS.actionCostClp(Channel.EMAIL, 2)).isEqualTo(515);
        // automated SMS / WhatsApp / letter: unit cost only: 30, 40, 1 500
        assertThat(DEFAULTS.actionCostClp(Channel.SMS, 0)).isEqualTo(30);
        assertThat(DEFAULTS.actionCostClp(Channel.WHATSAPP, 0)).isEqualTo(40);
        assertThat(DEFAULTS.actionCostClp(Channel.LETTER, 0)).isEqualTo(1_500);
        // legal filing with an hour of work: 180 000 + 60 × 250 = 195 000
        assertThat(DEFAULTS.actionCostClp(Channel.LEGAL_FILING, 60)).isEqualTo(195_000);
    }

    @Test
    void actionCostWithCustomTerms() {
        // call 100/min, agent 300/min: 10 minutes = 100 × 10 + 10 × 300 = 1 000 + 3 000 = 4 000
        assertThat(CUSTOM.actionCostClp(Channel.CALL, 10)).isEqualTo(4_000);
        // a channel without a configured cost costs 0 per unit: visit of 20 minutes = 0 + 20 × 300 = 6 000
        assertThat(CUSTOM.unitCostClp().get(Channel.VISIT)).isZero();
        assertThat(CUSTOM.actionCostClp(Channel.VISIT, 20)).isEqualTo(6_000);
        assertThat(CUSTOM.actionCostClp(Channel.EMAIL, 0)).isZero();
    }

    @Test
    void edgesMustIncrease() {
        assertThatThrownBy(() -> new ClientTerms(List.of(60, 30), 3, Map.of(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increasing");
        // equal edges would make an empty bucket
        assertThatThrownBy(() -> new ClientTerms(List.of(30, 30, 60), 3, Map.of(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientTerms(List.of(30, 60, 90, 45), 3, Map.of(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void edgesMustBePositive() {
        // an edge of 0 would make "1-0"
        assertThatThrownBy(() -> new ClientTerms(List.of(0, 30), 3, Map.of(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientTerms(List.of(-30), 3, Map.of(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unitCostMustNotBeNegative() {
        assertThatThrownBy(() -> new ClientTerms(List.of(30), 3, Map.of(Channel.SMS, -1L), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SMS");
        assertThatCode(() -> new ClientTerms(List.of(30), 3, Map.of(Channel.SMS, 0L), 0, 0)).doesNotThrowAnyException();
    }

    @Test
    void feeMustBeZeroTo10000BasisPoints() {
        assertThatThrownBy(() -> new ClientTerms(List.of(30), 3, Map.of(), 0, 10_001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10000");
        assertThatThrownBy(() -> new ClientTerms(List.of(30), 3, Map.of(), 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        // 0% and 100% are allowed
        assertThatCode(() -> new ClientTerms(List.of(30), 3, Map.of(), 0, 0)).doesNotThrowAnyException();
        assertThatCode(() -> new ClientTerms(List.of(30), 3, Map.of(), 0, 10_000)).doesNotThrowAnyException();
    }

    @Test
    void graceDaysMustNotBeNegative() {
        assertThatThrownBy(() -> new ClientTerms(List.of(30), -1, Map.of(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> new ClientTerms(List.of(30), 0, Map.of(), 0, 0)).doesNotThrowAnyException();
    }

    @Test
    void copiesItsInputs() {
        List<Integer> edges = new ArrayList<>(List.of(10, 20));
        ClientTerms t = new ClientTerms(edges, 3, Map.of(), 0, 0);
        edges.set(1, 5);
        edges.add(99);
        assertThat(t.agingEdges()).containsExactly(10, 20);
        assertThatThrownBy(() -> t.agingEdges().add(30)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> t.unitCostClp().put(Channel.SMS, 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theFingerprintIsTheSameWhateverTheMapOrderOrJvm() {
        // the ledger stores toString() to detect changed terms after a restore: it must not depend on hash order
        ClientTerms a = new ClientTerms(java.util.List.of(30, 60), 3, java.util.Map.of(Channel.SMS, 30L, Channel.CALL, 120L), 250, 1_500);
        java.util.LinkedHashMap<Channel, Long> reversed = new java.util.LinkedHashMap<>();
        reversed.put(Channel.CALL, 120L);
        reversed.put(Channel.SMS, 30L);
        ClientTerms b = new ClientTerms(java.util.List.of(30, 60), 3, reversed, 250, 1_500);
        assertThat(a.toString()).isEqualTo(b.toString());
        assertThat(a.toString()).contains("{EMAIL=0, SMS=30, WHATSAPP=0, CALL=120, VISIT=0, LETTER=0, LEGAL_FILING=0}");
    }
}
