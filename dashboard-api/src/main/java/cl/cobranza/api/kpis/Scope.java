package cl.cobranza.api.kpis;

import cl.cobranza.warehouse.TenantScope;

import java.util.List;

/**
 * Whose KPIs a request asks for: one client ({@code client}), a configured group ({@code group}) or every
 * client of the agency ({@code agency}), with the client ids whose rows make it up and the caller's tenant
 * scope, which every query of it passes to the warehouse.
 */
record Scope(String kind, String id, String name, List<String> clientIds, TenantScope tenant) {
    static final String CLIENT = "client";
    static final String GROUP = "group";
    static final String AGENCY = "agency";

    Scope {
        clientIds = List.copyOf(clientIds);
    }

    /** A single client's rows are shown as stored; groups and the agency are rolled up from their members'. */
    boolean single() {
        return CLIENT.equals(kind);
    }
}
