package cl.cobranza.api.work;

import cl.cobranza.core.chile.CollectionCharges;
import cl.cobranza.core.collection.CollectionPolicy;
import cl.cobranza.core.collection.ContactDecision;
import cl.cobranza.core.collection.ContactRules;
import cl.cobranza.core.collection.LegalEscalation;
import cl.cobranza.core.collection.OpenItem;
import cl.cobranza.core.collection.PolicyDecision;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.WorklistItem;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies core's {@link CollectionPolicy} and Chile's {@link ContactRules} to worklist items: the next action and
 * its channel, or the rule that blocks every channel now and when it can be done, the stop reason, whether
 * legal escalation is proposed or approved by a manager, and the most a consumer may be charged for collection. Debtors' contexts are read once per debtor.
 */
@Component
class WorkPolicy {
    private final CollectionPolicy policy;
    private final ContactRules rules;
    private final DebtorContexts contexts;
    private final StatusRepository status;
    private final Clock clock;
    private final CollectionCharges charges;

    WorkPolicy(CollectionPolicy policy, ContactRules rules, DebtorContexts contexts, StatusRepository status, Clock clock,
               CollectionCharges charges) {
        this.charges = charges;
        this.policy = policy;
        this.rules = rules;
        this.contexts = contexts;
        this.status = status;
        this.clock = clock;
    }

    /** What the policy says of one item, as the worklist shows it; fields that do not apply are null. */
    record View(String stop, String stopReason, String legal, String channel, String instruction, boolean fallback,
                String blockedRule, String blockedReason, String blockedSource, Instant allowedFrom, Long maxChargeClp) {
    }

    /** A cache of debtors' contexts for one request. */
    final class Session {
        private final TenantScope scope;
        private final Map<String, DebtorContexts.Context> debtors = new HashMap<>();
        private final Instant now = clock.instant();

        Session(TenantScope scope) {
            this.scope = scope;
        }

        View view(WorklistItem item) {
            DebtorContexts.Context ctx = debtors.computeIfAbsent(item.clientId() + '\u0000' + item.debtorId(),
                    k -> contexts.of(scope, item.clientId(), item.debtorId(), rules.zone()));
            boolean approved = status.legalDecisions(item.clientId(), item.debtorId()).stream()
                    .reduce((a, b) -> b).map(d -> d.decision().equals("APPROVED")).orElse(false);
            OpenItem open = new OpenItem(item.dueDate(), item.dueDate(), item.openClp(), item.promise(),
                    OpenItem.PlanStatus.NONE, ctx.disputedInvoices().contains(item.invoiceId()), null, approved);
            PolicyDecision d = policy.decide(open, ctx.status(), ctx.contacts(), now, rules);
            ContactDecision blocked = d.blocked();
            return new View(d.stop() == null ? null : d.stop().name(), d.stop() == null ? null : d.stop().spanish(),
                    d.legal() == LegalEscalation.NONE ? null : d.legal().name(),
                    d.nextAction() == null ? null : d.nextAction().channel().name(),
                    d.nextAction() == null ? null : d.nextAction().instruction(),
                    d.nextAction() != null && d.nextAction().isFallback(),
                    blocked == null || blocked.allowed() ? null : blocked.rule().name(),
                    blocked == null || blocked.allowed() ? null : blocked.reason(),
                    blocked == null || blocked.allowed() ? null : blocked.source(),
                    blocked == null || blocked.allowed() ? null : blocked.earliestAllowed(),
                    maxCharge(item, ctx.status().consumer()));
        }
    }

    /**
     * The most a consumer may be charged for collecting the item today (Ley 19.496 art. 37: nothing up to day 20
     * overdue, then 9/6/3 % by UF tranches of the overdue amount); null for a company, or when the UF table has
     * no value for today (load the Banco Central's series with {@code cobranza.chile.uf-file}).
     */
    private Long maxCharge(WorklistItem item, boolean consumer) {
        if (!consumer || item.daysPastDue() <= 0) {
            return null;
        }
        try {
            return charges.cap(item.openClp(), item.daysPastDue(), LocalDate.now(clock)).pesos();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    Session session(TenantScope scope) {
        return new Session(scope);
    }
}
