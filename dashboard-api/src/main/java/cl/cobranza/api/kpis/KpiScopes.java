package cl.cobranza.api.kpis;

import cl.cobranza.api.CobranzaProperties;
import cl.cobranza.api.web.NotFoundException;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiQueries;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolves request paths to scopes: known clients (the {@code clients} table), configured groups, the agency. */
@Service
class KpiScopes {
    private final KpiQueries queries;
    private final Map<String, List<String>> groups;

    KpiScopes(KpiQueries queries, CobranzaProperties properties) {
        this.queries = queries;
        this.groups = properties.groups();
    }

    /** One client listed in the warehouse, or a 404 naming {@code clientId}. */
    Scope client(String clientId) {
        for (ClientInfo c : queries.clients()) {
            if (c.clientId().equals(clientId)) {
                return new Scope(Scope.CLIENT, c.clientId(), c.name(), List.of(c.clientId()));
            }
        }
        throw new NotFoundException("clientId", "El cliente '" + clientId + "' no existe; los clientes conocidos se "
                + "listan en GET /api/v1/receivables");
    }

    /** A configured group, or a 404 naming {@code groupId} and the groups there are. */
    Scope group(String groupId) {
        List<String> members = groups.get(groupId);
        if (members == null) {
            throw new NotFoundException("groupId", "El grupo '" + groupId + "' no está configurado; grupos "
                    + "configurados: " + groups.keySet() + " (cobranza.groups.<id>=cliente-a,cliente-b)");
        }
        return new Scope(Scope.GROUP, groupId, groupId, members);
    }

    /** Every client in the {@code clients} table. */
    Scope agency() {
        List<String> all = new ArrayList<>();
        for (ClientInfo c : queries.clients()) {
            all.add(c.clientId());
        }
        return new Scope(Scope.AGENCY, Scope.AGENCY, "Agencia", all);
    }

    /** The configured groups with their members' names (null for an id the warehouse does not list). */
    List<KpiResponses.Group> groups() {
        Map<String, String> names = new LinkedHashMap<>();
        for (ClientInfo c : queries.clients()) {
            names.put(c.clientId(), c.name());
        }
        List<KpiResponses.Group> result = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            List<KpiResponses.Member> members = new ArrayList<>();
            for (String clientId : g.getValue()) {
                members.add(new KpiResponses.Member(clientId, names.get(clientId)));
            }
            result.add(new KpiResponses.Group(g.getKey(), members));
        }
        return result;
    }
}
