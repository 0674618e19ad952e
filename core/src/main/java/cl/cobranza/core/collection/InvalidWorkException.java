package cl.cobranza.core.collection;

/** Collection work (an action, a promise, a plan) that cannot be recorded as given: names the field and the fix. */
public class InvalidWorkException extends RuntimeException {
    private final String field;

    public InvalidWorkException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** The request field at fault, as the API names it (e.g. {@code promisedDate}). */
    public String field() {
        return field;
    }
}
