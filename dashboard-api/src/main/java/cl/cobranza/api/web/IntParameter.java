package cl.cobranza.api.web;

/** Parses a whole-number request parameter within bounds, or refuses it naming the parameter and the range. */
public final class IntParameter {
    private IntParameter() {
    }

    /** {@code value} as an int between {@code min} and {@code max} inclusive; a 400 naming {@code field} otherwise. */
    public static int parse(String field, String value, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new BadRequestException(field, "'" + value + "' no es un número entero; use un valor entre " + min
                    + " y " + max);
        }
        if (n < min || n > max) {
            throw new BadRequestException(field, "debe estar entre " + min + " y " + max + "; se recibió " + n);
        }
        return n;
    }
}
