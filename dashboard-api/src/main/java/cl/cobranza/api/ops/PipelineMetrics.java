package cl.cobranza.api.ops;

import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.SourceStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline's health as Prometheus metrics, refreshed every 10 s from the warehouse: per source, the
 * changes captured, the replication lag and whether it is running; per client, the rejected records.
 */
@Component
class PipelineMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineMetrics.class);

    private final KpiQueries queries;
    private final MultiGauge captured;
    private final MultiGauge lag;
    private final MultiGauge running;
    private final MultiGauge deadLetters;

    PipelineMetrics(KpiQueries queries, MeterRegistry registry, ScheduledExecutorService liveScheduler) {
        this.queries = queries;
        captured = MultiGauge.builder("cobranza.capture.events").description("Changes captured since the capture started")
                .register(registry);
        lag = MultiGauge.builder("cobranza.capture.lag").baseUnit("bytes")
                .description("WAL a PostgreSQL replication slot still holds back").register(registry);
        running = MultiGauge.builder("cobranza.capture.running")
                .description("1 while the capture streams, 0 while it retries or has failed").register(registry);
        deadLetters = MultiGauge.builder("cobranza.dead.letters").description("Rejected input records").register(registry);
        liveScheduler.scheduleWithFixedDelay(this::refresh, 0, 10, TimeUnit.SECONDS);
    }

    /** Reads the newest source reports and dead-letter counts; a failed read keeps the previous values. */
    void refresh() {
        try {
            List<MultiGauge.Row<?>> capturedRows = new ArrayList<>();
            List<MultiGauge.Row<?>> lagRows = new ArrayList<>();
            List<MultiGauge.Row<?>> runningRows = new ArrayList<>();
            for (SourceStatus s : queries.sourceStatus(TenantScope.everyClient())) {
                Tags tags = Tags.of("source", s.source(), "kind", s.kind());
                capturedRows.add(MultiGauge.Row.of(tags, s.captured()));
                if (s.lagBytes() != null) {
                    lagRows.add(MultiGauge.Row.of(tags, s.lagBytes()));
                }
                runningRows.add(MultiGauge.Row.of(tags, "RUNNING".equals(s.state()) ? 1 : 0));
            }
            captured.register(capturedRows, true);
            lag.register(lagRows, true);
            running.register(runningRows, true);
            List<String> clients = queries.clients(TenantScope.everyClient()).stream().map(ClientInfo::clientId).toList();
            List<MultiGauge.Row<?>> rejected = new ArrayList<>();
            for (Map.Entry<String, Long> e : queries.deadLetterCounts(TenantScope.everyClient(), clients).entrySet()) {
                rejected.add(MultiGauge.Row.of(Tags.of("client", e.getKey()), e.getValue()));
            }
            deadLetters.register(rejected, true);
        } catch (RuntimeException e) {
            LOG.warn("pipeline metrics not refreshed: {}", e.toString());
        }
    }
}
