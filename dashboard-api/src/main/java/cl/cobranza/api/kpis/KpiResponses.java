package cl.cobranza.api.kpis;

import cl.cobranza.api.export.Tabular;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.KpiDefinition;
import cl.cobranza.core.kpi.KpiSnapshot;
import cl.cobranza.core.kpi.MonthlyKpis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON bodies of the KPI endpoints: field names in English, texts for users (names, definitions) in
 * Spanish, dates as ISO strings ({@code yyyy-MM-dd}, months {@code yyyy-MM}), money in whole pesos,
 * ratios null when undefined.
 */
public final class KpiResponses {
    private KpiResponses() {
    }

    /** One entry of the catalogue: {@code name} in Spanish, {@code unit} one of CLP, days, %, ratio, count. */
    public record Definition(String id, String name, String nameEn, String unit, String source, String definition) {
        static Definition of(KpiDefinition d) {
            return new Definition(d.id(), d.nameEs(), d.nameEn(), d.unit().label(), d.source().name().toLowerCase(),
                    d.definitionEs());
        }
    }

    /**
     * One KPI's value ({@code null} when undefined or when its row is missing) and {@code period}, the row it
     * was read from: a day, a month, or a cohort month.
     */
    public record KpiValue(String id, String name, String unit, Number value, String period, String definition) {
        static KpiValue of(KpiSnapshot.Value v) {
            KpiDefinition d = v.definition();
            return new KpiValue(d.id(), d.nameEs(), d.unit().label(), v.value(), v.period(), d.definitionEs());
        }

        static List<KpiValue> of(List<KpiSnapshot.Value> values) {
            List<KpiValue> out = new ArrayList<>(values.size());
            for (KpiSnapshot.Value v : values) {
                out.add(of(v));
            }
            return out;
        }
    }

    /** One aging bucket: its label (current, 1-30, …, 121+) and the open amount in it. */
    public record Bucket(String label, long clp) {
    }

    /** Aging of the open balance as of {@code day}, with its definition. */
    public record Aging(String day, String definition, List<Bucket> buckets) {
    }

    /** A month's KPIs: {@code periodEnd} is the last day counted, {@code monthAsOf} the day they were computed on. */
    public record MonthKpis(String month, String periodEnd, String monthAsOf, List<KpiValue> kpis) {
    }

    /**
     * Body of {@code GET …/kpis}: the current value of every KPI as of {@code asOf}. {@code day} is the daily row
     * used (the newest on or before asOf), {@code month}/{@code periodEnd}/{@code monthAsOf} describe the monthly
     * row of asOf's month; {@code previousMonth} is the month before, whole. {@code missingClients} are members
     * without a daily row on {@code day} (not summed).
     */
    public record Current(String scope, String id, String name, List<String> clients, String asOf, String day,
                          String month, String periodEnd, String monthAsOf, List<KpiValue> kpis,
                          MonthKpis previousMonth, Aging aging, List<String> missingClients) {
    }

    /** One day's components and ratios; {@code clients} = how many client rows were summed into it. */
    public record DailyRow(String day, int clients, long openClp, long openInvoices, long overdueClp,
                           long overdueInvoices, long currentClp, long[] agingClp, long overdueClpDays, long salesClp,
                           long creditNotesClp, long collectedClp, long sales90Clp, double dsoCountback,
                           Double weightedDpd, Double dsoStandard, Double bpdso, Double add) {
        static DailyRow of(DailyKpis r, int clients) {
            return new DailyRow(r.day().toString(), clients, r.openClp(), r.openInvoices(), r.overdueClp(),
                    r.overdueInvoices(), r.currentClp(), r.agingClp(), r.overdueClpDays(), r.salesClp(),
                    r.creditNotesClp(), r.collectedClp(), r.sales90Clp(), r.dsoCountback(), r.weightedDpd(),
                    r.dsoStandard(), r.bestPossibleDso(), r.averageDaysDelinquent());
        }
    }

    /** Body of {@code GET …/kpis/daily}: one row per day with data, from {@code from} to {@code to}. */
    public record DailySeries(String scope, String id, String name, String from, String to, List<String> agingLabels,
                              List<DailyRow> rows) implements Tabular {
        @Override
        public String tableName() {
            return "kpis-diarios-" + id + "-" + from + "-" + to;
        }

        @Override
        public List<Tabular.Column> columns() {
            List<Tabular.Column> columns = new ArrayList<>(List.of(Tabular.Column.date("Día"),
                    Tabular.Column.integer("Clientes"), Tabular.Column.integer("Por cobrar CLP"),
                    Tabular.Column.integer("Facturas abiertas"), Tabular.Column.integer("Vencido CLP"),
                    Tabular.Column.integer("Facturas vencidas"), Tabular.Column.integer("Al día CLP")));
            agingLabels.forEach(l -> columns.add(Tabular.Column.integer("Tramo " + l + " CLP")));
            columns.addAll(List.of(Tabular.Column.integer("Ventas CLP"), Tabular.Column.integer("Notas de crédito CLP"),
                    Tabular.Column.integer("Cobrado CLP"), Tabular.Column.decimal("DSO countback"),
                    Tabular.Column.decimal("Días de mora ponderados"), Tabular.Column.decimal("DSO estándar 90 d"),
                    Tabular.Column.decimal("BPDSO 90 d"), Tabular.Column.decimal("ADD 90 d")));
            return columns;
        }

        @Override
        public Iterable<List<Object>> tableRows() {
            List<List<Object>> out = new ArrayList<>();
            for (DailyRow r : rows) {
                List<Object> cells = new ArrayList<>(Tabular.row(LocalDate.parse(r.day()), r.clients(), r.openClp(),
                        r.openInvoices(), r.overdueClp(), r.overdueInvoices(), r.currentClp()));
                for (int b = 0; b < agingLabels.size(); b++) {
                    cells.add(b < r.agingClp().length ? r.agingClp()[b] : null);
                }
                cells.addAll(Tabular.row(r.salesClp(), r.creditNotesClp(), r.collectedClp(), r.dsoCountback(),
                        r.weightedDpd(), r.dsoStandard(), r.bpdso(), r.add()));
                out.add(cells);
            }
            return out;
        }
    }

    /** One month's components and ratios; {@code clients} = how many client rows were summed into it. */
    public record MonthlyRow(String month, String periodEnd, String asOf, int clients, long arStartClp, long salesClp,
                             long creditNotesClp, long collectedClp, long arEndClp, long currentArEndClp,
                             double dsoCountback, long closedInvoices, long closedWeightClp, long closedWeightClpDays,
                             long placedStartClp, long newlyPlacedClp, long recoveredClp, long promisesDue,
                             long promisesKept, long contactAttempts, long rightPartyContacts, long actions,
                             long actionCostClp, long chargesPassedOnClp, long invoicesWorked, long agencyFeeClp,
                             long netRecoveryClp, Double dsoStandard, Double bpdso, Double add, Double cei,
                             Double weightedDpdAtClose, Double periodRecoveryRate, Double promiseKeptRate,
                             Double rightPartyContactRate, Double costPerInvoice, Double costToCollectPct) {
        static MonthlyRow of(MonthlyKpis r, int clients) {
            return new MonthlyRow(r.month().toString(), r.periodEnd().toString(), r.asOf().toString(), clients,
                    r.arStartClp(), r.salesClp(), r.creditNotesClp(), r.collectedClp(), r.arEndClp(),
                    r.currentArEndClp(), r.dsoCountback(), r.closedInvoices(), r.closedWeightClp(),
                    r.closedWeightClpDays(), r.placedStartClp(), r.newlyPlacedClp(), r.recoveredClp(), r.promisesDue(),
                    r.promisesKept(), r.contactAttempts(), r.rightPartyContacts(), r.actions(), r.actionCostClp(),
                    r.chargesPassedOnClp(), r.invoicesWorked(), r.agencyFeeClp(), r.netRecoveryClp(), r.dsoStandard(),
                    r.bestPossibleDso(), r.averageDaysDelinquent(), r.cei(), r.weightedDpdAtClose(),
                    r.periodRecoveryRate(), r.promiseKeptRate(), r.rightPartyContactRate(), r.costPerInvoice(),
                    r.costToCollectPct());
        }
    }

    /** Body of {@code GET …/kpis/monthly}: one row per month with data, from {@code from} to {@code to}. */
    public record MonthlySeries(String scope, String id, String name, String from, String to, List<MonthlyRow> rows)
            implements Tabular {
        @Override
        public String tableName() {
            return "kpis-mensuales-" + id + "-" + from + "-" + to;
        }

        @Override
        public List<Tabular.Column> columns() {
            List<Tabular.Column> columns = new ArrayList<>();
            columns.add(Tabular.Column.text("Mes"));
            columns.add(Tabular.Column.date("Cierre"));
            columns.add(Tabular.Column.date("Calculado al"));
            for (String c : List.of("Clientes", "CxC inicial CLP", "Ventas CLP", "Notas de crédito CLP", "Cobrado CLP",
                    "CxC final CLP", "CxC al día final CLP")) {
                columns.add(Tabular.Column.integer(c));
            }
            columns.add(Tabular.Column.decimal("DSO countback"));
            for (String c : List.of("Facturas cerradas", "Peso cerradas CLP", "Peso × días CLP", "Asignado al inicio CLP",
                    "Asignado nuevo CLP", "Recuperado CLP", "Promesas vencidas", "Promesas cumplidas", "Intentos de contacto",
                    "Contactos efectivos", "Gestiones", "Costo gestiones CLP", "Cargos traspasados CLP", "Facturas gestionadas",
                    "Honorarios CLP", "Recuperación neta CLP")) {
                columns.add(Tabular.Column.integer(c));
            }
            for (String c : List.of("DSO estándar", "BPDSO", "ADD", "CEI %", "Días de mora ponderados al cierre",
                    "Tasa de recuperación", "Promesas cumplidas (tasa)", "Contacto efectivo (tasa)", "Costo por factura CLP",
                    "Costo de cobranza %")) {
                columns.add(Tabular.Column.decimal(c));
            }
            return columns;
        }

        @Override
        public Iterable<List<Object>> tableRows() {
            return rows.stream().map(r -> Tabular.row(r.month(), LocalDate.parse(r.periodEnd()), LocalDate.parse(r.asOf()),
                    r.clients(), r.arStartClp(), r.salesClp(), r.creditNotesClp(), r.collectedClp(), r.arEndClp(),
                    r.currentArEndClp(), r.dsoCountback(), r.closedInvoices(), r.closedWeightClp(),
                    r.closedWeightClpDays(), r.placedStartClp(), r.newlyPlacedClp(), r.recoveredClp(), r.promisesDue(),
                    r.promisesKept(), r.contactAttempts(), r.rightPartyContacts(), r.actions(), r.actionCostClp(),
                    r.chargesPassedOnClp(), r.invoicesWorked(), r.agencyFeeClp(), r.netRecoveryClp(), r.dsoStandard(),
                    r.bpdso(), r.add(), r.cei(), r.weightedDpdAtClose(), r.periodRecoveryRate(), r.promiseKeptRate(),
                    r.rightPartyContactRate(), r.costPerInvoice(), r.costToCollectPct())).toList();
        }
    }

    /**
     * Recovery of a cohort within {@code days} of placement; {@code matured} once the cohort month's last day +
     * days − 1 ≤ today ({@code maturesOn}), before that the amount recovered so far.
     */
    public record Horizon(int days, long recoveredClp, Double rate, boolean matured, String maturesOn) {
    }

    /** One placement cohort: invoices placed in the month, amount placed, recovery per horizon. */
    public record CohortRow(String cohort, int clients, long invoices, long placedClp, List<Horizon> horizons) {
        static CohortRow of(CohortRecovery c, int clients, LocalDate today) {
            List<Horizon> horizons = new ArrayList<>();
            for (int h = 0; h < CohortRecovery.HORIZONS_DAYS.size(); h++) {
                horizons.add(new Horizon(CohortRecovery.HORIZONS_DAYS.get(h), c.recoveredClp()[h], c.rate(h),
                        c.matured(h, today), c.maturesOn(h).toString()));
            }
            return new CohortRow(c.cohort().toString(), clients, c.invoices(), c.placedClp(), horizons);
        }
    }

    /** Body of {@code GET …/kpis/cohorts}: every cohort with placed invoices, oldest first, as of {@code today}. */
    public record CohortSeries(String scope, String id, String name, String today, List<CohortRow> rows)
            implements Tabular {
        @Override
        public String tableName() {
            return "recuperacion-por-cohorte-" + id;
        }

        @Override
        public List<Tabular.Column> columns() {
            List<Tabular.Column> columns = new ArrayList<>(List.of(Tabular.Column.text("Cohorte"),
                    Tabular.Column.integer("Clientes"), Tabular.Column.integer("Facturas"),
                    Tabular.Column.integer("Asignado CLP")));
            for (int days : CohortRecovery.HORIZONS_DAYS) {
                columns.add(Tabular.Column.integer("Recuperado " + days + " d CLP"));
                columns.add(Tabular.Column.decimal("Tasa " + days + " d"));
                columns.add(Tabular.Column.text("Madura " + days + " d"));
            }
            return columns;
        }

        @Override
        public Iterable<List<Object>> tableRows() {
            List<List<Object>> out = new ArrayList<>();
            for (CohortRow r : rows) {
                List<Object> cells = new ArrayList<>(Tabular.row(r.cohort(), r.clients(), r.invoices(), r.placedClp()));
                for (Horizon h : r.horizons()) {
                    cells.addAll(Tabular.row(h.recoveredClp(), h.rate(), h.matured() ? "sí" : "no (" + h.maturesOn() + ")"));
                }
                out.add(cells);
            }
            return out;
        }
    }

    /** A member of a group; {@code name} is null when the warehouse does not list the client. */
    public record Member(String clientId, String name) {
    }

    /** A configured group of clients. */
    public record Group(String groupId, List<Member> clients) {
    }
}
