package cl.cobranza.api.security;

import cl.cobranza.api.web.BadRequestException;
import cl.cobranza.api.web.NotFoundException;
import cl.cobranza.core.access.Role;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** User management for administrators: list, create or replace, remove. Password hashes never leave the server. */
@RestController
class UserAdminController {
    /** Shortest password accepted (NIST SP 800-63B asks for at least 8). */
    static final int MIN_PASSWORD = 8;

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final Tenancy tenancy;

    UserAdminController(UserStore users, PasswordEncoder encoder, Tenancy tenancy) {
        this.users = users;
        this.encoder = encoder;
        this.tenancy = tenancy;
    }

    /** A user as listed: no password hash. */
    record UserView(String username, String displayName, String role, List<String> clients, boolean enabled) {
        static UserView of(CobranzaUser u) {
            return new UserView(u.username(), u.displayName(), u.role().name(), u.clientIds().stream().sorted().toList(),
                    u.enabled());
        }
    }

    /** Body of {@code POST /api/v1/admin/users}. */
    record NewUser(String username, String displayName, String role, String password, List<String> clients,
                   Boolean enabled) {
    }

    /** GET /api/v1/admin/users: every user with role and clients. */
    @GetMapping("/api/v1/admin/users")
    List<UserView> list() {
        return users.all().stream().map(UserView::of).toList();
    }

    /** POST /api/v1/admin/users: creates the user, or replaces one with the same username (201). */
    @PostMapping("/api/v1/admin/users")
    @ResponseStatus(HttpStatus.CREATED)
    UserView save(@RequestBody NewUser body) {
        if (body == null) {
            throw new BadRequestException("body", "falta el cuerpo JSON del usuario");
        }
        String username = UserStore.normalise(body.username());
        if (!username.matches("[a-z0-9._@-]{3,64}")) {
            throw new BadRequestException("username", "use de 3 a 64 letras minúsculas, dígitos o . _ @ -");
        }
        Role role = Role.parse(body.role());
        if (role == null) {
            throw new BadRequestException("role", "'" + body.role() + "' no es un rol; use OWNER, ACCOUNT_MANAGER, "
                    + "COLLECTOR o ADMIN");
        }
        if (body.password() == null || body.password().length() < MIN_PASSWORD || body.password().length() > 72) {
            throw new BadRequestException("password", "la contraseña debe tener entre " + MIN_PASSWORD
                    + " y 72 caracteres (el límite de bcrypt)");
        }
        String name = body.displayName() == null || body.displayName().isBlank() ? username : body.displayName().strip();
        if (name.length() > 120) {
            throw new BadRequestException("displayName", "el nombre tiene más de 120 caracteres");
        }
        Set<String> clients = new LinkedHashSet<>();
        for (String c : body.clients() == null ? List.<String>of() : body.clients()) {
            if (c == null || c.isBlank()) {
                throw new BadRequestException("clients", "hay un cliente vacío en la lista");
            }
            clients.add(c.strip());
        }
        String wrong = role.checkClients(clients);
        if (wrong != null) {
            throw new BadRequestException("clients", wrong);
        }
        if (username.equals(tenancy.caller().username()) && role != Role.ADMIN) {
            throw new BadRequestException("role", "no puede quitarse a sí mismo el rol ADMIN");
        }
        CobranzaUser user = new CobranzaUser(username, name, encoder.encode(body.password()), role, clients,
                body.enabled() == null || body.enabled());
        users.save(user);
        return UserView.of(user);
    }

    /** DELETE /api/v1/admin/users/{username}: removes the user (204); an administrator cannot remove themself. */
    @DeleteMapping("/api/v1/admin/users/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable("username") String username) {
        if (UserStore.normalise(username).equals(tenancy.caller().username())) {
            throw new BadRequestException("username", "no puede eliminarse a sí mismo");
        }
        if (!users.delete(username)) {
            throw new NotFoundException("username", "el usuario '" + username + "' no existe");
        }
    }
}
