package cl.cobranza.api.invoices;

import cl.cobranza.api.web.NotFoundException;
import cl.cobranza.core.kpi.DaysPastDue;
import cl.cobranza.core.state.InvoiceSnapshot;
import cl.cobranza.warehouse.ReceivablesQueries;
import cl.cobranza.api.security.Tenancy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/** One invoice's current state, as a collector looks it up. */
@RestController
class InvoiceController {
    private final ReceivablesQueries queries;
    private final Clock clock;
    private final Tenancy tenancy;

    InvoiceController(ReceivablesQueries queries, Clock clock, Tenancy tenancy) {
        this.queries = queries;
        this.clock = clock;
        this.tenancy = tenancy;
    }

    @GetMapping("/api/v1/clients/{clientId}/invoices/{invoiceId}")
    InvoiceResponse invoice(@PathVariable("clientId") String clientId, @PathVariable("invoiceId") String invoiceId) {
        InvoiceSnapshot invoice = queries.invoice(tenancy.scope(), tenancy.client(clientId), invoiceId)
                .orElseThrow(() -> new NotFoundException("invoiceId",
                        "La factura '" + invoiceId + "' del cliente '" + clientId + "' no existe"));
        return toResponse(invoice, LocalDate.now(clock));
    }

    /**
     * A voided invoice owes nothing, and only an open one can be past due: a paid invoice is not
     * "late" today just because its due date has passed.
     */
    static InvoiceResponse toResponse(InvoiceSnapshot i, LocalDate today) {
        String status = i.deleted() ? "anulada" : i.openClp() > 0 ? "abierta" : "pagada";
        long open = i.deleted() ? 0 : i.openClp();
        long daysPastDue = open > 0 ? DaysPastDue.of(i.dueDate(), today) : 0;
        return new InvoiceResponse(i.clientId(), i.invoiceId(), i.debtorId(), i.dteType(), i.folio(),
                i.issueDate().toString(), i.dueDate().toString(), i.totalClp(), i.creditedClp(), i.paidClp(),
                open, daysPastDue, status);
    }
}
