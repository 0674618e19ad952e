package cl.cobranza.api.kpis;

import cl.cobranza.warehouse.KpiChanges;
import cl.cobranza.warehouse.Warehouse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Values computed from the KPI tables ({@link KpiChanges#TABLES}), kept while the tables' change token stays the
 * same: a value reflects every write that finished before the call asking for it. Concurrent calls share one token
 * read and compute a key once.
 *
 * <p>Why: a dashboard's tiles are five warehouse queries (3–20 ms each on this machine) for numbers that change
 * only when the streaming job writes a KPI row; a hit costs one {@code system.parts} read shared by the requests
 * that arrive together. Under constant writes every key is recomputed at most once per change, by one request.
 */
@Service
class KpiTableCache {
    /** The request attribute holding the request's token read. */
    private static final String REQUEST_READ = KpiTableCache.class.getName() + ".read";

    /** One token read; {@code started} (nanoTime) is set when it begins, after every caller sharing it arrived. */
    private static final class Read {
        private final CompletableFuture<String> token = new CompletableFuture<>();
        private long started;
    }

    /** A computed value and the read whose token it was computed under. */
    private record Computed(String token, long readStarted, Object value) {
    }

    /** One key's entry; its monitor makes concurrent calls for the key compute once. */
    private final class Slot {
        private Computed computed;

        @SuppressWarnings("unchecked")
        synchronized <V> V value(long arrived, Read read, String token, Supplier<V> compute) {
            Computed c = computed;
            if (c != null && (c.token().equals(token) || c.readStarted() - arrived >= 0)) {
                return (V) c.value();
            }
            computations.incrementAndGet();
            V value = compute.get();
            computed = new Computed(token, read.started, value);
            return value;
        }
    }

    /**
     * A bounded part of the cache for one kind of value, its least recently asked key evicted first: the number of
     * entries is what bounds memory, so large values (the agency's portfolio) get a region of their own.
     */
    final class Region<K, V> {
        private final Map<K, Slot> slots;

        private Region(int entries) {
            this.slots = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<K, Slot> eldest) {
                    return size() > entries;
                }
            };
        }

        /**
         * The value of {@code key}: the cached one when the KPI tables have not changed since it was computed (or
         * when another call computed it under a token read after this call began), else {@code compute}'s, cached.
         * The key must name everything the value depends on besides the KPI tables (scope, members, dates).
         */
        V get(K key, Supplier<V> compute) {
            long arrived = System.nanoTime();
            Read read = readForThisCall();
            String token = join(read.token);
            Slot slot;
            synchronized (slots) {
                slot = slots.computeIfAbsent(key, k -> new Slot());
            }
            return slot.value(arrived, read, token, compute);
        }
    }

    private final Supplier<String> tokens;
    private final AtomicLong computations = new AtomicLong();
    private final AtomicLong tokenReads = new AtomicLong();
    private final Object reads = new Object();
    private Read inFlight;
    private Read next;

    @Autowired
    KpiTableCache(Warehouse warehouse) {
        this(new KpiChanges(warehouse)::token);
    }

    /** A cache over any source of change tokens (equal tokens: nothing changed). */
    KpiTableCache(Supplier<String> tokens) {
        this.tokens = tokens;
    }

    /** A new region of at most {@code entries} keys. */
    <K, V> Region<K, V> region(int entries) {
        return new Region<>(entries);
    }

    /** How many values were computed (a miss each). */
    long computations() {
        return computations.get();
    }

    /** How many token reads were sent to the warehouse. */
    long tokenReads() {
        return tokenReads.get();
    }

    /**
     * The token read of this HTTP request when an earlier call of the request made one (it began after the request
     * did, so it reflects every write that finished before the request), else a fresh one, kept for the request's
     * other calls: a dashboard request reads the client list and then its report under one token read.
     */
    private Read readForThisCall() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return freshRead();
        }
        if (request.getAttribute(REQUEST_READ, RequestAttributes.SCOPE_REQUEST) instanceof Read read) {
            return read;
        }
        Read read = freshRead();
        request.setAttribute(REQUEST_READ, read, RequestAttributes.SCOPE_REQUEST);
        return read;
    }

    /**
     * A token read that begins after this call: the one waiting to begin when a read is under way (shared with
     * every caller that arrives meanwhile), else a new one. At most one read runs and one waits.
     */
    private Read freshRead() {
        Read read;
        Read before = null;
        synchronized (reads) {
            if (next != null) {
                return next;
            } else if (inFlight == null) {
                read = inFlight = new Read();
                read.started = System.nanoTime();
            } else {
                read = next = new Read();
                before = inFlight;
            }
        }
        if (before != null) {
            before.token.exceptionally(e -> null).join();
            synchronized (reads) {
                inFlight = read;
                next = null;
                read.started = System.nanoTime();
            }
        }
        try {
            tokenReads.incrementAndGet();
            read.token.complete(tokens.get());
        } catch (RuntimeException e) {
            read.token.completeExceptionally(e);
        } finally {
            synchronized (reads) {
                if (inFlight == read) {
                    inFlight = null;
                }
            }
        }
        return read;
    }

    private static String join(CompletableFuture<String> token) {
        try {
            return token.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
