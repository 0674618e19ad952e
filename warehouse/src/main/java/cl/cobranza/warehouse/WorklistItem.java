package cl.cobranza.warehouse;

import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.collection.Stage;
import cl.cobranza.core.state.Activity.LastAction;

import java.time.LocalDate;

/**
 * One open invoice on a collector's worklist (docs/api.md, "Worklist item"): who owes it, how late, its
 * bucket and stage, the last action and latest promise (null when none), its priority and the reason.
 */
public record WorklistItem(String clientId, String clientName, String invoiceId, long folio, String debtorId,
                           String debtorName, String debtorRut, LocalDate dueDate, long daysPastDue, long openClp,
                           String bucket, Stage stage, LastAction lastAction, PromiseToPay promise, long priority,
                           String reason) {
}
