package cl.cobranza.warehouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A statement the warehouse refused or could not run; carries the SQL's start and the server's message. */
public class WarehouseException extends RuntimeException {
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)");
    private static final int SQL_PREVIEW = 200;

    private final int code;

    /** Wraps a failure of {@code sql}; {@code serverMessage} is what ClickHouse (or the transport) said. */
    public WarehouseException(String sql, String serverMessage, Throwable cause) {
        super(serverMessage + " | SQL: " + preview(sql), cause);
        this.code = parseCode(serverMessage);
    }

    /**
     * ClickHouse's error code, or 0 when unknown. Parsed from the message because 18.16 sends no
     * {@code X-ClickHouse-Exception-Code} header, so client-v2 reports 0 there.
     */
    public int code() {
        return code;
    }

    static String preview(String sql) {
        if (sql == null) {
            return "<none>";
        }
        String flat = sql.strip();
        return flat.length() <= SQL_PREVIEW ? flat : flat.substring(0, SQL_PREVIEW) + "…";
    }

    static int parseCode(String message) {
        if (message == null) {
            return 0;
        }
        Matcher m = CODE.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
