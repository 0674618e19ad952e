package cl.cobranza.api.security;

import cl.cobranza.core.access.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Users, roles and client assignments in the platform PostgreSQL (schema {@code access}); also the login's user source. */
@Repository
public class UserStore implements UserDetailsService {
    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Logins are case-insensitive: usernames are stored and looked up in lower case. */
    static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public CobranzaUser loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    public Optional<CobranzaUser> find(String username) {
        String name = normalise(username);
        List<CobranzaUser> users = load("WHERE u.username = :username", Map.of("username", name));
        return users.stream().findFirst();
    }

    /** Every user, by username. */
    public List<CobranzaUser> all() {
        return load("", Map.of());
    }

    private List<CobranzaUser> load(String where, Map<String, Object> params) {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        Map<String, Set<String>> clients = new LinkedHashMap<>();
        jdbc.sql("SELECT u.username, u.display_name, u.password_hash, u.role, u.enabled, c.client_id "
                        + "FROM access.users u LEFT JOIN access.user_clients c ON c.username = u.username "
                        + where + " ORDER BY u.username, c.client_id")
                .params(params)
                .query((rs, n) -> {
                    String name = rs.getString("username");
                    rows.putIfAbsent(name, new Object[]{rs.getString("display_name"), rs.getString("password_hash"),
                            rs.getString("role"), rs.getBoolean("enabled")});
                    Set<String> mine = clients.computeIfAbsent(name, k -> new TreeSet<>());
                    String client = rs.getString("client_id");
                    if (client != null) {
                        mine.add(client);
                    }
                    return name;
                }).list();
        List<CobranzaUser> users = new ArrayList<>();
        rows.forEach((name, r) -> users.add(new CobranzaUser(name, (String) r[0], (String) r[1],
                Role.valueOf((String) r[2]), clients.get(name), (Boolean) r[3])));
        return users;
    }

    /** Creates the user, or replaces its name, hash, role and clients when it exists. */
    @Transactional
    public void save(CobranzaUser user) {
        jdbc.sql("INSERT INTO access.users (username, display_name, password_hash, role, enabled) "
                        + "VALUES (:username, :displayName, :hash, :role, :enabled) ON CONFLICT (username) DO UPDATE SET "
                        + "display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash, "
                        + "role = EXCLUDED.role, enabled = EXCLUDED.enabled")
                .param("username", user.username())
                .param("displayName", user.displayName())
                .param("hash", user.passwordHash())
                .param("role", user.role().name())
                .param("enabled", user.enabled())
                .update();
        jdbc.sql("DELETE FROM access.user_clients WHERE username = :username").param("username", user.username()).update();
        for (String client : user.clientIds()) {
            jdbc.sql("INSERT INTO access.user_clients (username, client_id) VALUES (:username, :client)")
                    .param("username", user.username())
                    .param("client", client)
                    .update();
        }
    }

    /** Removes the user; true when there was one. */
    @Transactional
    public boolean delete(String username) {
        return jdbc.sql("DELETE FROM access.users WHERE username = :username")
                .param("username", normalise(username)).update() > 0;
    }
}
