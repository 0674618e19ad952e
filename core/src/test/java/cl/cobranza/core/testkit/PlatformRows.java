package cl.cobranza.core.testkit;

import cl.cobranza.core.normalize.RawChange;

import java.util.HashMap;
import java.util.Map;

/**
 * Rows of the platform's collection records (core/src/main/resources/db/platform/V1__collections.sql) as
 * Debezium delivers them from {@code raw.platform.collections.<table>}: BIGSERIAL and INT as {@code Long},
 * DATE as an epoch-day {@code Integer}, NUMERIC(18,0) as text (decimal.handling.mode=string). Each factory
 * returns a fresh valid row of client {@link Facts#CLIENT}; {@link ErpRows#with} makes a changed copy.
 */
public final class PlatformRows {
    /** The capture's source name, which is not the client: the client is the row's {@code client_id}. */
    public static final String SOURCE = "platform";
    public static final String SCHEMA = "collections";

    private PlatformRows() {
    }

    /** Action 501: a 12-minute call on invoice 1001 on 2025-02-10 (epoch day 20 089 + 40) that got a promise. */
    public static Map<String, Object> actionRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 501L);
        row.put("client_id", Facts.CLIENT);
        row.put("invoice_id", "1001");
        row.put("action_date", Days.JAN_1_EPOCH_DAY + 40);
        row.put("channel", "CALL");
        row.put("outcome", "PROMISED_TO_PAY");
        row.put("agent_minutes", 12L);
        row.put("notes", "promete pagar el viernes");
        row.put("recorded_by", "agente-3");
        row.put("recorded_at", "2025-02-10T15:04:05.000000Z");
        return row;
    }

    /** Promise 601: made 2025-02-10 to pay $400.000 on invoice 1001 by 2025-02-14 (epoch day 20 089 + 44). */
    public static Map<String, Object> promiseRow() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 601L);
        row.put("client_id", Facts.CLIENT);
        row.put("invoice_id", "1001");
        row.put("made_on", Days.JAN_1_EPOCH_DAY + 40);
        row.put("promised_date", Days.JAN_1_EPOCH_DAY + 44);
        row.put("amount_clp", "400000");
        row.put("recorded_by", "agente-3");
        row.put("recorded_at", "2025-02-10T15:06:00.000000Z");
        return row;
    }

    public static RawChange insert(String table, Map<String, Object> after, long position) {
        return new RawChange(SOURCE, SCHEMA, table, 'c', null, after, position);
    }

    public static RawChange read(String table, Map<String, Object> after, long position) {
        return new RawChange(SOURCE, SCHEMA, table, 'r', null, after, position);
    }

    public static RawChange update(String table, Map<String, Object> before, Map<String, Object> after, long position) {
        return new RawChange(SOURCE, SCHEMA, table, 'u', before, after, position);
    }

    public static RawChange delete(String table, Map<String, Object> before, long position) {
        return new RawChange(SOURCE, SCHEMA, table, 'd', before, null, position);
    }
}
