package cl.cobranza.warehouse;

import java.time.LocalDate;

/**
 * One client's receivables as shown on the dashboard: its name and the newest KPI row on or before
 * the requested date. {@code asOf} is that row's date, or null when the client has no data yet (then
 * every amount is 0).
 */
public record ClientReceivablesView(String clientId, String name, LocalDate asOf, long openClp, long overdueClp,
                                    long openInvoices, long overdueInvoices) {
}
