package cl.cobranza.streaming.receivables;

import cl.cobranza.core.state.InvoiceSnapshot;

/**
 * A changed invoice: its encoded {@link cl.cobranza.core.state.InvoiceState} for the client's ledger, and
 * its snapshot for the invoice table ({@code null} while only payments or actions arrived, no header yet).
 */
public record InvoiceUpdate(String clientId, String invoiceId, byte[] state, InvoiceSnapshot snapshot) {
}
