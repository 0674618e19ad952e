package cl.cobranza.api.security;

import cl.cobranza.api.CobranzaProperties;
import cl.cobranza.core.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * Creates the first administrator ({@code cobranza.demo.user}) and, when {@code cobranza.demo.clients} names
 * demo clients, one user of every other role over them, all with {@code cobranza.demo.password}. Users that
 * exist are left as they are, so a changed password or assignment survives a restart.
 */
@Component
class DemoUsers implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

    /** One demo account: the login, its role and the clients it is given. */
    record Account(String username, String displayName, Role role, Set<String> clientIds) {
    }

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final CobranzaProperties.Demo demo;

    DemoUsers(UserStore users, PasswordEncoder encoder, CobranzaProperties properties) {
        this.users = users;
        this.encoder = encoder;
        this.demo = properties.demo();
    }

    /** The accounts for these settings: the administrator, then an owner, an account manager and a collector. */
    static List<Account> accounts(String adminUser, List<String> clients) {
        List<Account> accounts = new java.util.ArrayList<>();
        if (adminUser != null && !adminUser.isBlank()) {
            accounts.add(new Account(UserStore.normalise(adminUser), "Administración", Role.ADMIN, Set.of()));
        }
        if (!clients.isEmpty()) {
            accounts.add(new Account("dueno", "Dueña de " + clients.get(0), Role.OWNER, Set.of(clients.get(0))));
            accounts.add(new Account("ejecutiva", "Ejecutiva de cuentas", Role.ACCOUNT_MANAGER, Set.copyOf(clients)));
            accounts.add(new Account("cobrador", "Cobrador", Role.COLLECTOR, Set.copyOf(clients)));
        }
        return accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Account a : accounts(demo.user(), demo.clients())) {
            if (users.find(a.username()).isEmpty()) {
                if (demo.password() == null || demo.password().isBlank()) {
                    throw new IllegalStateException("cobranza.demo.password is empty: set it to create user " + a.username());
                }
                users.save(new CobranzaUser(a.username(), a.displayName(), encoder.encode(demo.password()), a.role(),
                        a.clientIds(), true));
                LOG.info("Created user {} ({})", a.username(), a.role());
            }
        }
    }
}
