package cl.cobranza.api.work;

import cl.cobranza.api.security.Tenancy;
import cl.cobranza.api.web.NotFoundException;
import cl.cobranza.core.collection.CollectionStage;
import cl.cobranza.core.collection.Stage;
import cl.cobranza.core.kpi.DaysPastDue;
import cl.cobranza.core.state.Activity;
import cl.cobranza.core.state.InvoiceSnapshot;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.DebtorName;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.WorklistQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A debtor's page: their invoices with this client and one timeline of everything that happened, newest
 * first: invoices issued, payments and credit notes (from the warehouse, as the ERPs sent them), and the
 * actions, promises and plans collectors recorded (from the platform database, with notes and who recorded
 * them, visible as soon as they are saved).
 */
@RestController
class DebtorPageController {
    private final WorklistQueries worklists;
    private final KpiQueries kpis;
    private final WorkRepository work;
    private final Tenancy tenancy;
    private final Clock clock;

    DebtorPageController(WorklistQueries worklists, KpiQueries kpis, WorkRepository work, Tenancy tenancy, Clock clock) {
        this.worklists = worklists;
        this.kpis = kpis;
        this.work = work;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** One invoice of the debtor as of today. */
    record Invoice(String invoiceId, long folio, LocalDate issueDate, LocalDate dueDate, long totalClp, long creditedClp,
                   long paidClp, long openClp, long daysPastDue, Stage stage) {
    }

    /** One event of the timeline; fields that do not apply to its kind are null. */
    record Event(LocalDate date, String kind, String invoiceId, Long amountClp, String channel, String outcome,
                 Integer minutes, LocalDate promisedDate, String notes, String recordedBy) {
    }

    /** Body of {@code GET /api/v1/clients/{clientId}/debtors/{debtorId}}. */
    record DebtorPage(String clientId, String clientName, String debtorId, String rut, String name, String asOf,
                      long openClp, long overdueClp, List<Invoice> invoices, List<Event> timeline) {
    }

    /** GET /api/v1/clients/{clientId}/debtors/{debtorId}: the debtor's invoices and timeline. */
    @GetMapping("/api/v1/clients/{clientId}/debtors/{debtorId}")
    DebtorPage debtor(@PathVariable("clientId") String clientId, @PathVariable("debtorId") String debtorId) {
        String client = tenancy.client(clientId);
        TenantScope scope = tenancy.scope();
        LocalDate today = LocalDate.now(clock);
        List<InvoiceSnapshot> snapshots = worklists.debtorInvoices(scope, client, debtorId, today);
        DebtorName name = worklists.debtor(scope, client, debtorId).orElse(null);
        if (snapshots.isEmpty() && name == null) {
            throw new NotFoundException("debtorId", "El deudor '" + debtorId + "' no existe para el cliente " + client);
        }
        String clientName = kpis.client(scope, client).map(ClientInfo::name).orElse(client);
        List<Invoice> invoices = new ArrayList<>();
        List<Event> timeline = new ArrayList<>();
        long open = 0;
        long overdue = 0;
        CollectionStage policy = CollectionStage.defaults();
        for (InvoiceSnapshot i : snapshots) {
            long dpd = i.openClp() > 0 ? DaysPastDue.of(i.dueDate(), today) : 0;
            Activity activity = i.activity();
            Stage stage = policy.stageOf(today, i.dueDate(), i.openClp(), activity.promise()).orElse(null);
            invoices.add(new Invoice(i.invoiceId(), i.folio(), i.issueDate(), i.dueDate(), i.totalClp(), i.creditedClp(),
                    i.paidClp(), i.openClp(), dpd, stage));
            open += i.openClp();
            overdue += i.dueDate().isBefore(today) ? i.openClp() : 0;
            timeline.add(new Event(i.issueDate(), "INVOICE", i.invoiceId(), i.totalClp(), null, null, null, i.dueDate(),
                    null, null));
            for (Activity.Movement m : activity.movements()) {
                timeline.add(new Event(m.date(), m.kind().name(), i.invoiceId(), m.amountClp(), null, null, null, null,
                        null, null));
            }
        }
        for (WorkRepository.Entry e : work.entries(client, debtorId, snapshots.stream().map(InvoiceSnapshot::invoiceId).toList())) {
            timeline.add(new Event(e.date(), e.kind(), e.invoiceId(), e.amountClp(), e.channel(), e.outcome(), e.minutes(),
                    e.promisedDate(), e.notes(), e.recordedBy()));
        }
        // newest first; on one day, recorded work before the money movements it may explain
        timeline.sort(Comparator.comparing(Event::date).reversed().thenComparing(Event::kind));
        return new DebtorPage(client, clientName, debtorId, name == null ? "" : name.rut(), name == null ? "" : name.name(),
                today.toString(), open, overdue, invoices, timeline);
    }
}
