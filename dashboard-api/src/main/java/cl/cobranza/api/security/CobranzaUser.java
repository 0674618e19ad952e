package cl.cobranza.api.security;

import cl.cobranza.core.access.Permission;
import cl.cobranza.core.access.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A logged-in user as Spring Security keeps it: the role, the clients assigned to them and, as authorities,
 * {@code ROLE_<role>} plus every {@link Permission} the role grants (what the URL rules check).
 */
public record CobranzaUser(String username, String displayName, String passwordHash, Role role,
                           Set<String> clientIds, boolean enabled) implements UserDetails {

    public CobranzaUser {
        clientIds = Set.copyOf(clientIds);
    }

    /** Whether the user's role grants the permission. */
    public boolean can(Permission permission) {
        return role.allows(permission);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
        for (Permission p : Permission.values()) {
            if (role.allows(p)) {
                authorities.add(new SimpleGrantedAuthority(p.name()));
            }
        }
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    /** Never prints the password hash (logs, error pages). */
    @Override
    public String toString() {
        return "CobranzaUser[" + username + ", " + role + ", clients=" + clientIds + "]";
    }
}
