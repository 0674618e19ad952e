package cl.cobranza.warehouse;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The client companies a caller may read. Every read query of the warehouse takes one and filters its rows
 * by it in SQL, so no query can be built without a scope; the API builds scopes in one place (from the
 * logged-in user), never from a request parameter.
 */
public final class TenantScope {
    private static final TenantScope EVERY_CLIENT = new TenantScope(null);

    /** null means every client (an administrator); otherwise the allowed ids, in a stable order. */
    private final Set<String> clientIds;

    private TenantScope(Set<String> clientIds) {
        this.clientIds = clientIds;
    }

    /** Only these clients (may be empty: a user without assignments sees nothing). */
    public static TenantScope of(Collection<String> clientIds) {
        Objects.requireNonNull(clientIds, "clientIds");
        Set<String> ids = new LinkedHashSet<>();
        for (String id : clientIds) {
            ids.add(Objects.requireNonNull(id, "client id"));
        }
        return new TenantScope(Collections.unmodifiableSet(ids));
    }

    /** Every client of the agency, present and future: administrators only. */
    public static TenantScope everyClient() {
        return EVERY_CLIENT;
    }

    /** True when the scope covers every client (no filter). */
    public boolean isEveryClient() {
        return clientIds == null;
    }

    /** Whether rows of {@code clientId} may be read. */
    public boolean allows(String clientId) {
        return clientIds == null || clientIds.contains(clientId);
    }

    /** True when every one of {@code ids} is allowed. */
    public boolean allowsAll(Collection<String> ids) {
        for (String id : ids) {
            if (!allows(id)) {
                return false;
            }
        }
        return true;
    }

    /** The requested ids that the scope allows, in the requested order. */
    public List<String> restrict(Collection<String> requested) {
        return requested.stream().filter(this::allows).distinct().toList();
    }

    /** The allowed ids, or an empty set for {@link #everyClient()} (check {@link #isEveryClient()} first). */
    public Set<String> clientIds() {
        return clientIds == null ? Set.of() : clientIds;
    }

    /**
     * A SQL condition on {@code column} that keeps only allowed rows: {@code 1} for every client,
     * {@code 0} for none, else {@code column IN ('a', 'b')} with every id escaped by {@link SqlLiteral}.
     */
    String sqlCondition(String column) {
        if (clientIds == null) {
            return "1";
        }
        if (clientIds.isEmpty()) {
            return "0";
        }
        StringBuilder sql = new StringBuilder(column).append(" IN (");
        boolean first = true;
        for (String id : clientIds) {
            if (!first) {
                sql.append(", ");
            }
            sql.append(SqlLiteral.string(id));
            first = false;
        }
        return sql.append(')').toString();
    }

    /** Scopes of the same clients are equal (whatever the order they were given in). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TenantScope other && Objects.equals(clientIds, other.clientIds);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(clientIds);
    }

    @Override
    public String toString() {
        return clientIds == null ? "TenantScope[every client]" : "TenantScope" + clientIds;
    }
}
