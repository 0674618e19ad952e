package cl.cobranza.core.collection;

/** What came of a collection action; the first four mean the collector reached the debtor (right-party contact). */
public enum Outcome {
    CONTACTED, PROMISED_TO_PAY, DISPUTED, REFUSED,
    NO_ANSWER, WRONG_PARTY, MESSAGE_LEFT, DELIVERED, BOUNCED;

    public boolean isRightPartyContact() {
        return this == CONTACTED || this == PROMISED_TO_PAY || this == DISPUTED || this == REFUSED;
    }

    /** Parses an outcome name case-insensitively; null when absent or unknown. */
    public static Outcome parse(String text) {
        if (text == null) {
            return null;
        }
        for (Outcome o : values()) {
            if (o.name().equalsIgnoreCase(text.trim())) {
                return o;
            }
        }
        return null;
    }
}
