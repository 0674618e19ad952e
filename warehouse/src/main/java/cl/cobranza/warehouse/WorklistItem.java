package cl.cobranza.warehouse;

import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.collection.Stage;
import cl.cobranza.core.state.Activity.LastAction;

import java.time.LocalDate;
import java.util.List;

/**
 * One open invoice on a collector's worklist (docs/api.md, "Worklist item"): who owes it, how late, its
 * bucket and stage, the last action and latest promise (null when none), its priority and the reason; with a risk
 * model, the probability that it is paid within the model's horizon and the strongest reasons, in Spanish.
 */
public record WorklistItem(String clientId, String clientName, String invoiceId, long folio, String debtorId,
                           String debtorName, String debtorRut, LocalDate dueDate, long daysPastDue, long openClp,
                           String bucket, Stage stage, LastAction lastAction, PromiseToPay promise, long priority,
                           String reason, Double probability, List<String> riskReasons) {
    public WorklistItem {
        riskReasons = riskReasons == null ? List.of() : List.copyOf(riskReasons);
    }

    /** An item ranked without a risk model (priority = open CLP × days past due). */
    public WorklistItem(String clientId, String clientName, String invoiceId, long folio, String debtorId,
                        String debtorName, String debtorRut, LocalDate dueDate, long daysPastDue, long openClp,
                        String bucket, Stage stage, LastAction lastAction, PromiseToPay promise, long priority,
                        String reason) {
        this(clientId, clientName, invoiceId, folio, debtorId, debtorName, debtorRut, dueDate, daysPastDue, openClp,
                bucket, stage, lastAction, promise, priority, reason, null, List.of());
    }
}
