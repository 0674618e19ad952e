package cl.cobranza.core.kpi;

import cl.cobranza.core.kpi.KpiDefinition.Source;
import cl.cobranza.core.kpi.KpiDefinition.Unit;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue shown to users: complete, unique ids, every text filled in. */
class KpiDefinitionsTest {

    @Test
    void everyIdIsUnique() {
        Set<String> ids = new HashSet<>();
        for (KpiDefinition d : KpiDefinitions.ALL) {
            assertThat(ids.add(d.id())).as("id %s once", d.id()).isTrue();
        }
    }

    @Test
    void everyDefinitionIsFilledIn() {
        for (KpiDefinition d : KpiDefinitions.ALL) {
            assertThat(d.id()).matches("[a-z][a-z0-9_]*");
            assertThat(d.nameEs()).as(d.id()).isNotBlank();
            assertThat(d.nameEn()).as(d.id()).isNotBlank();
            assertThat(d.definitionEs()).as(d.id()).isNotBlank().hasSizeGreaterThan(60);
        }
    }

    @Test
    void everyKpiOfTheDocsIsThere() {
        assertThat(KpiDefinitions.ALL).extracting(KpiDefinition::id).containsExactly(
                "open_receivables", "overdue_receivables", "aging", "weighted_dpd", "dso_countback", "dso_standard",
                "bpdso", "add", "cei", "weighted_dpd_at_close", "period_recovery_rate", "cohort_recovery_30",
                "cohort_recovery_60", "cohort_recovery_90", "cohort_recovery_180", "cohort_recovery_365",
                "promise_kept_rate", "right_party_contact_rate", "action_cost", "agency_fee", "cost_per_invoice",
                "cost_to_collect", "net_recovery", "invoices_worked", "dead_letters");
    }

    @Test
    void unitsAndSources() {
        assertThat(KpiDefinitions.get("dso_countback").unit()).isEqualTo(Unit.DAYS);
        assertThat(KpiDefinitions.get("cei").unit().label()).isEqualTo("%");
        assertThat(KpiDefinitions.get("cost_to_collect").unit()).isEqualTo(Unit.PERCENT);
        assertThat(KpiDefinitions.get("period_recovery_rate").unit().label()).isEqualTo("ratio");
        assertThat(KpiDefinitions.get("net_recovery").unit().label()).isEqualTo("CLP");
        assertThat(KpiDefinitions.get("invoices_worked").unit().label()).isEqualTo("count");
        assertThat(KpiDefinitions.get("cohort_recovery_180").source()).isEqualTo(Source.COHORT);
        assertThat(KpiDefinitions.get("promise_kept_rate").source()).isEqualTo(Source.MONTHLY);
        assertThat(KpiDefinitions.get("weighted_dpd").source()).isEqualTo(Source.DAILY);
    }

    @Test
    void definitionsStateTheChosenConventions() {
        // the countback's periods and its worked example, CEI's convention, the promise grace
        assertThat(KpiDefinitions.get("dso_countback").definitionEs()).contains("mes en curso hasta d")
                .contains("36 períodos").contains("73,71");
        assertThat(KpiDefinitions.get("cei").definitionEs()).contains("sin dividir por el número de meses")
                .contains("× 100");
        assertThat(KpiDefinitions.get("promise_kept_rate").definitionEs()).contains("Gracia por omisión: 3 días");
        assertThat(KpiDefinitions.get("cohort_recovery_90").definitionEs()).contains("[p, p + 89]")
                .contains("fin del mes de la cohorte + 89 días");
        assertThat(KpiDefinitions.get("dso_standard").definitionEs()).contains("d − 89 … d, D = 90");
    }

    @Test
    void lookupById() {
        assertThat(KpiDefinitions.find("cei")).map(KpiDefinition::nameEn).hasValue("Collection effectiveness index");
        assertThat(KpiDefinitions.find("nope")).isEmpty();
        assertThat(KpiDefinitions.cohortRecoveryId(365)).isEqualTo("cohort_recovery_365");
        assertThatThrownBy(() -> KpiDefinitions.get("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope").hasMessageContaining("dso_countback");
    }

    @Test
    void receivablesTextIsKept() {
        assertThat(KpiDefinitions.RECEIVABLES_ES).startsWith("Por cobrar: saldo abierto").contains("Vencido:");
    }
}
