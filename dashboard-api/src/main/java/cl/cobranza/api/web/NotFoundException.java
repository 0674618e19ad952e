package cl.cobranza.api.web;

/** A resource the warehouse does not have; answered with HTTP 404 and a JSON body. */
public class NotFoundException extends RuntimeException {
    private final String field;

    /** {@code field} names the missing thing (e.g. "invoiceId"), {@code reason} says it in words. */
    public NotFoundException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    /** The identifier that matched nothing. */
    public String field() {
        return field;
    }
}
