package cl.cobranza.connectors.debezium;

import cl.cobranza.connectors.mariadb.MariaDbBinlogCapture;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A running capture of one source database into its raw topics {@code raw.<source>.<schema or database>.<table>}
 * (Debezium JSON envelopes without schemas): Debezium's embedded engine for PostgreSQL and MySQL, our own binlog
 * reader for MariaDB.
 */
public interface SourceCapture extends AutoCloseable {

    /**
     * Starts the capture of a source of any kind (see {@link DebeziumCapture#start} and
     * {@link MariaDbBinlogCapture#start}); offsets go under {@code offsetsDir}.
     */
    static SourceCapture start(DebeziumCapture.Source src, Path offsetsDir, String bootstrapServers, Duration timeout)
            throws Exception {
        if (src.kind() == DebeziumCapture.Kind.MARIADB) {
            return MariaDbBinlogCapture.start(src, offsetsDir, bootstrapServers, timeout);
        }
        return DebeziumCapture.start(src, offsetsDir, bootstrapServers, timeout);
    }

    /** The source (client) name. */
    String source();

    /** Change events (not heartbeats) captured and acknowledged by Kafka since start. */
    long captured();

    /** Whether the capture stopped for good (an error retrying cannot fix, such as a bad configuration). */
    boolean failed();

    /** What the capture is doing, for operators: e.g. {@code RUNNING}, {@code RETRYING}, {@code FAILED}. */
    String state();

    /** The error that stopped the capture or that its retries are fighting, or null. */
    Throwable failure();
}
