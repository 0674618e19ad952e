package cl.cobranza.warehouse;

/** Open and overdue totals of one client summed straight from invoice state: the independent check of the KPI table. */
public record OpenTotals(long openClp, long overdueClp, long openInvoices, long overdueInvoices) {
}
