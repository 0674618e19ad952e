package cl.cobranza.streaming.receivables;

import cl.cobranza.core.kpi.ReceivablesBook.Contribution;
import cl.cobranza.core.state.InvoiceSnapshot;

/** A changed invoice: its new snapshot, and what it contributed to its client's receivables before and now. */
public record InvoiceUpdate(InvoiceSnapshot snapshot, Contribution before, Contribution now) {
}
