package cl.cobranza.core.rut;

/**
 * A Chilean RUT (rol único tributario): body and mod-11 check digit, validated on parse.
 * Accepts {@code 12.345.678-5}, {@code 12345678-5}, {@code 123456785} and a lower-case {@code k}.
 */
public record Rut(int body, char checkDigit) {

    public Rut {
        if (body <= 0 || body > 99_999_999) {
            throw new IllegalArgumentException("RUT body must be between 1 and 99.999.999, got " + body);
        }
        char expected = checkDigitOf(body);
        if (Character.toUpperCase(checkDigit) != expected) {
            throw new IllegalArgumentException("RUT " + body + "-" + checkDigit
                    + " has a wrong check digit: expected " + expected);
        }
        checkDigit = expected;
    }

    /** Parses a RUT in any usual notation; the message names the problem and the expected form. */
    public static Rut parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("RUT is empty: expected a form like 12.345.678-5");
        }
        String clean = text.replace(".", "").replace("-", "").replace(" ", "").trim();
        if (clean.length() < 2) {
            throw new IllegalArgumentException("RUT '" + text + "' is too short: expected a form like 12.345.678-5");
        }
        String bodyText = clean.substring(0, clean.length() - 1);
        char dv = Character.toUpperCase(clean.charAt(clean.length() - 1));
        if (!bodyText.chars().allMatch(Character::isDigit) || bodyText.length() > 8
                || !(Character.isDigit(dv) || dv == 'K')) {
            throw new IllegalArgumentException("RUT '" + text + "' is not a RUT: expected a form like 12.345.678-5");
        }
        return new Rut(Integer.parseInt(bodyText), dv);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The mod-11 check digit with Chile's mapping: 11 → 0, 10 → K. */
    public static char checkDigitOf(int body) {
        int sum = 0;
        int factor = 2;
        for (int n = body; n > 0; n /= 10) {
            sum += (n % 10) * factor;
            factor = factor == 7 ? 2 : factor + 1;
        }
        int digit = 11 - (sum % 11);
        return digit == 11 ? '0' : digit == 10 ? 'K' : (char) ('0' + digit);
    }

    /** Bodies below this are natural persons' RUTs; companies and other legal persons get higher ones. */
    public static final int FIRST_LEGAL_PERSON_BODY = 50_000_000;

    /**
     * Whether the RUT belongs to a natural person (body below {@value #FIRST_LEGAL_PERSON_BODY}): the default of
     * a debtor's consumer flag under Ley 19.496, which a user may change (a small company may act as a consumer).
     */
    public boolean isNaturalPerson() {
        return body < FIRST_LEGAL_PERSON_BODY;
    }

    /** The canonical stored form, {@code 12345678-5}. */
    public String compact() {
        return body + "-" + checkDigit;
    }

    /** The display form, {@code 12.345.678-5}. */
    @Override
    public String toString() {
        String b = Integer.toString(body);
        StringBuilder sb = new StringBuilder();
        int lead = b.length() % 3;
        for (int i = 0; i < b.length(); i++) {
            if (i > 0 && (i - lead) % 3 == 0) {
                sb.append('.');
            }
            sb.append(b.charAt(i));
        }
        return sb + "-" + checkDigit;
    }
}
