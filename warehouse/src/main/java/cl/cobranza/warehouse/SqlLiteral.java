package cl.cobranza.warehouse;

import com.clickhouse.client.api.sql.SQLUtils;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The one way values enter SQL text. ClickHouse 18.16 has no server-side query parameters, so values
 * are inlined; only typed Java values are accepted, and strings go through client-v2's escaping, which
 * escapes both {@code \} and {@code '} (its {@code enquoteLiteral} only doubles quotes and lets
 * {@code \' OR 1=1 --} out of the literal).
 */
public final class SqlLiteral {
    private SqlLiteral() {
    }

    /** A quoted string literal: {@code 'it\'s'}. */
    public static String string(String value) {
        Objects.requireNonNull(value, "a SQL string literal cannot be null");
        return "'" + SQLUtils.escapeSingleQuotes(value) + "'";
    }

    /** A Date literal, typed explicitly so it compares and infers as Date on every server version. */
    public static String date(LocalDate value) {
        Objects.requireNonNull(value, "a SQL date literal cannot be null");
        return "toDate('" + value + "')"; // LocalDate.toString() is always yyyy-MM-dd for years 0000-9999
    }

    /** An integer literal. */
    public static String number(long value) {
        return Long.toString(value);
    }

    /** A finite double as a plain decimal literal (no exponent, which old servers may not parse). */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a SQL number must be finite, got " + value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
