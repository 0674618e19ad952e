package cl.cobranza.api.web;

/** A request parameter that cannot be used; answered with HTTP 400 and {@code {field, reason}}. */
public class BadRequestException extends RuntimeException {
    private final String field;

    /** {@code reason} should say what was expected, e.g. "expected yyyy-MM-dd". */
    public BadRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** The request parameter at fault. */
    public String field() {
        return field;
    }
}
