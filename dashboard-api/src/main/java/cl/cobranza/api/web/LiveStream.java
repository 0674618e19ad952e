package cl.cobranza.api.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Live views over server-sent events: every viewer subscribes to a key (what it looks at, within what it may
 * see), gets the current view when it connects, then a new one whenever its view changes. One scheduled task
 * serves all viewers with one computation per distinct key per tick (not one per viewer), and every send
 * happens on that one thread, so events to a viewer never interleave.
 *
 * @param <K> what a view is of (equal keys share one computation)
 * @param <V> the view sent, compared with {@code equals} to decide whether it changed
 */
public class LiveStream<K, V> implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);
    // EventSource reconnects by itself; a finite timeout lets dead connections go even behind silent proxies
    private static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(30);

    private final String event;
    private final Function<K, V> view;
    private final ScheduledExecutorService scheduler;
    private final long intervalMs;
    /** Each viewer with its key and what it was sent last (touched on the scheduler thread only). */
    private final Map<SseEmitter, Viewer<K, V>> emitters = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> ticks;
    private volatile boolean failing;

    /** A viewer's key and the view it was sent last. */
    private static final class Viewer<K, V> {
        final K key;
        V lastSent;

        Viewer(K key) {
            this.key = key;
        }
    }

    /** Sends {@code view.apply(key)} as events named {@code event}, checking for changes every {@code intervalMs}. */
    public LiveStream(String event, Function<K, V> view, ScheduledExecutorService scheduler, long intervalMs) {
        if (intervalMs < 50) {
            throw new IllegalArgumentException("cobranza.live.interval-ms must be at least 50, got " + intervalMs);
        }
        this.event = event;
        this.view = view;
        this.scheduler = scheduler;
        this.intervalMs = intervalMs;
    }

    /** A new viewer of {@code key}: registered at once, sent its current view from the scheduler thread. */
    public SseEmitter subscribe(K key) {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(error -> emitters.remove(emitter));
        Viewer<K, V> viewer = new Viewer<>(key);
        emitters.put(emitter, viewer);
        scheduler.execute(() -> {
            try {
                send(emitter, viewer, view.apply(key));
            } catch (RuntimeException e) {
                LOG.warn("Could not send the first {} event: {}", event, e.toString());
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
        Map<K, V> views = new HashMap<>();
        try {
            for (Viewer<K, V> v : emitters.values()) {
                if (!views.containsKey(v.key)) {
                    views.put(v.key, view.apply(v.key));
                }
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again; log once per outage and retry next tick.
            if (!failing) {
                LOG.warn("Live {} update failed; retrying every {} ms: {}", event, intervalMs, e.toString());
                failing = true;
            }
            return;
        }
        if (failing) {
            LOG.info("Live {} updates recovered", event);
            failing = false;
        }
        for (Map.Entry<SseEmitter, Viewer<K, V>> e : emitters.entrySet()) {
            V current = views.get(e.getValue().key);
            if (current != null && !Objects.equals(current, e.getValue().lastSent)) {
                send(e.getKey(), e.getValue(), current);
            }
        }
    }

    private void send(SseEmitter emitter, Viewer<K, V> viewer, V payload) {
        if (!emitters.containsKey(emitter)) {
            return;
        }
        try {
            viewer.lastSent = payload;
            emitter.send(SseEmitter.event().name(event).data(payload, MediaType.APPLICATION_JSON));
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
