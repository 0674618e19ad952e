package cl.cobranza.streaming.clickhouse;

import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseSettings;
import cl.cobranza.warehouse.WarehouseWriter;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes full-state rows into a ClickHouse {@code ReplacingMergeTree(version)} table in batches.
 *
 * <p>Rows are buffered by natural key, so only the newest row per key in a batch is sent; the buffer is
 * written when it is full, every {@code flushIntervalMillis}, and always before a checkpoint completes
 * (Flink calls {@code flush} at the barrier). A replay after a failure rewrites rows with the same or
 * newer versions, so the table converges: at-least-once delivery, effectively-once results.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** How a batch of rows reaches its table. */
    @FunctionalInterface
    public interface BatchWriter<T> extends Serializable {
        void write(WarehouseWriter writer, List<T> rows);
    }

    /** The natural key of a row: rows with the same key replace each other. */
    @FunctionalInterface
    public interface KeyOf<T> extends Serializable {
        String key(T row);
    }

    private final WarehouseSettings settings;
    private final KeyOf<T> keyOf;
    private final BatchWriter<T> writer;
    private final int maxBatchRows;
    private final long flushIntervalMillis;

    public ClickHouseSink(WarehouseSettings settings, KeyOf<T> keyOf, BatchWriter<T> writer, int maxBatchRows,
                          long flushIntervalMillis) {
        this.settings = settings;
        this.keyOf = keyOf;
        this.writer = writer;
        this.maxBatchRows = maxBatchRows;
        this.flushIntervalMillis = flushIntervalMillis;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>(new Warehouse(settings), keyOf, writer, maxBatchRows, flushIntervalMillis,
                context.getProcessingTimeService());
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final Warehouse warehouse;
        private final WarehouseWriter tableWriter; // one per sink writer, not one per batch
        private final KeyOf<T> keyOf;
        private final BatchWriter<T> writer;
        private final int maxBatchRows;
        private final long flushIntervalMillis;
        private final ProcessingTimeService time;
        private final Map<String, T> buffer = new LinkedHashMap<>();
        private boolean timerPending;

        Writer(Warehouse warehouse, KeyOf<T> keyOf, BatchWriter<T> writer, int maxBatchRows, long flushIntervalMillis,
               ProcessingTimeService time) {
            this.warehouse = warehouse;
            this.tableWriter = new WarehouseWriter(warehouse);
            this.keyOf = keyOf;
            this.writer = writer;
            this.maxBatchRows = maxBatchRows;
            this.flushIntervalMillis = flushIntervalMillis;
            this.time = time;
        }

        @Override
        public void write(T row, Context context) {
            buffer.put(keyOf.key(row), row);
            if (buffer.size() >= maxBatchRows) {
                writeBuffer();
            } else if (!timerPending) {
                timerPending = true;
                time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMillis, ts -> {
                    timerPending = false;
                    writeBuffer();
                });
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            writeBuffer();
        }

        private void writeBuffer() {
            if (buffer.isEmpty()) {
                return;
            }
            List<T> rows = new ArrayList<>(buffer.values());
            writer.write(tableWriter, rows); // a failure fails the task: it restarts from the last checkpoint
            buffer.clear();
        }

        @Override
        public void close() {
            warehouse.close();
        }
    }
}
