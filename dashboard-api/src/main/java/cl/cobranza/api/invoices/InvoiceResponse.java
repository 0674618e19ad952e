package cl.cobranza.api.invoices;

/**
 * Body of {@code GET /api/v1/clients/{clientId}/invoices/{invoiceId}}: the invoice's current state.
 * {@code status} is "abierta" (open balance), "pagada" (nothing left to collect) or "anulada" (voided).
 */
public record InvoiceResponse(String clientId, String invoiceId, String debtorId, int dteType, long folio,
                              String issueDate, String dueDate, long totalClp, long creditedClp, long paidClp,
                              long openClp, long daysPastDue, String status) {
}
