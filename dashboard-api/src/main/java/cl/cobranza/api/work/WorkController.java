package cl.cobranza.api.work;

import cl.cobranza.api.security.Tenancy;
import cl.cobranza.api.web.BadRequestException;
import cl.cobranza.api.web.DateParameter;
import cl.cobranza.api.web.NotFoundException;
import cl.cobranza.api.web.RuleBlockedException;
import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.ContactDecision;
import cl.cobranza.core.collection.ContactRules;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PaymentPlan;
import cl.cobranza.core.collection.WorkRules;
import cl.cobranza.core.state.InvoiceSnapshot;
import cl.cobranza.warehouse.ReceivablesQueries;
import cl.cobranza.warehouse.TenantScope;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The write path: collectors record actions, promises to pay and payment plans in the platform PostgreSQL;
 * its capture carries them to the KPIs (cost per invoice, promise-kept rate) like any ERP change. Every
 * invoice named must be a live invoice of a client in the caller's scope.
 */
@RestController
class WorkController {
    private final WorkRepository work;
    private final ReceivablesQueries receivables;
    private final Tenancy tenancy;
    private final Clock clock;
    private final DebtorContexts contexts;
    private final ContactRules rules;
    private final StatusRepository status;

    WorkController(WorkRepository work, ReceivablesQueries receivables, Tenancy tenancy, Clock clock,
                   DebtorContexts contexts, ContactRules rules, StatusRepository status) {
        this.work = work;
        this.contexts = contexts;
        this.rules = rules;
        this.status = status;
        this.receivables = receivables;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /**
     * Body of {@code POST …/actions}; {@code date} defaults to today and {@code time} (HH:mm, local) to now when the
     * date is today: Chile's consumer rules judge the contact's day and hour.
     */
    record ActionRequest(String invoiceId, String channel, String outcome, Integer minutes, String notes, String date,
                         String time) {
    }

    /** Body of {@code POST …/promises}. */
    record PromiseRequest(String invoiceId, Long amountClp, String promisedDate, String notes) {
    }

    /** Body of {@code POST …/payment-plans}. */
    record PlanRequest(String debtorId, List<String> invoiceIds, List<InstalmentRequest> instalments, String notes) {
    }

    /** One instalment of a {@link PlanRequest}. */
    record InstalmentRequest(String dueDate, Long amountClp) {
    }

    /** What was recorded: its id and kind, and for a plan the promises its instalments made. */
    record Recorded(long id, String kind, String clientId, String invoiceId, String recordedBy,
                    List<WorkRules.PlannedPromise> promises) {
    }

    /** POST /api/v1/clients/{clientId}/actions: a call, message, visit, letter or filing and its outcome (201). */
    @PostMapping("/api/v1/clients/{clientId}/actions")
    @ResponseStatus(HttpStatus.CREATED)
    Recorded action(@PathVariable("clientId") String clientId, @RequestBody ActionRequest body) {
        String client = tenancy.client(clientId);
        require(body, "body");
        InvoiceSnapshot invoice = liveInvoice(client, body.invoiceId());
        Channel channel = Channel.parse(require(body.channel(), "channel"));
        if (channel == null) {
            throw new BadRequestException("channel", "'" + body.channel() + "' no es un canal; use uno de "
                    + Arrays.toString(Channel.values()));
        }
        Outcome outcome = Outcome.parse(require(body.outcome(), "outcome"));
        if (outcome == null) {
            throw new BadRequestException("outcome", "'" + body.outcome() + "' no es un resultado; use uno de "
                    + Arrays.toString(Outcome.values()));
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate date = DateParameter.parse("date", body.date(), today);
        int minutes = body.minutes() == null ? 0 : body.minutes();
        WorkRules.checkAction(today, date, minutes, body.notes());
        DebtorContexts.Context debtor = contexts.of(tenancy.scope(), client, invoice.debtorId(), clock.getZone());
        Instant at = contactTime(date, today, body.time(), debtor.status().consumer());
        ContactDecision decision = rules.check(channel, at, debtor.status(), debtor.contacts());
        if (!decision.allowed()) {
            throw new RuleBlockedException("channel", decision.rule().name(), decision.reason(), decision.source(),
                    decision.earliestAllowed());
        }
        String by = tenancy.caller().username();
        long id = work.recordAction(client, invoice.invoiceId(), date, at, channel, outcome, minutes, body.notes(), by);
        if (outcome == Outcome.DISPUTED && !debtor.disputedInvoices().contains(invoice.invoiceId())) {
            status.openDispute(client, invoice.invoiceId(), "DEBTOR", date, body.notes(), by);
        }
        return new Recorded(id, "ACTION", client, invoice.invoiceId(), by, List.of());
    }

    /** POST /api/v1/clients/{clientId}/promises: the debtor promises an amount by a date (201). */
    @PostMapping("/api/v1/clients/{clientId}/promises")
    @ResponseStatus(HttpStatus.CREATED)
    Recorded promise(@PathVariable("clientId") String clientId, @RequestBody PromiseRequest body) {
        String client = tenancy.client(clientId);
        require(body, "body");
        InvoiceSnapshot invoice = liveInvoice(client, body.invoiceId());
        long amount = require(body.amountClp(), "amountClp");
        LocalDate today = LocalDate.now(clock);
        LocalDate promised = DateParameter.parse("promisedDate", require(body.promisedDate(), "promisedDate"), today);
        WorkRules.checkPromise(today, invoice.openClp(), amount, promised, body.notes());
        String by = tenancy.caller().username();
        long id = work.recordPromise(client, invoice.invoiceId(), today, promised, amount, null, body.notes(), by);
        return new Recorded(id, "PROMISE", client, invoice.invoiceId(), by, List.of());
    }

    /**
     * POST /api/v1/clients/{clientId}/payment-plans: instalments over some of a debtor's open invoices; each
     * instalment becomes promises on the oldest invoices still owed (201).
     */
    @PostMapping("/api/v1/clients/{clientId}/payment-plans")
    @ResponseStatus(HttpStatus.CREATED)
    Recorded plan(@PathVariable("clientId") String clientId, @RequestBody PlanRequest body) {
        String client = tenancy.client(clientId);
        require(body, "body");
        String debtor = require(body.debtorId(), "debtorId");
        List<String> ids = require(body.invoiceIds(), "invoiceIds");
        List<InvoiceSnapshot> invoices = new ArrayList<>();
        for (String id : ids.stream().distinct().toList()) {
            InvoiceSnapshot invoice = liveInvoice(client, id);
            if (!invoice.debtorId().equals(debtor)) {
                throw new BadRequestException("invoiceIds", "la factura " + id + " es de otro deudor; un plan cubre "
                        + "facturas de un solo deudor (" + debtor + ")");
            }
            invoices.add(invoice);
        }
        invoices.sort(Comparator.comparing(InvoiceSnapshot::dueDate).thenComparing(InvoiceSnapshot::invoiceId));
        Map<String, Long> open = new LinkedHashMap<>();
        invoices.forEach(i -> open.put(i.invoiceId(), i.openClp()));
        LocalDate today = LocalDate.now(clock);
        List<PaymentPlan.Instalment> instalments = new ArrayList<>();
        for (InstalmentRequest in : require(body.instalments(), "instalments")) {
            require(in, "instalments");
            instalments.add(new PaymentPlan.Instalment(
                    DateParameter.parse("instalments", require(in.dueDate(), "instalments"), today),
                    require(in.amountClp(), "instalments")));
        }
        PaymentPlan plan;
        try {
            plan = new PaymentPlan(client, "new", debtor, List.copyOf(open.keySet()), today, instalments);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("instalments", e.getMessage());
        }
        List<WorkRules.PlannedPromise> promises = WorkRules.planPromises(today, plan, open, body.notes());
        String by = tenancy.caller().username();
        long id = work.recordPlan(plan, promises, body.notes(), by);
        return new Recorded(id, "PLAN", client, null, by, promises);
    }

    /**
     * When the contact happened: {@code time} (HH:mm) on {@code date} in the API's zone; now when the date is today
     * and no time is given; for a backdated action without a time, noon for a business debtor and an error for a
     * consumer, whose contact hours the law limits.
     */
    private Instant contactTime(LocalDate date, LocalDate today, String time, boolean consumer) {
        if (time == null || time.isBlank()) {
            if (date.equals(today)) {
                return clock.instant();
            }
            if (consumer) {
                throw new BadRequestException("time", "indique la hora de la gestión (time, HH:mm): el deudor es "
                        + "consumidor y la ley limita el horario de cobranza (08:00 a 20:00, lunes a sábado)");
            }
            return date.atTime(LocalTime.NOON).atZone(clock.getZone()).toInstant();
        }
        try {
            return date.atTime(LocalTime.parse(time.trim())).atZone(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("time", "'" + time + "' no es una hora; use HH:mm, por ejemplo 10:30");
        }
    }

    private InvoiceSnapshot liveInvoice(String clientId, String invoiceId) {
        require(invoiceId, "invoiceId");
        TenantScope scope = tenancy.scope();
        return receivables.invoice(scope, clientId, invoiceId)
                .filter(i -> !i.deleted())
                .orElseThrow(() -> new NotFoundException("invoiceId", "La factura '" + invoiceId
                        + "' no existe para el cliente " + clientId));
    }

    private static <T> T require(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new BadRequestException(field, "falta " + field);
        }
        return value;
    }
}
