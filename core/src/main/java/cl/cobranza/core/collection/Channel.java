package cl.cobranza.core.collection;

/** How a collector reached (or tried to reach) a debtor; each channel has a unit cost in {@link ClientTerms}. */
public enum Channel {
    EMAIL, SMS, WHATSAPP,
    /** Priced per minute of call. */
    CALL,
    VISIT, LETTER,
    /** A court filing; its cost is passed on to the client. */
    LEGAL_FILING;

    /** Calls and visits are the attempts counted by the right-party contact rate. */
    public boolean isContactAttempt() {
        return this == CALL || this == VISIT;
    }

    /** Legal filings are charged to the client ("charges passed on" in net recovery). */
    public boolean isPassedOn() {
        return this == LEGAL_FILING;
    }

    /** Whether the channel reaches the debtor in writing (email, SMS, WhatsApp, letter): a "message" for the contact rules. */
    public boolean isMessage() {
        return this == EMAIL || this == SMS || this == WHATSAPP || this == LETTER;
    }

    /** The channel's name as a collector says it (es-CL), lower case: "correo", "llamada", … */
    public String spanishName() {
        return switch (this) {
            case EMAIL -> "correo";
            case SMS -> "SMS";
            case WHATSAPP -> "WhatsApp";
            case CALL -> "llamada";
            case VISIT -> "visita";
            case LETTER -> "carta";
            case LEGAL_FILING -> "demanda";
        };
    }

    /** Parses a channel name case-insensitively; null when absent or unknown. */
    public static Channel parse(String text) {
        if (text == null) {
            return null;
        }
        for (Channel c : values()) {
            if (c.name().equalsIgnoreCase(text.trim())) {
                return c;
            }
        }
        return null;
    }
}
