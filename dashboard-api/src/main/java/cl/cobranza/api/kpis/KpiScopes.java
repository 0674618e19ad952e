package cl.cobranza.api.kpis;

import cl.cobranza.api.CobranzaProperties;
import cl.cobranza.api.web.NotFoundException;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.api.security.Tenancy;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves request paths to scopes the caller may read: their clients (as listed in the {@code clients}
 * table), configured groups whose every member is theirs, the agency. Anything else is a 404 that reads the
 * same whether it exists or not.
 */
@Service
class KpiScopes {
    private final KpiQueries queries;
    private final KpiTableCache.Region<Boolean, Directory> directory;
    private final Map<String, List<String>> groups;
    private final Tenancy tenancy;

    KpiScopes(KpiQueries queries, KpiTableCache cache, CobranzaProperties properties, Tenancy tenancy) {
        this.queries = queries;
        this.directory = cache.region(1);
        this.groups = properties.groups();
        this.tenancy = tenancy;
    }

    /** One client of the caller's listed in the warehouse, or a 404 naming {@code clientId}. */
    Scope client(String clientId) {
        TenantScope tenant = tenancy.scope();
        tenancy.client(clientId);
        ClientInfo c = directory().byId().get(clientId);
        if (c == null || !tenant.allows(clientId)) {
            throw Tenancy.unknownClient(clientId);
        }
        return new Scope(Scope.CLIENT, c.clientId(), c.name(), List.of(c.clientId()), tenant);
    }

    /** A configured group whose members the caller may all read, or a 404 naming {@code groupId} and the groups they may. */
    Scope group(String groupId) {
        TenantScope tenant = tenancy.scope();
        List<String> members = groups.get(groupId);
        if (members == null || !tenant.allowsAll(members)) {
            throw new NotFoundException("groupId", "El grupo '" + groupId + "' no existe entre sus grupos; grupos "
                    + "que usted puede ver: " + visibleGroups(tenant).keySet()
                    + " (se configuran con cobranza.groups.<id>=cliente-a,cliente-b)");
        }
        return new Scope(Scope.GROUP, groupId, groupId, members, tenant);
    }

    /** Every client the caller may read (for an administrator, every client in the {@code clients} table). */
    Scope agency() {
        TenantScope tenant = tenancy.scope();
        List<String> all = new ArrayList<>();
        for (ClientInfo c : clients(tenant)) {
            all.add(c.clientId());
        }
        return new Scope(Scope.AGENCY, Scope.AGENCY, "Agencia", all, tenant);
    }

    /** The configured groups the caller may read, with their members' names (null for an id the warehouse does not list). */
    List<KpiResponses.Group> groups() {
        TenantScope tenant = tenancy.scope();
        Map<String, String> names = new LinkedHashMap<>();
        for (ClientInfo c : clients(tenant)) {
            names.put(c.clientId(), c.name());
        }
        List<KpiResponses.Group> result = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : visibleGroups(tenant).entrySet()) {
            List<KpiResponses.Member> members = new ArrayList<>();
            for (String clientId : g.getValue()) {
                members.add(new KpiResponses.Member(clientId, names.get(clientId)));
            }
            result.add(new KpiResponses.Group(g.getKey(), members));
        }
        return result;
    }

    private Map<String, List<String>> visibleGroups(TenantScope tenant) {
        Map<String, List<String>> visible = new LinkedHashMap<>();
        groups.forEach((id, members) -> {
            if (tenant.allowsAll(members)) {
                visible.put(id, members);
            }
        });
        return visible;
    }

    /**
     * The clients of the {@code clients} table the caller may read, in client id order: the agency's list is read
     * once per change of the KPI tables (it is one of them) and filtered here, as the query's scope condition would.
     */
    private List<ClientInfo> clients(TenantScope tenant) {
        return directory().all().stream().filter(c -> tenant.allows(c.clientId())).toList();
    }

    private Directory directory() {
        return directory.get(true, () -> Directory.of(queries.clients(TenantScope.everyClient())));
    }

    /** Every client of the {@code clients} table, in client id order and by id. */
    private record Directory(List<ClientInfo> all, Map<String, ClientInfo> byId) {
        static Directory of(List<ClientInfo> all) {
            Map<String, ClientInfo> byId = new HashMap<>();
            all.forEach(c -> byId.put(c.clientId(), c));
            return new Directory(List.copyOf(all), Map.copyOf(byId));
        }
    }
}
