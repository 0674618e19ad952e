package cl.cobranza.launcher;

import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.warehouse.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The independent answer to "what should the warehouse say": plain SQL over a demo client's ERP tables
 * (what a pyme's own report would compute), and the same figures read back from the warehouse's tables.
 */
final class SourceOracle {
    private SourceOracle() {
    }

    /** {open CLP, overdue CLP, open invoices, overdue invoices} straight from the ERP tables. */
    static long[] totals(LocalStack stack, DemoClient c, LocalDate today) throws Exception {
        String sql = "SELECT coalesce(sum(open), 0), coalesce(sum(open) FILTER (WHERE due < ?), 0),"
                + " count(*) FILTER (WHERE open > 0), count(*) FILTER (WHERE open > 0 AND due < ?)"
                + " FROM (SELECT greatest(0, i.total_clp"
                + "   - coalesce((SELECT sum(amount_clp) FROM payments p WHERE p.invoice_id = i.id AND NOT p.reversed), 0)"
                + "   - coalesce((SELECT sum(amount_clp) FROM credit_notes n WHERE n.invoice_id = i.id), 0)) AS open,"
                + "   coalesce(i.due_date, i.issue_date + 30) AS due FROM invoices i) t";
        try (Connection db = stack.postgres().connect(c.database()); PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setDate(1, Date.valueOf(today));
            ps.setDate(2, Date.valueOf(today));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }

    /** Each live invoice as "total/credited/paid" (paid = payments not reversed), by invoice id, from the ERP. */
    static Map<String, String> invoices(LocalStack stack, DemoClient c) throws Exception {
        String sql = "SELECT i.id, i.total_clp,"
                + " coalesce((SELECT sum(amount_clp) FROM credit_notes n WHERE n.invoice_id = i.id), 0),"
                + " coalesce((SELECT sum(amount_clp) FROM payments p WHERE p.invoice_id = i.id AND NOT p.reversed), 0)"
                + " FROM invoices i";
        Map<String, String> out = new TreeMap<>();
        try (Connection db = stack.postgres().connect(c.database()); PreparedStatement ps = db.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4));
            }
        }
        return out;
    }

    /** The same view of the warehouse's current invoice states (newest version of each, deleted ones left out). */
    static Map<String, String> warehouseInvoices(Warehouse w, String clientId) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode r : w.query("SELECT invoice_id, total_clp, credited_clp, paid_clp FROM invoice_state FINAL"
                + " WHERE client_id = '" + clientId.replace("'", "") + "' AND is_deleted = 0")) {
            out.put(r.get("invoice_id").asText(), r.get("total_clp").asLong() + "/" + r.get("credited_clp").asLong()
                    + "/" + r.get("paid_clp").asLong());
        }
        return out;
    }
}
