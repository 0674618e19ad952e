package cl.cobranza.core.kpi;

import java.util.Objects;

/**
 * One KPI as shown to users: a stable id for APIs and pages, its Spanish and English names, the unit of
 * its value, where its value comes from, and the Spanish definition that states the formula of docs/kpis.md.
 */
public record KpiDefinition(String id, String nameEs, String nameEn, Unit unit, Source source, String definitionEs) {

    /** The unit of a KPI's value. */
    public enum Unit {
        /** Whole Chilean pesos. */
        CLP("CLP"),
        /** Days (may have decimals). */
        DAYS("days"),
        /** A percentage, already multiplied by 100. */
        PERCENT("%"),
        /** A fraction between 0 and 1 (0.25 = 25 %). */
        RATIO("ratio"),
        /** A number of things. */
        COUNT("count");

        private final String label;

        Unit(String label) {
            this.label = label;
        }

        /** The unit as written in APIs: CLP, days, %, ratio, count. */
        public String label() {
            return label;
        }
    }

    /** The row a KPI's value is read from. */
    public enum Source {
        /** The client's row as of one day ({@link DailyKpis}). */
        DAILY,
        /** The client's row of one calendar month ({@link MonthlyKpis}). */
        MONTHLY,
        /** A placement cohort's row ({@link CohortRecovery}). */
        COHORT,
        /** The rejected input records. */
        DATA_QUALITY
    }

    public KpiDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(nameEs, "nameEs");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(definitionEs, "definitionEs");
    }
}
