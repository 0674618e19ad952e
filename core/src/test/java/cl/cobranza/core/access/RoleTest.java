package cl.cobranza.core.access;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleTest {

    @Test
    void ownersReadTheirKpisAndWorklistButRecordNothingAndCompareNobody() {
        assertTrue(Role.OWNER.allows(Permission.VIEW_KPIS));
        assertTrue(Role.OWNER.allows(Permission.VIEW_WORKLIST));
        assertFalse(Role.OWNER.allows(Permission.RECORD_WORK));
        assertFalse(Role.OWNER.allows(Permission.VIEW_PORTFOLIO));
        assertFalse(Role.OWNER.allows(Permission.VIEW_AGENCY));
        assertFalse(Role.OWNER.allows(Permission.VIEW_GROUPS));
    }

    @Test
    void collectorsWorkTheWorklistButSeeNoKpiPages() {
        assertTrue(Role.COLLECTOR.allows(Permission.VIEW_WORKLIST));
        assertTrue(Role.COLLECTOR.allows(Permission.RECORD_WORK));
        assertFalse(Role.COLLECTOR.allows(Permission.VIEW_KPIS));
        assertFalse(Role.COLLECTOR.allows(Permission.MANAGE_USERS));
        assertFalse(Role.COLLECTOR.allows(Permission.MANAGE_COLLECTION), "legal escalation is a manager's decision");
    }

    @Test
    void accountManagersCompareButDoNotRecordOrAdminister() {
        assertTrue(Role.ACCOUNT_MANAGER.allows(Permission.VIEW_PORTFOLIO));
        assertTrue(Role.ACCOUNT_MANAGER.allows(Permission.VIEW_GROUPS));
        assertTrue(Role.ACCOUNT_MANAGER.allows(Permission.MANAGE_COLLECTION));
        assertFalse(Role.OWNER.allows(Permission.MANAGE_COLLECTION));
        assertFalse(Role.ACCOUNT_MANAGER.allows(Permission.RECORD_WORK));
        assertFalse(Role.ACCOUNT_MANAGER.allows(Permission.VIEW_AGENCY));
        assertFalse(Role.ACCOUNT_MANAGER.allows(Permission.VIEW_SOURCES));
        assertFalse(Role.ACCOUNT_MANAGER.allows(Permission.MANAGE_USERS));
    }

    @Test
    void onlyAdministratorsSeeEveryClientAndHoldEveryPermission() {
        for (Permission p : Permission.values()) {
            assertTrue(Role.ADMIN.allows(p), p.name());
        }
        assertTrue(Role.ADMIN.seesEveryClient());
        for (Role r : Set.of(Role.OWNER, Role.ACCOUNT_MANAGER, Role.COLLECTOR)) {
            assertFalse(r.seesEveryClient(), r.name());
            assertFalse(r.allows(Permission.VIEW_METRICS), r.name());
        }
    }

    @Test
    void anOwnerBelongsToExactlyOneClientAndAnAdminToNone() {
        assertNull(Role.OWNER.checkClients(Set.of("a")));
        assertNotNull(Role.OWNER.checkClients(Set.of()));
        assertNotNull(Role.OWNER.checkClients(Set.of("a", "b")));
        assertNull(Role.ADMIN.checkClients(Set.of()));
        assertNotNull(Role.ADMIN.checkClients(Set.of("a")));
        assertNull(Role.COLLECTOR.checkClients(Set.of()));
        assertNull(Role.ACCOUNT_MANAGER.checkClients(Set.of("a", "b", "c")));
    }

    @Test
    void parsesNamesCaseInsensitively() {
        assertEquals(Role.ACCOUNT_MANAGER, Role.parse(" account_manager "));
        assertNull(Role.parse("root"));
        assertNull(Role.parse(null));
    }
}
