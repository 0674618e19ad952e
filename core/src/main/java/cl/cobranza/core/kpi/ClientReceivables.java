package cl.cobranza.core.kpi;

import java.time.LocalDate;

/**
 * Open and overdue receivables of one client as of a business date: the first KPI.
 * Overdue means open balance of invoices whose due date is before {@code asOf} (days past due &gt; 0).
 */
public record ClientReceivables(String clientId, LocalDate asOf, long openClp, long overdueClp,
                                long openInvoices, long overdueInvoices, long version) {
}
