package cl.cobranza.api.security;

import cl.cobranza.api.web.NotFoundException;
import cl.cobranza.warehouse.TenantScope;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one place that turns the logged-in user into a {@link TenantScope}: administrators read every client,
 * everyone else the clients assigned to them. A client id from a request is only ever used after
 * {@link #client(String)} checked it; one outside the scope is answered exactly like one that does not exist.
 */
@Component
public class Tenancy {

    /** The user of the current request; fails when there is none (the security rules should have refused it). */
    public CobranzaUser caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof CobranzaUser user)) {
            throw new AuthenticationCredentialsNotFoundException("no logged-in cobranza user");
        }
        return user;
    }

    /** The clients the current user may read. */
    public TenantScope scope() {
        return scopeOf(caller());
    }

    /** The clients {@code user} may read. */
    public static TenantScope scopeOf(CobranzaUser user) {
        return user.role().seesEveryClient() ? TenantScope.everyClient() : TenantScope.of(user.clientIds());
    }

    /**
     * {@code clientId} when the current user may read it, else the same 404 a client that does not exist
     * gets, so that the answer never tells whether another company is a client.
     */
    public String client(String clientId) {
        if (clientId == null || !scope().allows(clientId)) {
            throw unknownClient(clientId);
        }
        return clientId;
    }

    /** The 404 for a client that does not exist or is not the caller's: one message for both. */
    public static NotFoundException unknownClient(String clientId) {
        return new NotFoundException("clientId", "El cliente '" + clientId + "' no existe entre sus clientes; "
                + "GET /api/v1/clients lista los clientes que usted puede ver");
    }
}
