package cl.cobranza.core.collection;

/** Why an open item gets no collection action now, as decided by {@link CollectionPolicy}; checked in this order. */
public enum StopReason {
    /** Nothing is open. */
    PAID("Pagada"),
    /** The debtor was served with a lawsuit: collection continues only in court. */
    LAWSUIT("Deudor demandado: solo gestiones en el juicio"),
    /** The debtor is in insolvency proceedings (Ley 20.720). */
    INSOLVENCY("Deudor en procedimiento concursal"),
    /** The debtor disputes the item: it leaves the sequence until the dispute is resolved. */
    DISPUTE_OPEN("Disputa abierta: se cobra cuando se resuelva"),
    /** The buyer claimed the invoice in the SII register within 8 days of its issue (Ley 19.983). */
    SII_CLAIM("Reclamada en el SII dentro de 8 días de su emisión"),
    /** A payment plan covers the item and its instalments are paid up to date. */
    PLAN_UP_TO_DATE("Plan de pago al día"),
    /** The latest promise to pay is not due yet. */
    PROMISE_PENDING("Promesa de pago vigente");

    private final String spanish;

    StopReason(String spanish) {
        this.spanish = spanish;
    }

    /** What the collector reads on the worklist. */
    public String spanish() {
        return spanish;
    }
}
