package cl.cobranza.core.access;

import java.util.EnumSet;
import java.util.Set;

import static cl.cobranza.core.access.Permission.MANAGE_COLLECTION;
import static cl.cobranza.core.access.Permission.MANAGE_USERS;
import static cl.cobranza.core.access.Permission.RECORD_WORK;
import static cl.cobranza.core.access.Permission.VIEW_AGENCY;
import static cl.cobranza.core.access.Permission.VIEW_DATA_QUALITY;
import static cl.cobranza.core.access.Permission.VIEW_GROUPS;
import static cl.cobranza.core.access.Permission.VIEW_KPIS;
import static cl.cobranza.core.access.Permission.VIEW_METRICS;
import static cl.cobranza.core.access.Permission.VIEW_PORTFOLIO;
import static cl.cobranza.core.access.Permission.VIEW_SOURCES;
import static cl.cobranza.core.access.Permission.VIEW_WORKLIST;

/**
 * Who a user is to the agency, what they may do ({@link Permission}) and over which clients: an owner sees
 * exactly one client company, account managers and collectors the clients assigned to them, an
 * administrator every client.
 */
public enum Role {
    /** The owner (or staff) of one client company: that company's KPIs, debtors and worklist, read only. */
    OWNER("Dueño", EnumSet.of(VIEW_KPIS, VIEW_WORKLIST)),
    /** An agency account manager: compares and follows the clients assigned to them. */
    ACCOUNT_MANAGER("Ejecutivo de cuenta", EnumSet.of(VIEW_KPIS, VIEW_PORTFOLIO, VIEW_WORKLIST, VIEW_GROUPS,
            VIEW_DATA_QUALITY, MANAGE_COLLECTION)),
    /** An agency collector: works the worklists of the clients assigned to them. */
    COLLECTOR("Cobrador", EnumSet.of(VIEW_WORKLIST, RECORD_WORK)),
    /** Runs the platform: every client, every permission. */
    ADMIN("Administrador", EnumSet.allOf(Permission.class));

    private final String spanishName;
    private final Set<Permission> permissions;

    Role(String spanishName, Set<Permission> permissions) {
        this.spanishName = spanishName;
        this.permissions = permissions;
    }

    /** The role's name as the pages show it in Spanish. */
    public String spanishName() {
        return spanishName;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** True when the role reaches every client without assignments. */
    public boolean seesEveryClient() {
        return this == ADMIN;
    }

    /**
     * Checks the clients given to a user of this role and returns null when they fit, else the reason in
     * Spanish: an owner belongs to exactly one client; an administrator is given none (they see all).
     */
    public String checkClients(Set<String> clientIds) {
        return switch (this) {
            case OWNER -> clientIds.size() == 1 ? null
                    : "un usuario OWNER pertenece a exactamente un cliente; se indicaron " + clientIds.size();
            case ADMIN -> clientIds.isEmpty() ? null
                    : "un usuario ADMIN ve todos los clientes; no se le asignan clientes";
            case ACCOUNT_MANAGER, COLLECTOR -> null;
        };
    }

    /** Parses a role name case-insensitively; null when absent or unknown. */
    public static Role parse(String text) {
        if (text == null) {
            return null;
        }
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(text.trim())) {
                return r;
            }
        }
        return null;
    }
}
