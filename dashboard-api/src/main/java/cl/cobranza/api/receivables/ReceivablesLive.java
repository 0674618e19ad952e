package cl.cobranza.api.receivables;

import cl.cobranza.api.CobranzaProperties;
import cl.cobranza.api.web.LiveStream;
import cl.cobranza.warehouse.TenantScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.ScheduledExecutorService;

/** The live receivables stream: one view per tenant scope (viewers of the same clients share it). */
@Configuration(proxyBeanMethods = false)
class ReceivablesLive {
    /** Event name the page listens to. */
    static final String EVENT = "receivables";

    @Bean
    LiveStream<TenantScope, ReceivablesResponse> receivablesStream(ReceivablesReport report,
                                                                   ScheduledExecutorService liveScheduler,
                                                                   CobranzaProperties properties) {
        return new LiveStream<>(EVENT, scope -> report.asOf(scope, report.today()), liveScheduler,
                properties.live().intervalMs());
    }
}
