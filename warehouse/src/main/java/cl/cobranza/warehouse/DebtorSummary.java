package cl.cobranza.warehouse;

/**
 * One debtor's receivables with one client today: open and overdue balance, open and overdue invoices,
 * weighted days past due (Σ open × DPD ÷ Σ overdue open, null when nothing is overdue) and the oldest DPD.
 */
public record DebtorSummary(String clientId, String debtorId, String rut, String name, long openClp, long overdueClp,
                            long openInvoices, long overdueInvoices, Double weightedDpd, long maxDpd) {
}
