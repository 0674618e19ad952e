package cl.cobranza.connectors.demo;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo ERP's {@code demo_behaviours} table: each customer's hidden {@link DebtorProfile}, the truth a risk
 * model can be scored against. Not captured by Debezium (only customers, invoices, credit notes and payments are).
 */
public final class DemoBehaviours {
    static final String INSERT = "INSERT INTO demo_behaviours (customer_id, behaviour, seed, size, median_net_clp,"
            + " amount_sigma, terms_days, activity, exempt_share, mean_delay_days, delay_spread_days, min_delay_days,"
            + " max_delay_days, partial_payment_probability, promise_probability, promise_keeping_probability,"
            + " refusal_probability, contactability, dispute_probability, bounce_probability, defaults_on)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT customer_id, behaviour, seed, size, median_net_clp, amount_sigma,"
            + " terms_days, activity, exempt_share, mean_delay_days, delay_spread_days, min_delay_days, max_delay_days,"
            + " partial_payment_probability, promise_probability, promise_keeping_probability, refusal_probability,"
            + " contactability, dispute_probability, bounce_probability, defaults_on FROM demo_behaviours";

    private DemoBehaviours() {
    }

    /** Every customer's profile, by customer id, in id order. */
    public static Map<Long, DebtorProfile> read(Connection erp) throws SQLException {
        Map<Long, DebtorProfile> out = new LinkedHashMap<>();
        try (Statement s = erp.createStatement(); ResultSet rs = s.executeQuery(SELECT + " ORDER BY customer_id")) {
            while (rs.next()) {
                Date defaultsOn = rs.getDate(21);
                out.put(rs.getLong(1), new DebtorProfile(DebtorBehaviour.valueOf(rs.getString(2)), rs.getLong(3),
                        DebtorProfile.Size.valueOf(rs.getString(4)), rs.getLong(5), rs.getDouble(6), rs.getInt(7),
                        rs.getDouble(8), rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getInt(12),
                        rs.getInt(13), rs.getDouble(14), rs.getDouble(15), rs.getDouble(16), rs.getDouble(17),
                        rs.getDouble(18), rs.getDouble(19), rs.getDouble(20),
                        defaultsOn == null ? null : defaultsOn.toLocalDate()));
            }
        }
        return out;
    }

    /** Adds the profiles of customers {@code ids} (same order) as one batch, in the caller's transaction. */
    static void insert(Connection erp, long[] ids, List<DebtorProfile> profiles) throws SQLException {
        try (PreparedStatement ps = erp.prepareStatement(INSERT)) {
            for (int i = 0; i < ids.length; i++) {
                bind(ps, ids[i], profiles.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, long customerId, DebtorProfile p) throws SQLException {
        ps.setLong(1, customerId);
        ps.setString(2, p.behaviour().name());
        ps.setLong(3, p.seed());
        ps.setString(4, p.size().name());
        ps.setLong(5, p.medianNetClp());
        ps.setDouble(6, p.amountSigma());
        ps.setInt(7, p.termsDays());
        ps.setDouble(8, p.activity());
        ps.setDouble(9, p.exemptShare());
        ps.setDouble(10, p.meanDelayDays());
        ps.setDouble(11, p.delaySpreadDays());
        ps.setInt(12, p.minDelayDays());
        ps.setInt(13, p.maxDelayDays());
        ps.setDouble(14, p.partialPaymentProbability());
        ps.setDouble(15, p.promiseProbability());
        ps.setDouble(16, p.promiseKeepingProbability());
        ps.setDouble(17, p.refusalProbability());
        ps.setDouble(18, p.contactability());
        ps.setDouble(19, p.disputeProbability());
        ps.setDouble(20, p.bounceProbability());
        ps.setDate(21, p.defaultsOn() == null ? null : Date.valueOf(p.defaultsOn()));
    }
}
