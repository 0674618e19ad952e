package cl.cobranza.api.receivables;

import cl.cobranza.api.CobranzaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Map;
import java.util.HashMap;
import java.time.LocalDate;
import cl.cobranza.warehouse.TenantScope;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Live receivables over server-sent events: every viewer gets the current view when it connects, then
 * a new one whenever it changes. One scheduled task serves all viewers (one query per tick, not one
 * per viewer), and every send happens on that one thread, so events to a viewer never interleave.
 */
@Component
class ReceivablesStream implements SmartLifecycle {
    /** Event name the page listens to. */
    public static final String EVENT = "receivables";

    private static final Logger LOG = LoggerFactory.getLogger(ReceivablesStream.class);
    // EventSource reconnects by itself; a finite timeout lets dead connections go even behind silent proxies
    private static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(30);

    private final ReceivablesReport report;
    private final ScheduledExecutorService scheduler;
    private final long intervalMs;
    /** Each viewer with the clients it may see and what it was sent last (touched on the scheduler thread only). */
    private final Map<SseEmitter, Viewer> emitters = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> ticks;
    private volatile boolean failing;

    ReceivablesStream(ReceivablesReport report, ScheduledExecutorService liveScheduler, CobranzaProperties properties) {
        this.report = report;
        this.scheduler = liveScheduler;
        this.intervalMs = properties.live().intervalMs();
        if (intervalMs < 50) {
            throw new IllegalArgumentException("cobranza.live.interval-ms must be at least 50, got " + intervalMs);
        }
    }

    /** A viewer's scope and the view it was sent last. */
    private static final class Viewer {
        final TenantScope scope;
        ReceivablesResponse lastSent;

        Viewer(TenantScope scope) {
            this.scope = scope;
        }
    }

    /** A new viewer of the clients in {@code scope}: registered at once, sent its current view from the scheduler thread. */
    public SseEmitter subscribe(TenantScope scope) {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(error -> emitters.remove(emitter));
        Viewer viewer = new Viewer(scope);
        emitters.put(emitter, viewer);
        scheduler.execute(() -> {
            try {
                send(emitter, viewer, report.asOf(scope, report.today()));
            } catch (RuntimeException e) {
                LOG.warn("Could not send the first receivables event: {}", e.toString());
                drop(emitter, e);
            }
        });
        return emitter;
    }

    /** Number of connected viewers. */
    public int viewers() {
        return emitters.size();
    }

    private void tick() {
        if (emitters.isEmpty()) {
            return;
        }
        // one query per distinct scope (viewers of the same clients share it), not one per viewer
        Map<TenantScope, ReceivablesResponse> views = new HashMap<>();
        try {
            LocalDate today = report.today();
            for (Viewer v : emitters.values()) {
                if (!views.containsKey(v.scope)) {
                    views.put(v.scope, report.asOf(v.scope, today));
                }
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again; log once per outage and retry next tick.
            if (!failing) {
                LOG.warn("Live receivables update failed; retrying every {} ms: {}", intervalMs, e.toString());
                failing = true;
            }
            return;
        }
        if (failing) {
            LOG.info("Live receivables updates recovered");
            failing = false;
        }
        for (Map.Entry<SseEmitter, Viewer> e : emitters.entrySet()) {
            ReceivablesResponse current = views.get(e.getValue().scope);
            if (!Objects.equals(current, e.getValue().lastSent)) {
                send(e.getKey(), e.getValue(), current);
            }
        }
    }

    private void send(SseEmitter emitter, Viewer viewer, ReceivablesResponse payload) {
        if (!emitters.containsKey(emitter)) {
            return;
        }
        try {
            viewer.lastSent = payload;
            emitter.send(SseEmitter.event().name(EVENT).data(payload, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            drop(emitter, e); // the viewer went away
        }
    }

    private void drop(SseEmitter emitter, Exception cause) {
        emitters.remove(emitter);
        try {
            emitter.completeWithError(cause);
        } catch (RuntimeException alreadyDone) {
            // completed concurrently by the container: nothing left to release
        }
    }

    @Override
    public void start() {
        ticks = scheduler.scheduleWithFixedDelay(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Ends every stream before the web server's graceful shutdown, which would otherwise wait for them. */
    @Override
    public void stop() {
        ScheduledFuture<?> running = ticks;
        if (running != null) {
            running.cancel(false);
        }
        ticks = null;
        for (SseEmitter emitter : emitters.keySet()) {
            emitters.remove(emitter);
            try {
                emitter.complete();
            } catch (RuntimeException alreadyDone) {
                // the connection is already gone
            }
        }
    }

    @Override
    public boolean isRunning() {
        return ticks != null;
    }
}
