package cl.cobranza.core.normalize;

import java.util.Map;

/**
 * One row change captured from a client's ERP (a Debezium envelope, already parsed):
 * op is {@code c} create, {@code u} update, {@code d} delete or {@code r} snapshot read.
 * {@code position} orders changes of the same source (the PostgreSQL LSN, or for MySQL and MariaDB the
 * {@link BinlogPosition} of the binlog file and position).
 */
public record RawChange(String clientId, String schema, String table, char op, Map<String, Object> before,
                        Map<String, Object> after, long position) {

    /** The row as it now stands: the after-image, or for a delete the before-image. */
    public Map<String, Object> row() {
        return op == 'd' ? before : after;
    }

    public boolean isDelete() {
        return op == 'd';
    }
}
