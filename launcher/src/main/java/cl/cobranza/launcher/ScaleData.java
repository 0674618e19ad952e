package cl.cobranza.launcher;

import java.time.LocalDate;
import java.util.List;

/**
 * The synthetic data set of {@link ScaleProbe}, as SQL that generates it server-side: the same {@code n} invoices over
 * {@value #CLIENTS} client companies in ClickHouse ({@code FROM numbers(n)}, into the tables the API reads) and in
 * PostgreSQL ({@code generate_series}, in the demo ERP's shape with a {@code client_id} column).
 *
 * <p>Every attribute of invoice {@code i} (1..n) is a function of {@code i} alone, written once with integer
 * arithmetic that both databases compute identically ({@code (i × m) mod 4294967291} per attribute), so both hold the
 * same invoices and payments and the KPIs computed from either must agree:
 * <ul>
 *   <li>client {@code i mod 1000} (ids {@code c10000}..{@code c10999}), rows interleaved across clients as they
 *   arrive over time; folio = the client's own invoice number;</li>
 *   <li>debtor uniform over {@code max(1, n / 20000)} debtors per client (one debtor per ~20 invoices);</li>
 *   <li>issued 0..729 days before {@code today}, terms 30/45/60/75/90 days; amount 20,000 + 3·k² CLP with k
 *   uniform in 0..1999 (median ≈ 3 M CLP, max ≈ 12 M CLP, skewed like real invoices);</li>
 *   <li>not yet due: 15 % paid early; past due: 68 % paid in full, 10 % half paid, 22 % unpaid, so about 30 % of
 *   all invoices are open and overdue; a payment falls 20 days before to 39 days after the due date (never
 *   after today, never before issue).</li>
 * </ul>
 * No credit notes, voided invoices or collection activity: they do not change what the measured queries read.
 */
final class ScaleData {
    /** Client companies. */
    static final int CLIENTS = 1000;
    /** Days of history. */
    static final int DAYS = 730;

    private final long n;
    private final LocalDate today;

    ScaleData(long n, LocalDate today) {
        if (n < CLIENTS) {
            throw new IllegalArgumentException("at least " + CLIENTS + " invoices, got " + n);
        }
        this.n = n;
        this.today = today;
    }

    long invoices() {
        return n;
    }

    /** Debtors per client. */
    long debtorsPerClient() {
        return Math.max(1, n / CLIENTS / 20);
    }

    LocalDate today() {
        return today;
    }

    /** The id of client number {@code k} (0..999), as both databases write it. */
    static String clientId(int k) {
        return "c" + (10000 + k);
    }

    /** A pseudo-random value in 0..4294967290 for attribute {@code m} of invoice {@code i}. */
    private static String h(long multiplier) {
        return "((i * " + multiplier + ") % 4294967291)";
    }

    // attribute expressions over an invoice number i (UInt64 in ClickHouse, bigint in PostgreSQL)
    private static final String AGE = h(2246822519L) + " % " + DAYS;
    private static final String TERMS = "(30 + 15 * (" + h(3266489917L) + " % 5))";
    private static final String K = "(" + h(668265263L) + " % 2000)";
    private static final String TOTAL = "(20000 + 3 * " + K + " * " + K + ")";
    private static final String FATE = "(" + h(374761393L) + " % 100)";
    private static final String DELAY = "(" + h(1103515245L) + " % 60)";

    private String debtor() {
        return "(" + h(2654435761L) + " % " + debtorsPerClient() + " + 1)";
    }

    // ---------------------------------------------------------------- ClickHouse (18.16 and current servers)

    private String chToday() {
        return "toDate('" + today + "')";
    }

    /** One row per invoice with its computed attributes (i, c, debtor, issue, due, total, paid, pay_day). */
    private String chInvoices() {
        String t = chToday();
        return """
                SELECT i, c, debtor, issue, due, total, paid, pay_day
                FROM
                (
                    SELECT number + 1 AS i,
                           i %% 1000 AS c,
                           %s AS debtor,
                           toInt64(%s) AS age,
                           toInt64(%s) AS terms,
                           toInt64(%s) AS total,
                           %s AS fate,
                           toInt64(%s) - 20 AS delay,
                           subtractDays(%s, age) AS issue,
                           addDays(issue, terms) AS due,
                           toInt64(if(age <= terms, if(fate < 15, total, 0),
                                      if(fate < 68, total, if(fate < 78, intDiv(total, 2), 0)))) AS paid,
                           addDays(due, delay) AS pay_raw,
                           if(pay_raw > %s, %s, if(pay_raw < issue, issue, pay_raw)) AS pay_day
                    FROM numbers(%d)
                )
                """.formatted(debtor(), AGE, TERMS, TOTAL, FATE, DELAY, t, t, t, n);
    }

    /** INSERTs that fill the warehouse tables the API reads, in order (invoice_state first: the KPI rows read it). */
    List<String> clickhouseLoad() {
        String t = chToday();
        long d = debtorsPerClient();
        String clientsSql = """
                INSERT INTO clients (client_id, name, rut, version)
                SELECT concat('c', toString(10000 + number)), concat('Cliente ', toString(10000 + number), ' SpA'),
                       concat('76.', toString(100 + number %% 900), '.', toString(100 + intDiv(number, 900)), '-', toString(number %% 10)),
                       toUInt64(1)
                FROM numbers(%d)
                """.formatted(CLIENTS);
        String invoices = """
                INSERT INTO invoice_state (client_id, invoice_id, debtor_id, dte_type, folio, issue_date, due_date,
                    total_clp, credited_clp, paid_clp, open_clp, is_deleted, version, updated_at,
                    last_action_date, last_channel, last_outcome, actions, promise_made_on, promise_date, promise_clp,
                    broken_promises, movements, contacts, promises)
                SELECT concat('c', toString(10000 + c)), toString(i), toString(debtor), toUInt16(33),
                       toUInt64(intDiv(i - 1, 1000) + 1), issue, due, total, toInt64(0), paid, total - paid,
                       toUInt8(0), toUInt64(1), now(),
                       toDate(0), '', '', toUInt32(0), toDate(0), toDate(0), toInt64(0), toUInt32(0),
                       if(paid > 0, concat('[{"date":"', toString(pay_day), '","kind":"PAYMENT","amountClp":',
                          toString(paid), '}]'), '[]'),
                       '[]', '[]'
                FROM (%s)
                """.formatted(chInvoices());
        String debtors = """
                INSERT INTO debtors (client_id, debtor_id, rut, name, is_deleted, version)
                SELECT concat('c', toString(10000 + number %% 1000)), toString(intDiv(number, 1000) + 1),
                       concat(toString(10000000 + number), '-', toString(number %% 10)),
                       concat('Deudor ', toString(intDiv(number, 1000) + 1), ' Ltda.'), toUInt8(0), toUInt64(1)
                FROM numbers(%d)
                """.formatted(d * CLIENTS);
        // the debtors' risk as the Flink job writes it: a logit spread over typical values and one reason each
        String risk = """
                INSERT INTO debtor_risk (client_id, debtor_id, as_of, model_version, debtor_logit, consumer, features,
                    reasons, version, updated_at)
                SELECT concat('c', toString(10000 + number %% 1000)), toString(intDiv(number, 1000) + 1), %s, 'scale',
                       -2.5 + ((number * 2654435761) %% 4294967291 %% 400) / 100.0, toUInt8(0), '{}',
                       concat('[{"feature":"AVG_DAYS_LATE","text":"paga en promedio ', toString(number %% 60),
                              ' días tarde","impact":', toString(((number %% 200) - 100) / 100.0), '}]'),
                       toUInt64(1), now()
                FROM numbers(%d)
                """.formatted(t, d * CLIENTS);
        // today's row of each client, from its invoices (what the streaming ledger would hold)
        String today = """
                INSERT INTO kpi_client_daily (client_id, day, open_clp, open_invoices, overdue_clp, overdue_invoices,
                    current_clp, aging_clp, overdue_clp_days, weighted_dpd, sales_clp, credit_notes_clp, collected_clp,
                    sales_90d_clp, dso_countback, dso_standard, bpdso, add_days, version, updated_at)
                SELECT client_id, %1$s, o, oi, od, odi, o - od,
                       [o - od, a1, a2, a3, a4, a5], odd, if(od = 0, NULL, odd / od), s0, toInt64(0), col, s90,
                       if(s90 = 0, 0, o / s90 * 90), if(s90 = 0, NULL, o / s90 * 90), NULL, NULL, toUInt64(1), now()
                FROM
                (
                    SELECT client_id,
                           sum(open_clp) AS o, countIf(open_clp > 0) AS oi,
                           sumIf(open_clp, due_date < %1$s) AS od, countIf(open_clp > 0 AND due_date < %1$s) AS odi,
                           sumIf(open_clp, dpd >= 1 AND dpd <= 30) AS a1, sumIf(open_clp, dpd >= 31 AND dpd <= 60) AS a2,
                           sumIf(open_clp, dpd >= 61 AND dpd <= 90) AS a3, sumIf(open_clp, dpd >= 91 AND dpd <= 120) AS a4,
                           sumIf(open_clp, dpd >= 121) AS a5,
                           sumIf(open_clp * dpd, dpd > 0) AS odd,
                           sumIf(total_clp, issue_date = %1$s) AS s0,
                           sumIf(total_clp, issue_date > subtractDays(%1$s, 90)) AS s90,
                           toInt64(0) AS col
                    FROM
                    (
                        SELECT client_id, open_clp, total_clp, issue_date, due_date,
                               dateDiff('day', due_date, %1$s) AS dpd
                        FROM invoice_state
                    )
                    GROUP BY client_id
                )
                """.formatted(t);
        // the 729 earlier days: today's values of the client scaled by a day-to-day wobble of ±10 %
        String history = """
                INSERT INTO kpi_client_daily (client_id, day, open_clp, open_invoices, overdue_clp, overdue_invoices,
                    current_clp, aging_clp, overdue_clp_days, weighted_dpd, sales_clp, credit_notes_clp, collected_clp,
                    sales_90d_clp, dso_countback, dso_standard, bpdso, add_days, version, updated_at)
                SELECT client_id, subtractDays(%1$s, age),
                       toInt64(open_clp * f), toInt64(open_invoices * f), toInt64(overdue_clp * f),
                       toInt64(overdue_invoices * f), toInt64(current_clp * f),
                       arrayMap(x -> toInt64(x * f), aging_clp), toInt64(overdue_clp_days * f), weighted_dpd,
                       toInt64(sales_90d_clp / 90 * f), toInt64(0), toInt64(sales_90d_clp / 90 * (2 - f)),
                       sales_90d_clp, dso_countback * f, dso_standard, NULL, NULL, toUInt64(1), now()
                FROM
                (
                    SELECT client_id, open_clp, open_invoices, overdue_clp, overdue_invoices, current_clp, aging_clp,
                           overdue_clp_days, weighted_dpd, sales_90d_clp, dso_countback, dso_standard
                    FROM kpi_client_daily
                    WHERE day = %1$s
                ) AS t
                ALL INNER JOIN
                (
                    SELECT concat('c', toString(10000 + number %% 1000)) AS g_client, intDiv(number, 1000) + 1 AS age,
                           0.9 + ((number * 2246822519) %% 4294967291 %% 201) / 1000.0 AS f
                    FROM numbers(%2$d)
                ) AS g ON client_id = g_client
                """.formatted(t, (long) CLIENTS * (DAYS - 1));
        String monthly = """
                INSERT INTO kpi_client_monthly (client_id, month, period_end, as_of, ar_start_clp, sales_clp,
                    credit_notes_clp, collected_clp, ar_end_clp, current_ar_end_clp, dso_countback, closed_invoices,
                    closed_weight_clp, closed_weight_clp_days, placed_start_clp, newly_placed_clp, recovered_clp,
                    promises_due, promises_kept, contact_attempts, right_party_contacts, actions, action_cost_clp,
                    charges_passed_on_clp, invoices_worked, agency_fee_clp, net_recovery_clp, dso_standard, bpdso,
                    add_days, cei, weighted_dpd_at_close, period_recovery_rate, promise_kept_rate,
                    right_party_contact_rate, cost_per_invoice, cost_to_collect_pct, version, updated_at)
                SELECT client_id, m, if(k = 0, %1$s, subtractDays(addMonths(m, 1), 1)), %1$s,
                       toInt64(open_clp * f), toInt64(s), toInt64(0), toInt64(s * 0.95), toInt64(open_clp * (2 - f)),
                       toInt64(current_clp * f), dso_countback * f, toInt64(open_invoices / 3),
                       toInt64(s / 3), toInt64(s / 3 * 40), toInt64(overdue_clp * f), toInt64(s / 10),
                       toInt64(overdue_clp * f / 8), toInt64(40), toInt64(26), toInt64(300), toInt64(120),
                       toInt64(320), toInt64(320 * 1250), toInt64(0), toInt64(150), toInt64(overdue_clp * f / 8 * 0.15),
                       toInt64(overdue_clp * f / 8 * 0.85), dso_standard, NULL, NULL, 0.7 + (f - 1), 45.0,
                       0.12, 0.65, 0.4, 2666.0, 0.03, toUInt64(1), now()
                FROM
                (
                    SELECT client_id, open_clp, open_invoices, overdue_clp, current_clp, sales_90d_clp / 3 AS s,
                           dso_countback, dso_standard
                    FROM kpi_client_daily
                    WHERE day = %1$s
                ) AS t
                ALL INNER JOIN
                (
                    SELECT concat('c', toString(10000 + number %% 1000)) AS g_client, intDiv(number, 1000) AS k,
                           addMonths(toStartOfMonth(%1$s), -toInt32(k)) AS m,
                           0.9 + ((number * 2246822519) %% 4294967291 %% 201) / 1000.0 AS f
                    FROM numbers(%2$d)
                ) AS g ON client_id = g_client
                """.formatted(t, (long) CLIENTS * 24);
        String cohorts = """
                INSERT INTO kpi_recovery_cohort (client_id, cohort, invoices, placed_clp, recovered_clp, version, updated_at)
                SELECT concat('c', toString(10000 + number %% 1000)),
                       addMonths(toStartOfMonth(%1$s), -toInt32(intDiv(number, 1000))),
                       toInt64(%2$d / 24 / 3), toInt64(placed),
                       [toInt64(placed * 0.25), toInt64(placed * 0.4), toInt64(placed * 0.5), toInt64(placed * 0.6),
                        toInt64(placed * 0.7)],
                       toUInt64(1), now()
                FROM (SELECT number, toInt64(%2$d / 24 / 3 * 4000000 * (0.9 + number %% 21 / 100)) AS placed FROM numbers(%3$d))
                """.formatted(t, n / CLIENTS, (long) CLIENTS * 24);
        return List.of(clientsSql, invoices, debtors, risk, today, history, monthly, cohorts);
    }

    // ---------------------------------------------------------------- PostgreSQL: the demo ERP with a client_id

    /** The ERP schema (demo ERP's tables, plus the client company of each row), created without indexes. */
    static final String PG_SCHEMA = """
            DROP TABLE IF EXISTS payments, credit_notes, invoices, customers;
            CREATE TABLE customers (
                id          BIGINT      PRIMARY KEY,
                client_id   TEXT        NOT NULL,
                rut         TEXT        NOT NULL,
                name        TEXT        NOT NULL,
                email       TEXT,
                created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
            );
            CREATE TABLE invoices (
                id          BIGINT      NOT NULL,
                client_id   TEXT        NOT NULL,
                dte_type    SMALLINT    NOT NULL,
                folio       BIGINT      NOT NULL,
                customer_id BIGINT      NOT NULL,
                issue_date  DATE        NOT NULL,
                due_date    DATE,
                total_clp   BIGINT      NOT NULL,
                currency    CHAR(3)     NOT NULL DEFAULT 'CLP'
            );
            CREATE TABLE credit_notes (
                id          BIGSERIAL PRIMARY KEY,
                folio       BIGINT      NOT NULL,
                invoice_id  BIGINT      NOT NULL,
                issue_date  DATE        NOT NULL,
                amount_clp  BIGINT      NOT NULL,
                reason_code SMALLINT    NOT NULL
            );
            CREATE TABLE payments (
                id          BIGINT      NOT NULL,
                invoice_id  BIGINT      NOT NULL,
                paid_on     DATE        NOT NULL,
                amount_clp  BIGINT      NOT NULL,
                method      TEXT        NOT NULL DEFAULT 'transferencia',
                reversed    BOOLEAN     NOT NULL DEFAULT false
            );
            """;

    /**
     * The indexes (and keys) added after the load: the demo ERP's own (primary keys, invoices by customer, payments
     * and credit notes by invoice), the unique folio per client and document type, and invoices by client.
     */
    static final List<String> PG_INDEXES = List.of(
            "ALTER TABLE invoices ADD PRIMARY KEY (id)",
            "ALTER TABLE payments ADD PRIMARY KEY (id)",
            "CREATE UNIQUE INDEX invoices_folio ON invoices (client_id, dte_type, folio)",
            "CREATE INDEX invoices_customer ON invoices (customer_id)",
            "CREATE INDEX invoices_client ON invoices (client_id)",
            "CREATE INDEX payments_invoice ON payments (invoice_id)",
            "CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id)",
            "ANALYZE");

    /** The PostgreSQL attribute expressions of invoice i, as a FROM-able subquery. */
    private String pgInvoices() {
        String t = "DATE '" + today + "'";
        return """
                (
                    SELECT i, c, debtor, issue, due, total,
                           CASE WHEN age <= terms THEN CASE WHEN fate < 15 THEN total ELSE 0 END
                                WHEN fate < 68 THEN total WHEN fate < 78 THEN total / 2 ELSE 0 END AS paid,
                           LEAST(%1$s, GREATEST(issue, due + delay)) AS pay_day
                    FROM
                    (
                        SELECT i, c, debtor, age, terms, total, fate, delay, %1$s - age AS issue, %1$s - age + terms AS due
                        FROM
                        (
                            SELECT i, (i %% 1000)::int AS c, %2$s AS debtor, (%3$s)::int AS age, (%4$s)::int AS terms,
                                   %5$s AS total, %6$s AS fate, (%7$s)::int - 20 AS delay
                            FROM generate_series(1::bigint, %8$d::bigint) AS g(i)
                        ) a
                    ) b
                ) x
                """.formatted(t, debtor(), AGE, TERMS, TOTAL, FATE, DELAY, n);
    }

    /** The INSERTs that load the ERP: customers (debtors), invoices, payments. */
    List<String> postgresLoad() {
        long d = debtorsPerClient();
        // customer id of debtor k (1..d) of client c (0..999): (k - 1) × 1000 + c + 1
        String customers = """
                INSERT INTO customers (id, client_id, rut, name, email)
                SELECT g + 1, 'c' || (10000 + g %% 1000), (10000000 + g) || '-' || (g %% 10),
                       'Deudor ' || (g / 1000 + 1) || ' Ltda.', NULL
                FROM generate_series(0::bigint, %d::bigint) AS g
                """.formatted(d * CLIENTS - 1);
        String invoices = """
                INSERT INTO invoices (id, client_id, dte_type, folio, customer_id, issue_date, due_date, total_clp)
                SELECT i, 'c' || (10000 + c), 33, (i - 1) / 1000 + 1, (debtor - 1) * 1000 + c + 1, issue, due, total
                FROM %s
                """.formatted(pgInvoices());
        String payments = """
                INSERT INTO payments (id, invoice_id, paid_on, amount_clp)
                SELECT i, i, pay_day, paid
                FROM %s
                WHERE paid > 0
                """.formatted(pgInvoices());
        return List.of(customers, invoices, payments);
    }
}
