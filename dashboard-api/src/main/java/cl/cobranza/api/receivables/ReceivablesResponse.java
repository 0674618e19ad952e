package cl.cobranza.api.receivables;

import java.util.List;

/**
 * Body of {@code GET /api/v1/receivables} and of each {@code receivables} server-sent event.
 * Dates are ISO strings; amounts are whole pesos.
 */
public record ReceivablesResponse(String asOf, String definition, List<ClientRow> clients, Totals totals) {

    /** One client; {@code asOf} is the date of the KPI row shown (null when the client has no data yet). */
    public record ClientRow(String clientId, String name, long openClp, long overdueClp, long openInvoices,
                            long overdueInvoices, String asOf) {
    }

    /** Sums over all clients listed. */
    public record Totals(long openClp, long overdueClp, long openInvoices, long overdueInvoices) {
    }
}
