package cl.cobranza.warehouse;

import cl.cobranza.core.state.InvoiceSnapshot;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static cl.cobranza.warehouse.SqlLiteral.date;
import static cl.cobranza.warehouse.SqlLiteral.string;

/**
 * The read side of the receivables tables. Every value enters the SQL through {@link SqlLiteral}.
 * Tables hold several versions of a row until ClickHouse merges them, so every read picks the newest
 * version itself (argMax by version, or FINAL). Aliases never repeat a source column name inside an
 * aggregate, which 18.16 refuses.
 */
public final class ReceivablesQueries {
    private final Warehouse warehouse;

    /** Queries on this warehouse (reader credentials are enough). */
    public ReceivablesQueries(Warehouse warehouse) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
    }

    /**
     * One row per client of the scope in {@code clients}, ordered by client id, with that client's newest KPI row
     * dated on or before {@code asOf}; clients without one show zeros and a null date.
     */
    public List<ClientReceivablesView> current(TenantScope scope, LocalDate asOf) {
        // The constant r_found tells a missing match from a real zero without join_use_nulls, and the
        // join is an explicit LEFT JOIN ... ON on differently named keys: both read the same on 18.16
        // and on current servers.
        String sql = """
                SELECT client_id, client_name, r_found, r_as_of,
                       r_open_clp, r_overdue_clp, r_open_invoices, r_overdue_invoices
                FROM
                (
                    SELECT client_id, argMax(name, version) AS client_name
                    FROM clients
                    WHERE %2$s
                    GROUP BY client_id
                ) AS listed
                LEFT JOIN
                (
                    SELECT client_id AS r_client_id,
                           1 AS r_found,
                           max(day) AS r_as_of,
                           argMax(d_open_clp, day) AS r_open_clp,
                           argMax(d_overdue_clp, day) AS r_overdue_clp,
                           argMax(d_open_invoices, day) AS r_open_invoices,
                           argMax(d_overdue_invoices, day) AS r_overdue_invoices
                    FROM
                    (
                        SELECT client_id, day,
                               argMax(open_clp, version) AS d_open_clp,
                               argMax(overdue_clp, version) AS d_overdue_clp,
                               argMax(open_invoices, version) AS d_open_invoices,
                               argMax(overdue_invoices, version) AS d_overdue_invoices
                        FROM kpi_client_daily
                        WHERE day <= %1$s AND %2$s
                        GROUP BY client_id, day
                    )
                    GROUP BY client_id
                ) AS latest ON client_id = r_client_id
                ORDER BY client_id
                """.formatted(date(asOf), scope.sqlCondition("client_id"));
        List<ClientReceivablesView> result = new ArrayList<>();
        for (JsonNode row : warehouse.query(sql)) {
            boolean found = row.get("r_found").asInt() == 1;
            result.add(new ClientReceivablesView(
                    row.get("client_id").asText(),
                    row.get("client_name").asText(),
                    found ? LocalDate.parse(row.get("r_as_of").asText()) : null,
                    found ? row.get("r_open_clp").asLong() : 0,
                    found ? row.get("r_overdue_clp").asLong() : 0,
                    found ? row.get("r_open_invoices").asLong() : 0,
                    found ? row.get("r_overdue_invoices").asLong() : 0));
        }
        return result;
    }

    /**
     * The newest version of one invoice, or empty when the warehouse never saw it. A voided invoice is
     * returned with {@code deleted() == true}, so callers can show it as voided rather than unknown.
     */
    public Optional<InvoiceSnapshot> invoice(TenantScope scope, String clientId, String invoiceId) {
        if (!scope.allows(clientId)) {
            return Optional.empty();
        }
        String sql = """
                SELECT client_id, invoice_id, debtor_id, dte_type, folio, issue_date, due_date,
                       total_clp, credited_clp, paid_clp, open_clp, is_deleted, version
                FROM invoice_state
                WHERE client_id = %s AND invoice_id = %s
                ORDER BY version DESC
                LIMIT 1
                """.formatted(string(clientId), string(invoiceId));
        List<JsonNode> rows = warehouse.query(sql);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        JsonNode r = rows.get(0);
        return Optional.of(new InvoiceSnapshot(r.get("client_id").asText(), r.get("invoice_id").asText(),
                r.get("debtor_id").asText(), r.get("dte_type").asInt(), r.get("folio").asLong(),
                LocalDate.parse(r.get("issue_date").asText()), LocalDate.parse(r.get("due_date").asText()),
                r.get("total_clp").asLong(), r.get("credited_clp").asLong(), r.get("paid_clp").asLong(),
                r.get("open_clp").asLong(), r.get("is_deleted").asInt() != 0, r.get("version").asLong()));
    }

    /**
     * Open balance, overdue balance (due date before {@code asOf}) and the number of open (balance &gt; 0)
     * and overdue invoices of one client, summed from the current invoice state. It uses today's
     * balances, so it checks the KPI table for {@code asOf} = the latest day, not for past days.
     */
    public OpenTotals openTotalsFromInvoices(TenantScope scope, String clientId, LocalDate asOf) {
        if (!scope.allows(clientId)) {
            return new OpenTotals(0, 0, 0, 0);
        }
        // is_deleted is filtered outside FINAL on purpose: it must see collapsed rows, and a condition
        // next to FINAL may be moved to PREWHERE, which runs before collapsing and would count a voided
        // invoice's older, live version (optimize_move_to_prewhere_if_final). 18.16 got it right either
        // way when measured; the subquery makes the answer independent of version and settings.
        String sql = """
                SELECT sum(open_clp) AS t_open_clp,
                       sumIf(open_clp, due_date < %2$s) AS t_overdue_clp,
                       countIf(open_clp > 0) AS t_open_invoices,
                       countIf(open_clp > 0 AND due_date < %2$s) AS t_overdue_invoices
                FROM
                (
                    SELECT open_clp, due_date, is_deleted
                    FROM invoice_state FINAL
                    WHERE client_id = %1$s
                )
                WHERE is_deleted = 0
                """.formatted(string(clientId), date(asOf));
        JsonNode row = warehouse.query(sql).get(0);
        return new OpenTotals(row.get("t_open_clp").asLong(), row.get("t_overdue_clp").asLong(),
                row.get("t_open_invoices").asLong(), row.get("t_overdue_invoices").asLong());
    }

    /**
     * The debtors of one client with an open balance as of {@code asOf}'s due-date view (balances are the
     * current ones), most overdue first (overdue CLP, then open CLP), at most {@code limit}.
     */
    public List<DebtorSummary> debtors(TenantScope scope, String clientId, LocalDate asOf, int limit) {
        if (!scope.allows(clientId)) {
            return List.of();
        }
        String sql = """
                SELECT i_debtor_id, d_rut, d_name, t_open_clp, t_overdue_clp, t_open_invoices, t_overdue_invoices,
                       t_overdue_clp_days, t_max_dpd
                FROM
                (
                    SELECT debtor_id AS i_debtor_id,
                           sum(open_clp) AS t_open_clp,
                           sumIf(open_clp, due_date < %2$s) AS t_overdue_clp,
                           countIf(open_clp > 0) AS t_open_invoices,
                           countIf(open_clp > 0 AND due_date < %2$s) AS t_overdue_invoices,
                           sumIf(open_clp * dateDiff('day', due_date, %2$s), due_date < %2$s) AS t_overdue_clp_days,
                           maxIf(dateDiff('day', due_date, %2$s), open_clp > 0 AND due_date < %2$s) AS t_max_dpd
                    FROM
                    (
                        SELECT debtor_id, open_clp, due_date, is_deleted
                        FROM invoice_state FINAL
                        WHERE client_id = %1$s
                    )
                    WHERE is_deleted = 0 AND open_clp > 0
                    GROUP BY debtor_id
                ) AS totals
                LEFT JOIN
                (
                    SELECT debtor_id AS d_debtor_id, argMax(rut, version) AS d_rut, argMax(name, version) AS d_name
                    FROM debtors
                    WHERE client_id = %1$s
                    GROUP BY debtor_id
                ) AS names ON i_debtor_id = d_debtor_id
                ORDER BY t_overdue_clp DESC, t_open_clp DESC, i_debtor_id
                LIMIT %3$d
                """.formatted(string(clientId), date(asOf), Math.max(1, Math.min(limit, 10_000)));
        List<DebtorSummary> result = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            long overdue = r.get("t_overdue_clp").asLong();
            result.add(new DebtorSummary(clientId, r.get("i_debtor_id").asText(), r.get("d_rut").asText(),
                    r.get("d_name").asText(), r.get("t_open_clp").asLong(), overdue, r.get("t_open_invoices").asLong(),
                    r.get("t_overdue_invoices").asLong(),
                    overdue == 0 ? null : (double) r.get("t_overdue_clp_days").asLong() / overdue,
                    overdue == 0 ? 0 : r.get("t_max_dpd").asLong()));
        }
        return result;
    }
}
