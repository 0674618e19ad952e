package cl.cobranza.warehouse;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A cheap token of the KPI tables' contents: it differs after any write to them (see {@link #token()}). */
public final class KpiChanges {
    /** The tables it watches: every table a portfolio's numbers are read from. */
    public static final List<String> TABLES = List.of(WarehouseWriter.KPI_CLIENT_DAILY, WarehouseWriter.KPI_CLIENT_MONTHLY,
            WarehouseWriter.KPI_RECOVERY_COHORT, WarehouseWriter.DEAD_LETTERS, WarehouseWriter.CLIENTS);

    // One query on part metadata, no table data read. Every INSERT writes a new part numbered with a block number
    // above every existing part's, and a merge keeps the highest number of the parts it joins, so max(max_block_number)
    // grows at every insert and never comes back (the rows' own version and updated_at columns cannot promise that:
    // a rewrite may carry the same version, e.g. every test row has version 1, and a merge then restores count()).
    // A mutation rewrites parts with a new data_version (max and sum grow); a dropped part lowers parts and rows. A
    // merge may change sum(data_version), parts and rows too: one needless recomputation, never a missed change.
    private static final String SQL = "SELECT table, max(max_block_number) AS b, max(data_version) AS v,"
            + " sum(data_version) AS s, count() AS parts, sum(rows) AS r FROM system.parts"
            + " WHERE database = currentDatabase() AND active AND table IN ("
            + TABLES.stream().map(SqlLiteral::string).collect(Collectors.joining(", ")) + ") GROUP BY table ORDER BY table";

    private final Warehouse warehouse;

    /** Changes of this warehouse's KPI tables (reader credentials are enough). */
    public KpiChanges(Warehouse warehouse) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    }

    /**
     * The tables' state as a string: equal tokens mean no insert, mutation or drop happened in between (unequal
     * ones may also follow a mere background merge). Read it before reading the data it stands for.
     */
    public String token() {
        return warehouse.query(SQL).toString();
    }
}
