package cl.cobranza.core.collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "CONTACTED        | CONTACTED",
            "promised_to_pay  | PROMISED_TO_PAY",
            "Disputed         | DISPUTED",
            "refused          | REFUSED",
            "' no_answer '    | NO_ANSWER",
            "wrong_party      | WRONG_PARTY",
            "message_left     | MESSAGE_LEFT",
            "delivered        | DELIVERED",
            "BOUNCED          | BOUNCED",
    })
    void parsesCaseInsensitivelyAndTrimmed(String text, Outcome expected) {
        assertThat(Outcome.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> null")
    @ValueSource(strings = {"", "contact", "promised to pay", "no-answer", "paid"})
    void unknownIsNull(String text) {
        assertThat(Outcome.parse(text)).isNull();
    }

    @Test
    void theFirstFourAreRightPartyContacts() {
        assertThat(Arrays.stream(Outcome.values()).filter(Outcome::isRightPartyContact))
                .containsExactlyInAnyOrder(Outcome.CONTACTED, Outcome.PROMISED_TO_PAY, Outcome.DISPUTED, Outcome.REFUSED);
        assertThat(Arrays.stream(Outcome.values()).filter(o -> !o.isRightPartyContact()))
                .containsExactlyInAnyOrder(Outcome.NO_ANSWER, Outcome.WRONG_PARTY, Outcome.MESSAGE_LEFT,
                        Outcome.DELIVERED, Outcome.BOUNCED);
    }
}
