package cl.cobranza.api;

import cl.cobranza.core.collection.CollectionStage;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.WorklistQueries;
import cl.cobranza.warehouse.ReceivablesQueries;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Wires the warehouse read side, the business clock and the one scheduler of live updates. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean(destroyMethod = "close")
    Warehouse warehouse(CobranzaProperties properties) {
        CobranzaProperties.Clickhouse ch = properties.clickhouse();
        Warehouse warehouse = new Warehouse(new WarehouseSettings(ch.url(), ch.database(), ch.user(), ch.password()));
        requireReadOnly(warehouse, ch.user());
        return warehouse;
    }

    /**
     * The API only reads the warehouse: a user that can write (INSERT, DDL) is refused at start, so that a
     * leaked API credential or an injection can never change KPIs. A warehouse that does not answer yet is
     * checked by the health endpoint instead (the API may start before ClickHouse).
     */
    static void requireReadOnly(Warehouse warehouse, String user) {
        int level;
        try {
            level = warehouse.readonlyLevel();
        } catch (RuntimeException unreachable) {
            org.slf4j.LoggerFactory.getLogger(ApiConfiguration.class).warn(
                    "ClickHouse did not answer at start ({}); its user's read-only setting is not checked", unreachable.toString());
            return;
        }
        if (level == 0) {
            warehouse.close();
            throw new IllegalStateException("cobranza.clickhouse.user '" + user + "' can write to ClickHouse (readonly=0);"
                    + " the API must use a read-only user: give it a profile with <readonly>2</readonly> (see"
                    + " docker/clickhouse/cobranza-users.xml) and keep the writer's credentials in the Flink job only");
        }
    }

    @Bean
    ReceivablesQueries receivablesQueries(Warehouse warehouse) {
        return new ReceivablesQueries(warehouse);
    }

    @Bean
    KpiQueries kpiQueries(Warehouse warehouse) {
        return new KpiQueries(warehouse);
    }

    /** Worklists label buckets with the pipeline's aging edges; items due within 5 days are preventive work. */
    @Bean
    WorklistQueries worklistQueries(Warehouse warehouse, CobranzaProperties properties,
            @org.springframework.beans.factory.annotation.Value("${cobranza.policy.preventive-days:5}") int preventiveDays) {
        return new WorklistQueries(warehouse, properties.kpi().agingEdges(), preventiveDays);
    }

    /** "Today" is a business date in the clients' zone (America/Santiago), not the server's. */
    @Bean
    Clock clock(CobranzaProperties properties) {
        return Clock.system(ZoneId.of(properties.timezone()));
    }

    /** One thread pushes to every live client: the work per tick is one query, whatever the number of viewers. */
    /**
     * Chile's contact rules for consumer debtors, in the API's time zone, with the bundled holiday table or the
     * one at {@code cobranza.chile.holidays-file} (CSV {@code date,name,source}) when set.
     */
    @Bean
    cl.cobranza.core.collection.ContactRules contactRules(Clock clock,
            @org.springframework.beans.factory.annotation.Value("${cobranza.chile.holidays-file:}") String holidaysFile)
            throws java.io.IOException {
        cl.cobranza.core.chile.ChileHolidays holidays = cl.cobranza.core.chile.ChileHolidays.bundled();
        if (!holidaysFile.isBlank()) {
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(holidaysFile))) {
                holidays = cl.cobranza.core.chile.ChileHolidays.load(in, holidaysFile);
            }
        }
        return new cl.cobranza.core.collection.ContactRules(holidays, clock.getZone());
    }

    /**
     * The cap on collection charges to consumers, with the daily UF table at {@code cobranza.chile.uf-file} (CSV
     * {@code date,value}, the Banco Central's series) or the bundled sample (not official values).
     */
    @Bean
    cl.cobranza.core.chile.CollectionCharges collectionCharges(
            @org.springframework.beans.factory.annotation.Value("${cobranza.chile.uf-file:}") String ufFile)
            throws java.io.IOException {
        if (ufFile.isBlank()) {
            return new cl.cobranza.core.chile.CollectionCharges(cl.cobranza.core.chile.UfTable.sample());
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(ufFile))) {
            return new cl.cobranza.core.chile.CollectionCharges(cl.cobranza.core.chile.UfTable.load(in, ufFile));
        }
    }

    /** The risk model that ranks the worklist: the bundled one, or the file at {@code cobranza.risk.model-file}. */
    @Bean
    cl.cobranza.core.risk.RiskModel riskModel(
            @org.springframework.beans.factory.annotation.Value("${cobranza.risk.model-file:}") String modelFile) {
        return modelFile.isBlank() ? cl.cobranza.core.risk.RiskModel.bundled()
                : cl.cobranza.core.risk.RiskModel.load(java.nio.file.Path.of(modelFile));
    }

    /**
     * The collection policy: preventive reminders from {@code cobranza.policy.preventive-days} before the due date,
     * legal escalation proposed from {@code cobranza.policy.legal-min-days} overdue and
     * {@code cobranza.policy.legal-min-open-clp} open (never automatic).
     */
    @Bean
    cl.cobranza.core.collection.CollectionPolicy collectionPolicy(
            @org.springframework.beans.factory.annotation.Value("${cobranza.policy.preventive-days:5}") int preventiveDays,
            @org.springframework.beans.factory.annotation.Value("${cobranza.policy.legal-min-days:90}") int legalMinDays,
            @org.springframework.beans.factory.annotation.Value("${cobranza.policy.legal-min-open-clp:1000000}") long legalMinOpen) {
        return new cl.cobranza.core.collection.CollectionPolicy(new CollectionStage(preventiveDays), legalMinDays,
                legalMinOpen);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService liveScheduler() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cobranza-live");
            thread.setDaemon(true);
            return thread;
        });
    }
}
