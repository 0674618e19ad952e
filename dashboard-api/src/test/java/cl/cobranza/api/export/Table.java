package cl.cobranza.api.export;

import java.util.Iterator;
import java.util.List;
import java.util.function.LongFunction;

/** A plain {@link Tabular} for the export tests: its record components are exactly the interface's methods. */
record Table(String tableName, List<Column> columns, Iterable<List<Object>> tableRows) implements Tabular {

    /** A table of the given rows. */
    @SafeVarargs
    static Table of(String name, List<Column> columns, List<Object>... rows) {
        return new Table(name, columns, List.of(rows));
    }

    /** A table of {@code count} rows made one at a time, as they are read: nothing is held in memory. */
    static Table lazy(String name, List<Column> columns, long count, LongFunction<List<Object>> row) {
        return new Table(name, columns, () -> new Iterator<>() {
            private long next = 1;

            @Override
            public boolean hasNext() {
                return next <= count;
            }

            @Override
            public List<Object> next() {
                return row.apply(next++);
            }
        });
    }
}
