package cl.cobranza.core.normalize;

/** A source row that cannot be understood: names the field and what to fix. Goes to the dead-letter topic. */
public final class RejectedRowException extends RuntimeException {
    private final String field;
    private final String reason;

    public RejectedRowException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
