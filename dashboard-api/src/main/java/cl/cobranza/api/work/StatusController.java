package cl.cobranza.api.work;

import cl.cobranza.api.security.Tenancy;
import cl.cobranza.api.web.BadRequestException;
import cl.cobranza.api.web.DateParameter;
import cl.cobranza.api.web.NotFoundException;
import cl.cobranza.api.web.RuleBlockedException;
import cl.cobranza.core.chile.SiiClaim;
import cl.cobranza.core.collection.CollectionPolicy;
import cl.cobranza.core.collection.ContactRules;
import cl.cobranza.core.collection.LegalEscalation;
import cl.cobranza.core.collection.OpenItem;
import cl.cobranza.core.collection.WorkRules;
import cl.cobranza.core.state.InvoiceSnapshot;
import cl.cobranza.warehouse.DebtorName;
import cl.cobranza.warehouse.ReceivablesQueries;
import cl.cobranza.warehouse.WorklistQueries;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * What stops collection, as people record it: a debtor's consumer flag (when the RUT's default is wrong), a
 * lawsuit served, insolvency proceedings (managers); disputes on invoices, from the SII register or raised
 * with a collector, and their resolution (collectors); managers' decisions on a proposed legal escalation.
 * Read by the debtor page and applied by the policy.
 */
@RestController
class StatusController {
    private final StatusRepository status;
    private final WorklistQueries worklists;
    private final ReceivablesQueries receivables;
    private final Tenancy tenancy;
    private final Clock clock;
    private final DebtorContexts contexts;
    private final CollectionPolicy policy;
    private final ContactRules rules;

    StatusController(StatusRepository status, WorklistQueries worklists, ReceivablesQueries receivables,
                     Tenancy tenancy, Clock clock, DebtorContexts contexts, CollectionPolicy policy, ContactRules rules) {
        this.contexts = contexts;
        this.policy = policy;
        this.rules = rules;
        this.status = status;
        this.worklists = worklists;
        this.receivables = receivables;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** Body of {@code PUT …/debtors/{debtorId}/status}: the whole status (null clears a field). */
    record StatusRequest(Boolean consumer, String lawsuitServedOn, String insolvencyOn) {
    }

    /** Body of {@code POST …/disputes}; {@code openedOn} defaults to today. */
    record DisputeRequest(String invoiceId, String source, String openedOn, String notes) {
    }

    /** Body of {@code POST …/disputes/{id}/resolution}; {@code resolvedOn} defaults to today. */
    record ResolutionRequest(String resolvedOn, String notes) {
    }

    /** Body of {@code POST …/debtors/{debtorId}/legal-decisions}. */
    record LegalDecisionRequest(String decision, String reason) {
    }

    /**
     * A debtor's status as the policy sees it: the effective consumer flag and where it comes from, and the legal
     * escalation state ({@code NONE}, {@code PROPOSED}, {@code APPROVED} after a manager's approval).
     */
    record StatusView(String clientId, String debtorId, String rut, boolean consumer, String consumerSource,
                      LocalDate lawsuitServedOn, LocalDate insolvencyOn, String legal,
                      List<StatusRepository.Dispute> disputes,
                      List<StatusRepository.LegalDecision> legalDecisions) {
    }

    /** GET /api/v1/clients/{clientId}/debtors/{debtorId}/status. */
    @GetMapping("/api/v1/clients/{clientId}/debtors/{debtorId}/status")
    StatusView status(@PathVariable("clientId") String clientId, @PathVariable("debtorId") String debtorId) {
        String client = tenancy.client(clientId);
        return view(client, debtorId);
    }

    /** PUT /api/v1/clients/{clientId}/debtors/{debtorId}/status: consumer flag, lawsuit, insolvency (managers). */
    @PutMapping("/api/v1/clients/{clientId}/debtors/{debtorId}/status")
    StatusView setStatus(@PathVariable("clientId") String clientId, @PathVariable("debtorId") String debtorId,
                         @RequestBody StatusRequest body) {
        String client = tenancy.client(clientId);
        if (body == null) {
            throw new BadRequestException("body", "falta el cuerpo: {consumer, lawsuitServedOn, insolvencyOn}");
        }
        debtorRut(client, debtorId);
        LocalDate today = LocalDate.now(clock);
        LocalDate lawsuit = notFuture("lawsuitServedOn", DateParameter.parse("lawsuitServedOn", body.lawsuitServedOn(), null), today);
        LocalDate insolvency = notFuture("insolvencyOn", DateParameter.parse("insolvencyOn", body.insolvencyOn(), null), today);
        status.saveStatus(client, debtorId, new StatusRepository.DebtorStatus(body.consumer(), lawsuit, insolvency,
                tenancy.caller().username()));
        return view(client, debtorId);
    }

    /** POST /api/v1/clients/{clientId}/disputes: a dispute on an invoice (201). */
    @PostMapping("/api/v1/clients/{clientId}/disputes")
    @ResponseStatus(HttpStatus.CREATED)
    StatusRepository.Dispute openDispute(@PathVariable("clientId") String clientId, @RequestBody DisputeRequest body) {
        String client = tenancy.client(clientId);
        if (body == null || body.invoiceId() == null || body.invoiceId().isBlank()) {
            throw new BadRequestException("invoiceId", "falta invoiceId: la factura disputada");
        }
        InvoiceSnapshot invoice = receivables.invoice(tenancy.scope(), client, body.invoiceId())
                .filter(i -> !i.deleted())
                .orElseThrow(() -> new NotFoundException("invoiceId", "La factura '" + body.invoiceId()
                        + "' no existe para el cliente " + client));
        String source = body.source() == null ? "DEBTOR" : body.source().trim().toUpperCase(java.util.Locale.ROOT);
        if (!source.equals("SII") && !source.equals("DEBTOR")) {
            throw new BadRequestException("source", "'" + body.source() + "' no es un origen; use SII (reclamo en el "
                    + "registro del SII) o DEBTOR (disputa planteada al cobrador)");
        }
        WorkRules.checkText("notes", body.notes());
        LocalDate today = LocalDate.now(clock);
        LocalDate openedOn = DateParameter.parse("openedOn", body.openedOn(), today);
        notFuture("openedOn", openedOn, today);
        if (source.equals("SII")) {
            SiiClaim.check(invoice.issueDate(), openedOn, today);
        }
        boolean alreadyOpen = status.disputes(client, List.of(invoice.invoiceId())).stream()
                .anyMatch(d -> d.resolvedOn() == null);
        if (alreadyOpen) {
            throw new BadRequestException("invoiceId", "la factura " + invoice.invoiceId() + " ya tiene una disputa "
                    + "abierta; resuélvala antes de abrir otra");
        }
        String by = tenancy.caller().username();
        long id = status.openDispute(client, invoice.invoiceId(), source, openedOn, body.notes(), by);
        return status.dispute(client, id).orElseThrow();
    }

    /** POST /api/v1/clients/{clientId}/disputes/{id}/resolution: the dispute ends (credit note, agreement…). */
    @PostMapping("/api/v1/clients/{clientId}/disputes/{id}/resolution")
    StatusRepository.Dispute resolve(@PathVariable("clientId") String clientId, @PathVariable("id") long id,
                                     @RequestBody(required = false) ResolutionRequest body) {
        String client = tenancy.client(clientId);
        StatusRepository.Dispute dispute = status.dispute(client, id)
                .orElseThrow(() -> new NotFoundException("id", "La disputa " + id + " no existe para el cliente " + client));
        if (dispute.resolvedOn() != null) {
            throw new BadRequestException("id", "la disputa " + id + " ya se resolvió el " + dispute.resolvedOn());
        }
        WorkRules.checkText("notes", body == null ? null : body.notes());
        LocalDate today = LocalDate.now(clock);
        LocalDate on = DateParameter.parse("resolvedOn", body == null ? null : body.resolvedOn(), today);
        notFuture("resolvedOn", on, today);
        if (on.isBefore(dispute.openedOn())) {
            throw new BadRequestException("resolvedOn", "la disputa se abrió el " + dispute.openedOn()
                    + "; no puede resolverse antes");
        }
        status.resolveDispute(client, id, on, body == null ? null : body.notes());
        return status.dispute(client, id).orElseThrow();
    }

    /**
     * POST /api/v1/clients/{clientId}/debtors/{debtorId}/legal-decisions: a manager approves or rejects taking the
     * debtor to court (201). Only when the policy proposes it for at least one open item (409 otherwise): the
     * policy never escalates by itself, and nobody escalates what it does not propose.
     */
    @PostMapping("/api/v1/clients/{clientId}/debtors/{debtorId}/legal-decisions")
    @ResponseStatus(HttpStatus.CREATED)
    StatusRepository.LegalDecision decideLegal(@PathVariable("clientId") String clientId,
                                               @PathVariable("debtorId") String debtorId,
                                               @RequestBody LegalDecisionRequest body) {
        String client = tenancy.client(clientId);
        debtorRut(client, debtorId);
        String decision = body == null || body.decision() == null ? "" : body.decision().trim().toUpperCase(java.util.Locale.ROOT);
        if (!decision.equals("APPROVED") && !decision.equals("REJECTED")) {
            throw new BadRequestException("decision", "indique decision APPROVED (aprobar la demanda) o REJECTED (rechazarla)");
        }
        LocalDate today = LocalDate.now(clock);
        Legal legal = legal(client, debtorId, worklists.debtorInvoices(tenancy.scope(), client, debtorId, today), false);
        if (legal.state() != LegalEscalation.PROPOSED) {
            throw new RuleBlockedException("decision", "LEGAL_NOT_PROPOSED", "La política no propone cobranza judicial "
                    + "para este deudor: se propone con una factura en etapa extrajudicial de al menos "
                    + policy.legalMinDaysOverdue() + " días de mora y $" + String.format(java.util.Locale.ROOT, "%,d",
                    policy.legalMinOpenClp()).replace(',', '.') + " abiertos, sin disputa, demanda ni promesa vigente",
                    "Política de cobranza de la agencia", null);
        }
        String reason = body.reason();
        WorkRules.checkText("reason", reason);
        String by = tenancy.caller().username();
        long id = status.decideLegal(client, debtorId, decision, legal.openClp(), reason, by, today);
        return status.legalDecisions(client, debtorId).stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }

    /** The debtor's legal escalation state under the policy, and its open amount. */
    private record Legal(LegalEscalation state, long openClp) {
    }

    /**
     * PROPOSED when the policy proposes legal escalation for at least one open item (APPROVED instead when
     * {@code approved} and the policy then files), NONE otherwise; {@code invoices} are the debtor's live invoices.
     */
    private Legal legal(String client, String debtorId, List<InvoiceSnapshot> invoices, boolean approved) {
        DebtorContexts.Context ctx = contexts.of(tenancy.scope(), client, debtorId, rules.zone());
        long open = 0;
        LegalEscalation state = LegalEscalation.NONE;
        for (InvoiceSnapshot i : invoices) {
            if (i.openClp() <= 0) {
                continue;
            }
            open += i.openClp();
            OpenItem item = new OpenItem(i.issueDate(), i.dueDate(), i.openClp(), i.activity().promise(),
                    OpenItem.PlanStatus.NONE, ctx.disputedInvoices().contains(i.invoiceId()), null, approved);
            LegalEscalation s = policy.decide(item, ctx.status(), ctx.contacts(), clock.instant(), rules).legal();
            if (s.compareTo(state) > 0) {
                state = s;
            }
        }
        return new Legal(state, open);
    }

    private StatusView view(String client, String debtorId) {
        String rut = debtorRut(client, debtorId);
        List<InvoiceSnapshot> invoices = worklists.debtorInvoices(tenancy.scope(), client, debtorId, LocalDate.now(clock));
        List<String> invoiceIds = invoices.stream().map(InvoiceSnapshot::invoiceId).toList();
        StatusRepository.DebtorStatus s = status.status(client, debtorId);
        boolean consumer = s.consumer() != null ? s.consumer() : DebtorContexts.consumerByRut(rut);
        List<StatusRepository.LegalDecision> decisions = status.legalDecisions(client, debtorId);
        boolean approved = !decisions.isEmpty() && decisions.get(decisions.size() - 1).decision().equals("APPROVED");
        return new StatusView(client, debtorId, rut, consumer, s.consumer() != null ? "MANUAL" : "RUT",
                s.lawsuitServedOn(), s.insolvencyOn(), legal(client, debtorId, invoices, approved).state().name(),
                status.disputes(client, invoiceIds), decisions);
    }

    /** The debtor's RUT ('' when its ERP sent none); 404 when the client has no such debtor nor invoices of it. */
    private String debtorRut(String client, String debtorId) {
        return worklists.debtor(tenancy.scope(), client, debtorId).map(DebtorName::rut).orElseGet(() -> {
            if (worklists.debtorInvoices(tenancy.scope(), client, debtorId, LocalDate.now(clock)).isEmpty()) {
                throw new NotFoundException("debtorId", "El deudor '" + debtorId + "' no existe para el cliente " + client);
            }
            return "";
        });
    }

    private static LocalDate notFuture(String field, LocalDate date, LocalDate today) {
        if (date != null && date.isAfter(today)) {
            throw new BadRequestException(field, "la fecha " + date + " es futura; indique el día en que ocurrió");
        }
        return date;
    }
}
