package cl.cobranza.core.kpi;

import cl.cobranza.core.kpi.KpiDefinition.Source;
import cl.cobranza.core.kpi.KpiDefinition.Unit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one catalogue of KPI definitions shown to users (names in Spanish and English, unit, and the
 * Spanish definition stating the formula exactly as docs/kpis.md does), in the order pages list them.
 */
public final class KpiDefinitions {
    private KpiDefinitions() {
    }

    /** Open and overdue receivables ("por cobrar" and "vencido"). */
    public static final String RECEIVABLES_ES = "Por cobrar: saldo abierto de las facturas a la fecha de corte, es decir, "
            + "el total de la factura menos las notas de crédito que la referencian y los pagos aplicados, todos con "
            + "fecha igual o anterior a la fecha de corte; nunca es menor que cero. Vencido: la parte de ese saldo "
            + "cuyas facturas tienen fecha de vencimiento anterior a la fecha de corte (días de mora mayores que cero); "
            + "si el ERP no informa vencimiento, se usa la fecha de emisión más 30 días (Ley 21.131).";

    public static final String OPEN_RECEIVABLES = "open_receivables";
    public static final String OVERDUE_RECEIVABLES = "overdue_receivables";
    public static final String AGING = "aging";
    public static final String WEIGHTED_DPD = "weighted_dpd";
    public static final String DSO_COUNTBACK = "dso_countback";
    public static final String DSO_STANDARD = "dso_standard";
    public static final String BPDSO = "bpdso";
    public static final String ADD = "add";
    public static final String CEI = "cei";
    public static final String WEIGHTED_DPD_AT_CLOSE = "weighted_dpd_at_close";
    public static final String PERIOD_RECOVERY_RATE = "period_recovery_rate";
    /** Prefix of the cohort recovery ids: {@code cohort_recovery_30} … {@code cohort_recovery_365}. */
    public static final String COHORT_RECOVERY_PREFIX = "cohort_recovery_";
    public static final String PROMISE_KEPT_RATE = "promise_kept_rate";
    public static final String RIGHT_PARTY_CONTACT_RATE = "right_party_contact_rate";
    public static final String ACTION_COST = "action_cost";
    public static final String AGENCY_FEE = "agency_fee";
    public static final String COST_PER_INVOICE = "cost_per_invoice";
    public static final String COST_TO_COLLECT = "cost_to_collect";
    public static final String NET_RECOVERY = "net_recovery";
    public static final String INVOICES_WORKED = "invoices_worked";
    public static final String DEAD_LETTERS = "dead_letters";

    // Sentences shared by several definitions, so every KPI states the same conventions in the same words.
    private static final String AS_OF = "Fechas de negocio en America/Santiago; a la fecha de corte d solo cuentan los "
            + "hechos con fecha ≤ d, en cualquier orden que hayan llegado. ";
    private static final String OPEN = "Saldo abierto de una factura (DTE 33, 34 o nota de débito 56) a la fecha d: 0 antes "
            + "de su emisión; después, max(0, total − notas de crédito con fecha ≤ d − pagos con fecha ≤ d). Una fila "
            + "eliminada o un pago reversado no cuentan. ";
    private static final String DUE = "Días de mora DPD(d) = max(0, d − vencimiento); vencimiento = fecha de vencimiento "
            + "del ERP o, si no la informa, emisión + 30 días (Ley 21.131). ";
    private static final String SALES = "Ventas a crédito = totales brutos de las facturas y notas de débito emitidas en el "
            + "período; las notas de crédito reducen el saldo por cobrar, no las ventas. ";
    private static final String PERIOD = "Período del mes: [a, e], con a = primer día del mes y e = su último día, o la "
            + "fecha de cálculo si es el mes en curso. ";
    private static final String PLACEMENT = "Una factura con B = saldo abierto al vencimiento > 0 se coloca en cobranza el "
            + "día p = vencimiento + 1 (su primer día vencido). Recuperado al día x = min(B, pagos con fecha en [p, x]): "
            + "los pagos anteriores a p son cobranza propia del cliente, no recuperación, y lo que excede B tampoco. ";
    private static final String RECOVERED = "Recuperado en el período = Σ por factura (recuperado a e − recuperado a a − 1). ";
    private static final String RATIO = "Se expresa como fracción (0,25 = 25 %); sin denominador no está definido. ";

    private static final List<KpiDefinition> CATALOGUE = new ArrayList<>();

    static {
        add(OPEN_RECEIVABLES, "Por cobrar", "Open receivables", Unit.CLP, Source.DAILY,
                AS_OF + OPEN + "Por cobrar = Σ saldo abierto a d de todas las facturas del cliente. Se toma la fila diaria "
                        + "más reciente con fecha ≤ d.");
        add(OVERDUE_RECEIVABLES, "Vencido", "Overdue receivables", Unit.CLP, Source.DAILY,
                AS_OF + OPEN + DUE + "Vencido = Σ saldo abierto a d de las facturas con saldo > 0 y d posterior al "
                        + "vencimiento (DPD > 0). Al día = por cobrar − vencido.");
        add(AGING, "Antigüedad de saldos", "Aging", Unit.CLP, Source.DAILY,
                AS_OF + OPEN + DUE + "El saldo abierto a d se reparte por DPD, según vencimiento y no emisión: al día "
                        + "(DPD = 0), 1-30, 31-60, 61-90, 91-120 y 121+. Los bordes (30, 60, 90 y 120 por omisión, "
                        + "configurables por cliente) son límites superiores inclusivos; los tramos suman el total por cobrar.");
        add(WEIGHTED_DPD, "Días promedio de mora", "Weighted days past due", Unit.DAYS, Source.DAILY,
                AS_OF + DUE + "Días promedio de mora = Σ (saldo abierto(d) × DPD(d)) ÷ Σ saldo abierto(d), sobre las "
                        + "facturas vencidas a d (saldo > 0 y DPD > 0). Sin saldo vencido no está definido.");
        add(DSO_COUNTBACK, "DSO (método countback)", "DSO, countback", Unit.DAYS, Source.DAILY,
                AS_OF + SALES + "DSO countback a la fecha d: se parte del saldo por cobrar total a d (AR). Período 0 = el "
                        + "mes en curso hasta d (tantos días como el día del mes de d); período k ≥ 1 = el k-ésimo mes "
                        + "calendario anterior (sus días). Para k = 0…35 (a lo más 36 períodos), mientras quede saldo: si "
                        + "las ventas del período ≤ saldo restante, se restan y se suman los días del período; si no, se "
                        + "suma saldo restante ÷ ventas del período × días del período y se termina. Si tras 36 períodos "
                        + "el saldo no se explica, el DSO es la suma de los días contados (un mínimo). Ejemplo: AR 212.000 "
                        + "a fin de mes con ventas 100.000 / 80.000 / 70.000 en meses de 30 días → 60 + 32/70 × 30 = 73,71. "
                        + "En la vista mensual, d es el fin del período e.");
        add(DSO_STANDARD, "DSO estándar", "DSO, standard", Unit.DAYS, Source.DAILY,
                AS_OF + SALES + "DSO estándar = AR al final ÷ ventas a crédito del período × D. Vista diaria: período = "
                        + "los 90 días d − 89 … d, D = 90. Vista mensual: período = [a, e] del mes, D = sus días. Sin "
                        + "ventas en el período no está definido.");
        add(BPDSO, "DSO mejor posible (BPDSO)", "Best possible DSO", Unit.DAYS, Source.DAILY,
                AS_OF + SALES + "BPDSO = saldo al día (no vencido) al final ÷ ventas a crédito del período × D, con el "
                        + "mismo período y D que el DSO estándar (diario: 90 días; mensual: los días de [a, e]).");
        add(ADD, "Días promedio de atraso (ADD)", "Average days delinquent", Unit.DAYS, Source.DAILY,
                "ADD = DSO estándar − BPDSO, ambos sobre el mismo período (diario: los 90 días que terminan en d; "
                        + "mensual: [a, e]). Sin ventas en el período no está definido.");
        add(CEI, "Índice de efectividad de cobranza (CEI)", "Collection effectiveness index", Unit.PERCENT, Source.MONTHLY,
                PERIOD + SALES + "CEI = (AR al inicio + ventas a crédito del período − AR total al final) ÷ (AR al inicio "
                        + "+ ventas a crédito del período − AR al día al final) × 100, con AR al inicio = por cobrar a "
                        + "a − 1 y AR al final = por cobrar a e. Convención: ventas totales del período, sin dividir por el "
                        + "número de meses.");
        add(WEIGHTED_DPD_AT_CLOSE, "Días de mora al cierre", "Weighted days late at close", Unit.DAYS, Source.MONTHLY,
                PERIOD + "Una factura se cierra el primer día c ≥ emisión en que su saldo abierto llega a 0; su peso es "
                        + "total − notas de crédito con fecha ≤ c (las anuladas por completo pesan 0 y quedan fuera) y sus "
                        + "días de atraso al cierre, max(0, c − vencimiento). Días de mora al cierre = Σ (peso × días de "
                        + "atraso) ÷ Σ peso, sobre las facturas cerradas en [a, e].");
        add(PERIOD_RECOVERY_RATE, "Tasa de recuperación del período", "Period recovery rate", Unit.RATIO, Source.MONTHLY,
                PERIOD + PLACEMENT + RECOVERED + "Tasa = recuperado en el período ÷ (saldo colocado al inicio + colocado "
                        + "en el período), con saldo colocado al inicio = total vencido a a − 1 y colocado en el período "
                        + "= Σ B de las facturas con p en [a, e]. " + RATIO);
        for (int days : CohortRecovery.HORIZONS_DAYS) {
            add(COHORT_RECOVERY_PREFIX + days, "Recuperación a " + days + " días por cohorte",
                    "Recovery at " + days + " days per placement cohort", Unit.RATIO, Source.COHORT,
                    PLACEMENT + "La cohorte de la factura es el mes de p. Colocado = max(0, B − notas de crédito con "
                            + "fecha ≥ p): las notas de crédito reducen lo colocado, no son recuperaciones. Recuperación a "
                            + days + " días = Σ min(colocado, pagos con fecha en [p, p + " + (days - 1) + "]) ÷ Σ colocado, "
                            + "sobre las facturas de la cohorte colocadas hasta hoy. El horizonte madura cuando fin del mes "
                            + "de la cohorte + " + (days - 1) + " días ≤ hoy; antes muestra lo recuperado hasta ahora. Como "
                            + "valor actual se muestra la cohorte más reciente ya madura a la fecha de corte. " + RATIO);
        }
        add(PROMISE_KEPT_RATE, "Tasa de promesas cumplidas", "Promise-kept rate", Unit.RATIO, Source.MONTHLY,
                PERIOD + "Cuentan las promesas con fecha prometida en [a, e] cuya gracia ya venció a la fecha de cálculo "
                        + "(fecha prometida + gracia ≤ fecha de cálculo; antes están pendientes y no cuentan). Cumplida ⇔ "
                        + "los pagos a la factura prometida (vigente) con fecha en [día en que se hizo la promesa, fecha "
                        + "prometida + gracia] suman ≥ el monto prometido. Gracia por omisión: 3 días. Tasa = cumplidas ÷ "
                        + "promesas que cuentan. Una promesa que vence el último día del mes se juzga en ese mes, a "
                        + "comienzos del siguiente. " + RATIO);
        add(RIGHT_PARTY_CONTACT_RATE, "Tasa de contacto efectivo", "Right-party contact rate", Unit.RATIO, Source.MONTHLY,
                PERIOD + "Tasa = llamadas y visitas con resultado de contacto con el deudor (CONTACTED, PROMISED_TO_PAY, "
                        + "DISPUTED, REFUSED) ÷ llamadas y visitas, con fecha en [a, e]. " + RATIO);
        add(ACTION_COST, "Costo de gestiones", "Action cost", Unit.CLP, Source.MONTHLY,
                PERIOD + "Costo de gestiones = Σ, sobre las gestiones con fecha en [a, e], de costo unitario del canal × "
                        + "unidades + minutos del agente × tarifa del agente (CLP por minuto); unidades = max(1, minutos) "
                        + "en llamadas (se cobran por minuto) y 1 en los demás canales (correo, SMS, WhatsApp, visita, "
                        + "carta, demanda judicial). Los costos unitarios se configuran por cliente.");
        add(AGENCY_FEE, "Honorario de la agencia", "Agency fee", Unit.CLP, Source.MONTHLY,
                PERIOD + PLACEMENT + RECOVERED + "Honorario = redondeo mitad hacia arriba de (recuperado en el período × "
                        + "comisión de éxito del cliente en puntos base ÷ 10.000). Sin recuperación no hay honorario.");
        add(COST_PER_INVOICE, "Costo por factura", "Cost per invoice", Unit.CLP, Source.MONTHLY,
                PERIOD + "Costo por factura = (costo de gestiones + honorario de la agencia) del período ÷ facturas "
                        + "gestionadas en el período (con al menos una gestión con fecha en [a, e]). Sin facturas "
                        + "gestionadas no está definido.");
        add(COST_TO_COLLECT, "Costo de cobrar", "Cost to collect", Unit.PERCENT, Source.MONTHLY,
                PERIOD + RECOVERED + "Costo de cobrar = (costo de gestiones + honorario de la agencia) del período ÷ "
                        + "recuperado en el período × 100. Sin recuperación no está definido.");
        add(NET_RECOVERY, "Recuperación neta", "Net recovery", Unit.CLP, Source.MONTHLY,
                PERIOD + RECOVERED + "Recuperación neta para el cliente = recuperado en el período − honorario de la "
                        + "agencia − cargos traspasados (el costo de las gestiones LEGAL_FILING: el cliente paga las "
                        + "costas judiciales).");
        add(INVOICES_WORKED, "Facturas gestionadas", "Invoices worked", Unit.COUNT, Source.MONTHLY,
                PERIOD + "Facturas gestionadas = facturas con al menos una gestión con fecha en [a, e].");
        add(DEAD_LETTERS, "Registros rechazados", "Dead letters (rejected records)", Unit.COUNT, Source.DATA_QUALITY,
                "Registros de entrada que la normalización rechazó (monto negativo, RUT inválido, fecha ilegible, …); van "
                        + "al tópico de rechazos con el campo y el motivo, y se cuentan una vez por tópico, partición y "
                        + "offset aunque se reprocesen. No entran en ningún otro indicador hasta corregirse en el origen.");
    }

    /** Every KPI definition, in the order pages list them. */
    public static final List<KpiDefinition> ALL = Collections.unmodifiableList(CATALOGUE);

    private static final Map<String, KpiDefinition> BY_ID = index(ALL);

    private static void add(String id, String nameEs, String nameEn, Unit unit, Source source, String definitionEs) {
        CATALOGUE.add(new KpiDefinition(id, nameEs, nameEn, unit, source, definitionEs.strip()));
    }

    private static Map<String, KpiDefinition> index(List<KpiDefinition> all) {
        Map<String, KpiDefinition> byId = new LinkedHashMap<>();
        for (KpiDefinition d : all) {
            if (byId.put(d.id(), d) != null) {
                throw new IllegalStateException("KPI id '" + d.id() + "' is defined twice");
            }
        }
        return Collections.unmodifiableMap(byId);
    }

    /** The definition with this id, if any. */
    public static Optional<KpiDefinition> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The definition with this id; an unknown id is a programming error. */
    public static KpiDefinition get(String id) {
        KpiDefinition d = BY_ID.get(id);
        if (d == null) {
            throw new IllegalArgumentException("No KPI '" + id + "'; known ids: " + BY_ID.keySet());
        }
        return d;
    }

    /** The id of the cohort recovery KPI at this horizon (days after placement), e.g. {@code cohort_recovery_90}. */
    public static String cohortRecoveryId(int horizonDays) {
        return COHORT_RECOVERY_PREFIX + horizonDays;
    }
}
