package cl.cobranza.core.kpi;

/** The definition text of each KPI as shown to users (Spanish), one place, matching shared/docs/kpis.md. */
public final class KpiDefinitions {
    private KpiDefinitions() {
    }

    /** Open and overdue receivables ("por cobrar" and "vencido"). */
    public static final String RECEIVABLES_ES = "Por cobrar: saldo abierto de las facturas a la fecha de corte, es decir, "
            + "el total de la factura menos las notas de crédito que la referencian y los pagos aplicados, todos con "
            + "fecha igual o anterior a la fecha de corte; nunca es menor que cero. Vencido: la parte de ese saldo "
            + "cuyas facturas tienen fecha de vencimiento anterior a la fecha de corte (días de mora mayores que cero); "
            + "si el ERP no informa vencimiento, se usa la fecha de emisión más 30 días (Ley 21.131).";
}
