package cl.cobranza.connectors.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a {@link DemoHistory}: the ERP rows in one transaction (ids reserved from the tables' sequences first, so
 * that payments and credit notes can name their invoices in the same batches), then the collection work in one
 * transaction of the platform database. Timestamps fall in office hours of the row's own day, never after now.
 */
final class SeedWriter {
    private final Clock clock;
    private final SplittableRandom r;

    SeedWriter(Clock clock, long seed) {
        this.clock = clock;
        this.r = new SplittableRandom(seed);
    }

    /** Writes the ERP rows; returns the database id of each invoice of the history, by index. */
    long[] writeErp(Connection c, DemoHistory h) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            long[] customerIds = reserve(c, "customers", h.customers.size());
            long[] invoiceIds = reserve(c, "invoices", h.invoices.size());
            long[] noteIds = reserve(c, "credit_notes", h.creditNotes.size());
            long[] paymentIds = reserve(c, "payments", h.payments.size());
            List<DebtorProfile> profiles = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO customers (id, rut, name, email, created_at) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < h.customers.size(); i++) {
                    DemoHistory.Customer cu = h.customers.get(i);
                    ps.setLong(1, customerIds[i]);
                    ps.setString(2, cu.identity().rut());
                    ps.setString(3, cu.identity().name());
                    ps.setString(4, cu.identity().email());
                    ps.setObject(5, officeTime(cu.since()));
                    ps.addBatch();
                    profiles.add(cu.profile());
                }
                ps.executeBatch();
            }
            DemoBehaviours.insert(c, customerIds, profiles);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO invoices (id, dte_type, folio, customer_id,"
                    + " issue_date, due_date, total_clp) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < h.invoices.size(); i++) {
                    DemoHistory.Invoice inv = h.invoices.get(i);
                    ps.setLong(1, invoiceIds[i]);
                    ps.setInt(2, inv.dte());
                    ps.setLong(3, inv.folio());
                    ps.setLong(4, customerIds[inv.customer()]);
                    ps.setDate(5, Date.valueOf(inv.issued()));
                    if (inv.due() == null) {
                        ps.setNull(6, Types.DATE);
                    } else {
                        ps.setDate(6, Date.valueOf(inv.due()));
                    }
                    ps.setLong(7, inv.totalClp());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO credit_notes (id, folio, invoice_id, issue_date,"
                    + " amount_clp, reason_code) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < h.creditNotes.size(); i++) {
                    DemoHistory.CreditNote n = h.creditNotes.get(i);
                    ps.setLong(1, noteIds[i]);
                    ps.setLong(2, n.folio());
                    ps.setLong(3, invoiceIds[n.invoice()]);
                    ps.setDate(4, Date.valueOf(n.on()));
                    ps.setLong(5, n.amountClp());
                    ps.setInt(6, n.reason());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO payments (id, invoice_id, paid_on, amount_clp,"
                    + " method, reversed) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < h.payments.size(); i++) {
                    DemoHistory.Payment p = h.payments.get(i);
                    ps.setLong(1, paymentIds[i]);
                    ps.setLong(2, invoiceIds[p.invoice()]);
                    ps.setDate(3, Date.valueOf(p.on()));
                    ps.setLong(4, p.amountClp());
                    ps.setString(5, p.method());
                    ps.setBoolean(6, p.reversed());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return invoiceIds;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Writes the collection actions and promises of client {@code clientId}, naming invoices by their ERP ids. */
    void writePlatform(Connection platform, String clientId, DemoHistory h, long[] invoiceIds) throws SQLException {
        boolean auto = platform.getAutoCommit();
        platform.setAutoCommit(false);
        try {
            try (PreparedStatement ps = platform.prepareStatement("INSERT INTO collections.collection_actions"
                    + " (client_id, invoice_id, action_date, channel, outcome, agent_minutes, notes, recorded_by,"
                    + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (DemoHistory.Action a : h.actions) {
                    ps.setString(1, clientId);
                    ps.setString(2, Long.toString(invoiceIds[a.invoice()]));
                    ps.setDate(3, Date.valueOf(a.on()));
                    ps.setString(4, a.channel());
                    ps.setString(5, a.outcome());
                    ps.setInt(6, a.minutes());
                    ps.setString(7, a.notes());
                    ps.setString(8, a.agent());
                    ps.setObject(9, officeTime(a.on()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = platform.prepareStatement("INSERT INTO collections.promises"
                    + " (client_id, invoice_id, made_on, promised_date, amount_clp, recorded_by, recorded_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (DemoHistory.Promise p : h.promises) {
                    ps.setString(1, clientId);
                    ps.setString(2, Long.toString(invoiceIds[p.invoice()]));
                    ps.setDate(3, Date.valueOf(p.madeOn()));
                    ps.setDate(4, Date.valueOf(p.promisedOn()));
                    ps.setBigDecimal(5, BigDecimal.valueOf(p.amountClp()));
                    ps.setString(6, p.agent());
                    ps.setObject(7, officeTime(p.madeOn()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            platform.commit();
        } catch (SQLException | RuntimeException e) {
            platform.rollback();
            throw e;
        } finally {
            platform.setAutoCommit(auto);
        }
    }

    /** {@code n} fresh ids from the table's id sequence, ascending. */
    private static long[] reserve(Connection c, String table, int n) throws SQLException {
        long[] ids = new long[n];
        if (n == 0) {
            return ids;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)")) {
            ps.setString(1, table);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < n && rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        Arrays.sort(ids);
        return ids;
    }

    /** A moment between 09:00 and 19:00 of {@code day} in the clock's zone, not after now. */
    private OffsetDateTime officeTime(LocalDate day) {
        OffsetDateTime t = day.atTime(9 + r.nextInt(10), r.nextInt(60), r.nextInt(60)).atZone(clock.getZone())
                .toOffsetDateTime();
        OffsetDateTime now = OffsetDateTime.now(clock);
        return t.isAfter(now) ? now : t;
    }
}
