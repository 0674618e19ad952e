package cl.cobranza.launcher.browser;

import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.core.access.Role;
import cl.cobranza.launcher.LocalStack;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client company of its own for one browser test class: its ERP database on the stack's PostgreSQL, the rows the
 * test writes there (so every expected number is known by hand), and one user of every role over it.
 */
public final class TestTenant {
    /** Every user of the browser tests signs in with this password (the admin API asks for at least 8 characters). */
    public static final String PASSWORD = "navegador-2026";
    /** Business days are Santiago's, like the stack's. */
    public static final ZoneId ZONE = ZoneId.of("America/Santiago");

    private final LocalStack stack;
    private final DemoClient client;
    private final PlatformApi admin;
    private final Map<Role, String> users = new EnumMap<>(Role.class);

    private TestTenant(LocalStack stack, DemoClient client) {
        this.stack = stack;
        this.client = client;
        this.admin = new PlatformApi(stack.apiUrl(), stack.config().get("cobranza.demo.user"),
                stack.config().get("cobranza.demo.password"));
    }

    /**
     * Adds the client to the running stack (empty ERP, captured from now on) and creates its users: an owner, an
     * account manager and a collector of this client, and an administrator (who sees every client).
     */
    public static TestTenant create(LocalStack stack, String clientId, String name) throws Exception {
        DemoClient c = new DemoClient(clientId, name, "77.654.321-7", "erp_" + clientId.replace('-', '_'));
        stack.addClient(c);
        TestTenant t = new TestTenant(stack, c);
        for (Role role : Role.values()) {
            String username = clientId + "." + role.name().toLowerCase().replace('_', '-');
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", username);
            body.put("displayName", role.spanishName() + " de " + name);
            body.put("role", role.name());
            body.put("password", PASSWORD);
            body.put("clients", role == Role.ADMIN ? List.of() : List.of(clientId));
            PlatformApi.Answer a = t.admin.post("/api/v1/admin/users", body);
            if (a.status() != 201) {
                throw new IllegalStateException("creating user " + username + " answered " + a.status() + ": " + a.body());
            }
            t.users.put(role, username);
        }
        return t;
    }

    public String id() {
        return client.clientId();
    }

    public String name() {
        return client.name();
    }

    /** The login of this client's user with the role. */
    public String user(Role role) {
        return users.get(role);
    }

    /** The API as the stack's administrator. */
    public PlatformApi admin() {
        return admin;
    }

    /** The API as this client's user with the role. */
    public PlatformApi api(Role role) {
        return admin.as(user(role), PASSWORD);
    }

    /** Today in Santiago. */
    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** Adds a customer (a debtor) to the ERP; answers its id. */
    public long customer(String rut, String name) throws Exception {
        return returningId("INSERT INTO customers (rut, name) VALUES (?, ?) RETURNING id", rut, name);
    }

    /** Adds a factura (DTE 33) to the ERP; answers its row id. */
    public long invoice(long folio, long customer, LocalDate issued, LocalDate due, long totalClp) throws Exception {
        return returningId("INSERT INTO invoices (dte_type, folio, customer_id, issue_date, due_date, total_clp) "
                + "VALUES (33, ?, ?, ?, ?, ?) RETURNING id", folio, customer, Date.valueOf(issued), Date.valueOf(due), totalClp);
    }

    /** Records a payment against an invoice; answers its id. */
    public long payment(long invoice, LocalDate paidOn, long amountClp) throws Exception {
        return returningId("INSERT INTO payments (invoice_id, paid_on, amount_clp) VALUES (?, ?, ?) RETURNING id",
                invoice, Date.valueOf(paidOn), amountClp);
    }

    private long returningId(String sql, Object... values) throws Exception {
        try (Connection db = stack.postgres().connect(client.database());
             PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
