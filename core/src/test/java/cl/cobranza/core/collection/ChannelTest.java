package cl.cobranza.core.collection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "EMAIL          | EMAIL",
            "email          | EMAIL",
            "Sms            | SMS",
            "whatsapp       | WHATSAPP",
            "call           | CALL",
            "'  Visit  '    | VISIT",
            "letter         | LETTER",
            "legal_filing   | LEGAL_FILING",
            "LEGAL_FILING   | LEGAL_FILING",
    })
    void parsesCaseInsensitivelyAndTrimmed(String text, Channel expected) {
        assertThat(Channel.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> null")
    @ValueSource(strings = {"", "  ", "fax", "legal filing", "legal-filing", "e-mail", "CALLS"})
    void unknownIsNull(String text) {
        assertThat(Channel.parse(text)).isNull();
    }

    @Test
    void onlyCallsAndVisitsAreContactAttempts() {
        assertThat(Arrays.stream(Channel.values()).filter(Channel::isContactAttempt))
                .containsExactlyInAnyOrder(Channel.CALL, Channel.VISIT);
    }

    @Test
    void onlyLegalFilingsArePassedOn() {
        assertThat(Arrays.stream(Channel.values()).filter(Channel::isPassedOn))
                .containsExactly(Channel.LEGAL_FILING);
    }

    @Test
    void messagesAreTheWrittenChannelsCallsAndVisitsTheAttempts() {
        assertThat(Arrays.stream(Channel.values()).filter(Channel::isMessage))
                .containsExactly(Channel.EMAIL, Channel.SMS, Channel.WHATSAPP, Channel.LETTER);
        assertThat(Arrays.stream(Channel.values()).filter(c -> c.isMessage() && c.isContactAttempt())).isEmpty();
        assertThat(Channel.LEGAL_FILING.isMessage() || Channel.LEGAL_FILING.isContactAttempt()).isFalse();
        assertThat(Channel.EMAIL.spanishName()).isEqualTo("correo");
        assertThat(Channel.CALL.spanishName()).isEqualTo("llamada");
    }
}
