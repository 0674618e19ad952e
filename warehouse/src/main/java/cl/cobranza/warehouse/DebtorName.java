package cl.cobranza.warehouse;

/** A debtor of one client as its ERP names it: id, RUT and name (empty strings when the ERP sent none). */
public record DebtorName(String clientId, String debtorId, String rut, String name) {
}
