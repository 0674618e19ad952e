package cl.cobranza.api.kpis;

import cl.cobranza.api.CobranzaProperties;
import cl.cobranza.api.web.LiveStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ScheduledExecutorService;

/** The live KPI stream of the owner dashboard: one computation per client scope per tick, whatever the viewers. */
@Configuration(proxyBeanMethods = false)
class KpiLive {
    /** Event name the dashboard listens to. */
    static final String EVENT = "kpis";

    @Bean
    LiveStream<Scope, KpiResponses.Current> kpiStream(KpiReport report, ScheduledExecutorService liveScheduler,
                                                      CobranzaProperties properties) {
        return new LiveStream<>(EVENT, scope -> report.current(scope, report.today()), liveScheduler,
                properties.live().intervalMs());
    }
}
