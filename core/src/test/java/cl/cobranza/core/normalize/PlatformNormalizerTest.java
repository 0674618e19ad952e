package cl.cobranza.core.normalize;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.PromiseChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.Map;

import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.FEB_14;
import static cl.cobranza.core.testkit.Days.FEB_16;
import static cl.cobranza.core.testkit.ErpRows.with;
import static cl.cobranza.core.testkit.Facts.CLIENT;
import static cl.cobranza.core.testkit.PlatformRows.SCHEMA;
import static cl.cobranza.core.testkit.PlatformRows.SOURCE;
import static cl.cobranza.core.testkit.PlatformRows.actionRow;
import static cl.cobranza.core.testkit.PlatformRows.delete;
import static cl.cobranza.core.testkit.PlatformRows.insert;
import static cl.cobranza.core.testkit.PlatformRows.promiseRow;
import static cl.cobranza.core.testkit.PlatformRows.read;
import static cl.cobranza.core.testkit.PlatformRows.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PlatformNormalizerTest {
    private final PlatformNormalizer normalizer = new PlatformNormalizer();

    /** The action of {@link cl.cobranza.core.testkit.PlatformRows#actionRow()} as a canonical event. */
    private static ActionRecorded action501(boolean deleted, long position) {
        return new ActionRecorded(CLIENT, "501", "1001", FEB_10, Channel.CALL, Outcome.PROMISED_TO_PAY, 12, deleted,
                position);
    }

    /** The promise of {@link cl.cobranza.core.testkit.PlatformRows#promiseRow()} as a canonical event. */
    private static PromiseChanged promise601(boolean deleted, long position) {
        return new PromiseChanged(CLIENT, "601", "1001", FEB_10, FEB_14, 400_000, deleted, position);
    }

    private RejectedRowException rejection(RawChange change) {
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class, () -> normalizer.normalize(change));
        assertThat(e).as("%s must be rejected", change).isNotNull();
        return e;
    }

    // --- collection actions

    @Test
    void actionTakesItsClientFromTheRowNotFromTheSource() {
        assertThat(normalizer.normalize(insert("collection_actions", actionRow(), 100)))
                .containsExactly(action501(false, 100));
    }

    @Test
    void actionFromIsoDateLowerCaseNamesAndNumericText() {
        Map<String, Object> row = with(actionRow(), "id", "501", "action_date", "2025-02-10",
                "channel", " call", "outcome", "promised_to_pay ", "agent_minutes", "12", "client_id", " pyme-1 ");
        assertThat(normalizer.normalize(insert("collection_actions", row, 101))).containsExactly(action501(false, 101));
    }

    @Test
    void actionWithoutNotesOrRecorderIsAccepted() {
        Map<String, Object> row = with(actionRow(), "notes", null, "recorded_by", null, "recorded_at", null);
        assertThat(normalizer.normalize(read("collection_actions", row, 102))).containsExactly(action501(false, 102));
    }

    @Test
    void actionUpdateUsesTheAfterImage() {
        Map<String, Object> before = actionRow();
        Map<String, Object> after = with(before, "outcome", "NO_ANSWER", "agent_minutes", 0L);
        assertThat(normalizer.normalize(update("collection_actions", before, after, 103))).containsExactly(
                new ActionRecorded(CLIENT, "501", "1001", FEB_10, Channel.CALL, Outcome.NO_ANSWER, 0, false, 103));
    }

    @Test
    void actionDeleteUsesTheBeforeImageAndIsDeleted() {
        assertThat(normalizer.normalize(delete("collection_actions", actionRow(), 104)))
                .containsExactly(action501(true, 104));
    }

    @Test
    void actionMovedToAnotherInvoiceIsRetractedFromTheOldOneFirst() {
        Map<String, Object> before = actionRow();
        Map<String, Object> after = with(before, "invoice_id", "1002");
        assertThat(normalizer.normalize(update("collection_actions", before, after, 105))).containsExactly(
                action501(true, 105),
                new ActionRecorded(CLIENT, "501", "1002", FEB_10, Channel.CALL, Outcome.PROMISED_TO_PAY, 12, false, 105));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void everyChannelIsAccepted(Channel channel) {
        CanonicalEvent e = normalizer.normalize(insert("collection_actions",
                with(actionRow(), "channel", channel.name()), 1)).get(0);
        assertThat(((ActionRecorded) e).channel()).isEqualTo(channel);
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void everyOutcomeIsAccepted(Outcome outcome) {
        CanonicalEvent e = normalizer.normalize(insert("collection_actions",
                with(actionRow(), "outcome", outcome.name().toLowerCase()), 1)).get(0);
        assertThat(((ActionRecorded) e).outcome()).isEqualTo(outcome);
    }

    @Test
    void zeroAndSixHundredMinutesAreTheLimits() {
        assertThat(((ActionRecorded) normalizer.normalize(insert("collection_actions",
                with(actionRow(), "agent_minutes", 0L), 1)).get(0)).agentMinutes()).isZero();
        assertThat(((ActionRecorded) normalizer.normalize(insert("collection_actions",
                with(actionRow(), "agent_minutes", 600L), 1)).get(0)).agentMinutes()).isEqualTo(600);
    }

    // --- promises

    @Test
    void promiseAmountFromDebeziumDecimalText() {
        assertThat(normalizer.normalize(insert("promises", promiseRow(), 200))).containsExactly(promise601(false, 200));
    }

    @Test
    void promiseAmountFromNumbersAndIsoDates() {
        Map<String, Object> row = with(promiseRow(), "made_on", "2025-02-10", "promised_date", "2025-02-14");
        assertThat(normalizer.normalize(insert("promises", with(row, "amount_clp", 400_000L), 201)))
                .containsExactly(promise601(false, 201));
        assertThat(normalizer.normalize(insert("promises", with(row, "amount_clp", new BigDecimal("400000")), 202)))
                .containsExactly(promise601(false, 202));
    }

    @Test
    void promiseForTheSameDayIsAccepted() {
        Map<String, Object> row = with(promiseRow(), "promised_date", promiseRow().get("made_on"));
        assertThat(normalizer.normalize(insert("promises", row, 203)))
                .containsExactly(new PromiseChanged(CLIENT, "601", "1001", FEB_10, FEB_10, 400_000, false, 203));
    }

    @Test
    void promiseRenegotiatedUsesTheAfterImage() {
        Map<String, Object> before = promiseRow();
        Map<String, Object> after = with(before, "promised_date", (Integer) before.get("made_on") + 6); // Feb 16
        assertThat(normalizer.normalize(update("promises", before, after, 204)))
                .containsExactly(new PromiseChanged(CLIENT, "601", "1001", FEB_10, FEB_16, 400_000, false, 204));
    }

    @Test
    void promiseDeleteUsesTheBeforeImageAndIsDeleted() {
        assertThat(normalizer.normalize(delete("promises", promiseRow(), 205))).containsExactly(promise601(true, 205));
    }

    @Test
    void promiseMovedToAnotherClientIsRetractedFromTheOldOneFirst() {
        Map<String, Object> before = promiseRow();
        Map<String, Object> after = with(before, "client_id", "pyme-2");
        assertThat(normalizer.normalize(update("promises", before, after, 206))).containsExactly(
                promise601(true, 206),
                new PromiseChanged("pyme-2", "601", "1001", FEB_10, FEB_14, 400_000, false, 206));
    }

    // --- rejections: each names the field and says what to fix

    @Test
    void rejectsAnUnknownChannelListingTheValidOnes() {
        RejectedRowException e = rejection(insert("collection_actions", with(actionRow(), "channel", "FAX"), 1));
        assertThat(e.field()).isEqualTo("channel");
        assertThat(e.reason()).contains("'FAX'").contains("EMAIL").contains("SMS").contains("WHATSAPP")
                .contains("CALL").contains("VISIT").contains("LETTER").contains("LEGAL_FILING");
    }

    @Test
    void rejectsAnUnknownOutcomeListingTheValidOnes() {
        RejectedRowException e = rejection(insert("collection_actions", with(actionRow(), "outcome", "PAID"), 1));
        assertThat(e.field()).isEqualTo("outcome");
        assertThat(e.reason()).contains("'PAID'").contains("CONTACTED").contains("PROMISED_TO_PAY")
                .contains("DISPUTED").contains("REFUSED").contains("NO_ANSWER").contains("WRONG_PARTY")
                .contains("MESSAGE_LEFT").contains("DELIVERED").contains("BOUNCED");
    }

    @Test
    void rejectsNegativeMinutes() {
        RejectedRowException e = rejection(insert("collection_actions", with(actionRow(), "agent_minutes", -5L), 1));
        assertThat(e.field()).isEqualTo("agent_minutes");
        assertThat(e.reason()).contains("negative").contains("-5").contains("0 when none");
    }

    @Test
    void rejectsMoreThanSixHundredMinutes() {
        RejectedRowException e = rejection(insert("collection_actions", with(actionRow(), "agent_minutes", 601L), 1));
        assertThat(e.field()).isEqualTo("agent_minutes");
        assertThat(e.reason()).contains("601").contains("600").contains("correct the minutes");
    }

    @Test
    void rejectsAPromisedDateBeforeTheDayThePromiseWasMade() {
        RejectedRowException e = rejection(insert("promises",
                with(promiseRow(), "promised_date", (Integer) promiseRow().get("made_on") - 1), 1));
        assertThat(e.field()).isEqualTo("promised_date");
        assertThat(e.reason()).contains("2025-02-09").contains("before").contains("2025-02-10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-400000"})
    void rejectsANonPositivePromisedAmount(String amount) {
        RejectedRowException e = rejection(insert("promises", with(promiseRow(), "amount_clp", amount), 1));
        assertThat(e.field()).isEqualTo("amount_clp");
        assertThat(e.reason()).contains(amount).contains("not positive").contains("delete the promise");
    }

    @Test
    void rejectsAFractionalPromisedAmount() {
        RejectedRowException e = rejection(insert("promises", with(promiseRow(), "amount_clp", "400000.5"), 1));
        assertThat(e.field()).isEqualTo("amount_clp");
        assertThat(e.reason()).contains("whole pesos");
    }

    @Test
    void rejectsARowWithoutClient() {
        for (Object missing : new Object[] {null, " "}) {
            RejectedRowException a = rejection(insert("collection_actions", with(actionRow(), "client_id", missing), 1));
            assertThat(a.field()).isEqualTo("client_id");
            assertThat(a.reason()).contains("missing").contains("set client_id");
            RejectedRowException p = rejection(delete("promises", with(promiseRow(), "client_id", missing), 1));
            assertThat(p.field()).isEqualTo("client_id");
        }
    }

    @Test
    void rejectsAnUnknownTable() {
        RejectedRowException e = rejection(insert("payment_plans", Map.of("id", 1L), 1));
        assertThat(e.field()).isEqualTo("table");
        assertThat(e.reason()).contains("payment_plans")
                .contains("collections.collection_actions").contains("collections.promises");
    }

    @Test
    void rejectsAPlatformTableNameInAnotherSchema() {
        RejectedRowException e = rejection(new RawChange(SOURCE, "public", "promises", 'c', null, promiseRow(), 1));
        assertThat(e.field()).isEqualTo("table");
        assertThat(e.reason()).contains("public.promises").contains("collections.promises");
    }

    @Test
    void rejectsTruncate() {
        RejectedRowException e = rejection(new RawChange(SOURCE, SCHEMA, "promises", 't', null, null, 1));
        assertThat(e.field()).isEqualTo("op");
        assertThat(e.reason()).contains("'t'").contains("resnapshot");
    }

    @Test
    void rejectsADeleteWithoutBeforeImage() {
        RejectedRowException e = rejection(delete("collection_actions", null, 1));
        assertThat(e.field()).isEqualTo("before");
        assertThat(e.reason()).contains("REPLICA IDENTITY FULL").contains("collections.collection_actions");
    }

    @Test
    void everyEventCarriesTheRowsClientAndThePosition() {
        for (CanonicalEvent e : normalizer.normalize(update("collection_actions", actionRow(),
                with(actionRow(), "invoice_id", "1002"), 777))) {
            assertThat(e.clientId()).isEqualTo(CLIENT);
            assertThat(e.sourcePosition()).isEqualTo(777);
        }
    }
}
