package cl.cobranza.api.work;

import cl.cobranza.core.chile.CollectionCharges;
import cl.cobranza.core.collection.CollectionPolicy;
import cl.cobranza.core.collection.ContactDecision;
import cl.cobranza.core.collection.ContactRules;
import cl.cobranza.core.collection.LegalEscalation;
import cl.cobranza.core.collection.OpenItem;
import cl.cobranza.core.collection.PolicyDecision;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.WorklistItem;
import cl.cobranza.warehouse.WorklistStops;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies core's {@link CollectionPolicy} and Chile's {@link ContactRules} to worklist items: the next action and
 * its channel, or the rule that blocks every channel now and when it can be done, the stop reason, whether
 * legal escalation is proposed or approved by a manager, and the most a consumer may be charged for collection.
 * Debtors' contexts are read in one batch per page.
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

    /** The policy's view of each of these items (in order), with every debtor's context read in one batch. */
    List<View> views(TenantScope scope, List<WorklistItem> items) {
        Map<String, String> ruts = new HashMap<>();
        Map<String, Set<String>> debtorsByClient = new HashMap<>();
        for (WorklistItem i : items) {
            ruts.put(WorklistStops.key(i.clientId(), i.debtorId()), i.debtorRut());
            debtorsByClient.computeIfAbsent(i.clientId(), c -> new HashSet<>()).add(i.debtorId());
        }
        Map<String, DebtorContexts.Context> contexts = this.contexts.of(scope, ruts, rules.zone());
        Map<String, StatusRepository.LegalDecision> legal = new HashMap<>();
        debtorsByClient.forEach((client, debtors) -> status.latestLegalDecisions(client, debtors)
                .forEach((d, decision) -> legal.put(WorklistStops.key(client, d), decision)));
        Map<String, List<String>> invoicesByClient = new HashMap<>();
        items.forEach(i -> invoicesByClient.computeIfAbsent(i.clientId(), c -> new ArrayList<>()).add(i.invoiceId()));
        Map<String, List<PromiseToPay>> plans = new HashMap<>();
        invoicesByClient.forEach((client, invoices) -> status.planPromises(client, invoices)
                .forEach((invoice, promises) -> plans.put(WorklistStops.key(client, invoice), promises)));
        Instant now = clock.instant();
        List<View> views = new ArrayList<>(items.size());
        for (WorklistItem item : items) {
            String key = WorklistStops.key(item.clientId(), item.debtorId());
            views.add(view(item, contexts.get(key), legal.get(key),
                    plans.getOrDefault(WorklistStops.key(item.clientId(), item.invoiceId()), List.of()), now));
        }
        return views;
    }

    private View view(WorklistItem item, DebtorContexts.Context ctx, StatusRepository.LegalDecision legal,
                      List<PromiseToPay> plan, Instant now) {
        boolean approved = legal != null && legal.decision().equals("APPROVED");
        OpenItem open = new OpenItem(item.dueDate(), item.dueDate(), item.openClp(), item.promise(),
                OpenItem.PlanStatus.of(item.openClp(), plan, now.atZone(rules.zone()).toLocalDate()),
                ctx.disputedInvoices().contains(item.invoiceId()), null, approved);
        PolicyDecision d = policy.decide(open, ctx.status(), ctx.contacts(), now, rules);
        ContactDecision blocked = d.blocked() == null || d.blocked().allowed() ? null : d.blocked();
        return new View(d.stop() == null ? null : d.stop().name(), d.stop() == null ? null : d.stop().spanish(),
                d.legal() == LegalEscalation.NONE ? null : d.legal().name(),
                d.nextAction() == null ? null : d.nextAction().channel().name(),
                d.nextAction() == null ? null : d.nextAction().instruction(),
                d.nextAction() != null && d.nextAction().isFallback(),
                blocked == null ? null : blocked.rule().name(), blocked == null ? null : blocked.reason(),
                blocked == null ? null : blocked.source(), blocked == null ? null : blocked.earliestAllowed(),
                maxCharge(item, ctx.status().consumer()));
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

}
