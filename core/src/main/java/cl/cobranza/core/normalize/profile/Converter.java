package cl.cobranza.core.normalize.profile;

import cl.cobranza.core.normalize.DateForm;
import cl.cobranza.core.normalize.Fields;
import cl.cobranza.core.normalize.RejectedRowException;
import cl.cobranza.core.rut.Rut;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads one canonical value from a source row; every failure is a {@link RejectedRowException} naming the source
 * column. Converters are plain serializable values: the loader builds them, Flink ships them.
 */
sealed interface Converter extends Serializable {
    /** The name a profile uses in {@code convert:}. */
    String label();

    /**
     * The value of {@code column} in {@code row}; when the column is null, a rejection if {@code required},
     * else null.
     */
    Object read(Map<String, Object> row, String column, boolean required);

    /** A whole number ({@code Long}): numeric ids, folios, codes. */
    record WholeNumber() implements Converter {
        @Override
        public String label() {
            return "integer";
        }

        @Override
        public Object read(Map<String, Object> row, String column, boolean required) {
            return !required && row.get(column) == null ? null : Fields.requireLong(row, column);
        }
    }

    /** Trimmed, non-blank text. */
    record Text() implements Converter {
        @Override
        public String label() {
            return "text";
        }

        @Override
        public Object read(Map<String, Object> row, String column, boolean required) {
            return !required && row.get(column) == null ? null : Fields.requireText(row, column);
        }
    }

    /** A RUT in one text column, in any usual notation; read as its compact form {@code 12345678-5}. */
    record RutText() implements Converter {
        @Override
        public String label() {
            return "rut";
        }

        @Override
        public Object read(Map<String, Object> row, String column, boolean required) {
            String text = Fields.requireText(row, column);
            try {
                return Rut.parse(text).compact();
            } catch (IllegalArgumentException e) {
                throw new RejectedRowException(column, e.getMessage());
            }
        }
    }

    /** A RUT split into a body column (the one passed to {@link #read}) and a check-digit column. */
    record RutSplit(String dvColumn) implements Converter {
        @Override
        public String label() {
            return "rut-split";
        }

        @Override
        public Object read(Map<String, Object> row, String column, boolean required) {
            long body = Fields.requireLong(row, column);
            if (body <= 0 || body > 99_999_999) {
                throw new RejectedRowException(column, "RUT body " + body
                        + " must be between 1 and 99.999.999: " + column + " holds the RUT without its check digit");
            }
            String dv = Fields.requireText(row, dvColumn);
            char digit = Character.toUpperCase(dv.charAt(0));
            if (dv.length() != 1 || !(Character.isDigit(digit) || digit == 'K')) {
                throw new RejectedRowException(dvColumn, "check digit '" + dv + "' is not one of 0-9 or K: "
                        + dvColumn + " holds only the RUT's check digit");
            }
            try {
                return new Rut((int) body, digit).compact();
            } catch (IllegalArgumentException e) {
                throw new RejectedRowException(dvColumn, e.getMessage() + " (for RUT body " + body + " in " + column
                        + "); correct " + dvColumn + " or " + column);
            }
        }
    }

    /** A DTE type ({@code Integer}): an SII number, or a text code translated by the profile's {@code dte_codes}. */
    record DteCode(String profile, Map<String, Integer> codes) implements Converter {
        public DteCode {
            TreeMap<String, Integer> upper = new TreeMap<>();
            codes.forEach((k, v) -> upper.put(k.trim().toUpperCase(Locale.ROOT), v));
            codes = upper;
        }

        @Override
        public String label() {
            return "dte";
        }

        @Override
        public Object read(Map<String, Object> row, String column, boolean required) {
            Object v = Fields.require(row, column);
            if (v instanceof Number) {
                return Fields.requireInt(row, column);
            }
            String s = v.toString().trim();
            if (s.matches("[+-]?\\d+")) {
                return Fields.requireInt(row, column);
            }
            Integer code = codes.get(s.toUpperCase(Locale.ROOT));
            if (code == null) {
                throw new RejectedRowException(column, "unknown DTE code '" + s + "': expected an SII number (33, 34, 56, 61)"
                        + (codes.isEmpty() ? "" : " or one of " + String.join(", ", codes.keySet()))
                        + "; add the code to dte_codes in the profile " + profile);
            }
            return code;
        }
    }

    /** A business date ({@code LocalDate}) in one of the listed forms; instants are dated in {@code zone}. */
    record DateValue(List<DateForm> forms, ZoneId zone) implements Converter {
        public DateValue {
            forms = List.copyOf(forms);
        }

        @Override
        public String label() {
            return "date";
        }

        @Override
        public Object read(Map<String, Object> row, String column, boolean required) {
            return required ? Fields.requireDate(row, column, forms, zone) : Fields.optionalDate(row, column, forms, zone);
        }
    }

    /** A whole-peso amount ({@code Long}), never negative; a fraction rejected or rounded half up. */
    record Amount(boolean roundHalfUp, boolean chileanText) implements Converter {
        @Override
        public String label() {
            return "clp";
        }

        @Override
        public Object read(Map<String, Object> row, String column, boolean required) {
            return Fields.requireClp(row, column, roundHalfUp, chileanText);
        }
    }

    /**
     * A currency code: absent is CLP, CLP in any case is accepted, any other is rejected (no conversion rates).
     * {@code documents} names what is rejected: "invoices", "credit notes", "payments".
     */
    record Currency(String documents) implements Converter {
        @Override
        public String label() {
            return "currency";
        }

        @Override
        public Object read(Map<String, Object> row, String column, boolean required) {
            Object currency = row.get(column);
            if (currency != null && !"CLP".equalsIgnoreCase(currency.toString().trim())) {
                throw new RejectedRowException(column, "currency '" + currency
                        + "' has no conversion rate: only CLP " + documents + " are accepted");
            }
            return currency == null ? null : "CLP";
        }
    }

    /** A yes/no column ({@code Boolean}), strict: a value that is neither is rejected, not taken as no. */
    record Flag() implements Converter {
        @Override
        public String label() {
            return "flag";
        }

        @Override
        public Object read(Map<String, Object> row, String column, boolean required) {
            if (row.get(column) == null) {
                if (required) {
                    Fields.require(row, column);
                }
                return null;
            }
            return Fields.optionalFlag(row, column);
        }
    }
}
