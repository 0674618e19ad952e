package cl.cobranza.api.kpis;

import cl.cobranza.api.ApiExtension;
import cl.cobranza.core.access.Role;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiChanges;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.KpiRows;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link KpiTableCache}: a value is computed again exactly when the KPI tables changed (on the real warehouse); calls
 * arriving while a token read runs share the next one; one key is computed once by concurrent calls; regions are
 * bounded; a failed token read fails its callers and not the next call.
 */
@ExtendWith(ApiExtension.class)
class KpiTableCacheTest {
    private static final String CLIENT = "ktc-a";
    private static final LocalDate DAY = LocalDate.of(1971, 6, 30);

    @Test
    void aWriteToTheKpiTablesIsSeenByTheNextCallAndNothingElseRecomputes(ClickHouseServer clickhouse) {
        try (Warehouse writing = new Warehouse(clickhouse.writerSettings());
             Warehouse reading = new Warehouse(clickhouse.readerSettings())) {
            WarehouseWriter writer = new WarehouseWriter(writing);
            KpiQueries queries = new KpiQueries(reading);
            writer.writeDaily(List.of(KpiRows.daily(CLIENT, DAY, 500_000, 100_000, 5, 1, 1)));
            for (String table : KpiChanges.TABLES) {
                writing.execute("OPTIMIZE TABLE " + table + " FINAL"); // no background merge left during the test
            }
            KpiTableCache cache = new KpiTableCache(reading);
            KpiTableCache.Region<LocalDate, Long> overdue = cache.region(8);
            AtomicInteger computed = new AtomicInteger();
            Supplier<Long> read = () -> {
                computed.incrementAndGet();
                DailyKpis row = queries.latestDaily(TenantScope.everyClient(), List.of(CLIENT), DAY).get(CLIENT);
                return row.overdueClp();
            };

            assertThat(overdue.get(DAY, read)).isEqualTo(100_000);
            assertThat(overdue.get(DAY, read)).isEqualTo(100_000);
            assertThat(computed).as("unchanged tables: served from the cache").hasValue(1);

            writer.writeDaily(List.of(KpiRows.daily(CLIENT, DAY, 500_000, 250_000, 5, 1, 2)));
            assertThat(overdue.get(DAY, read)).as("the write finished before the call").isEqualTo(250_000);
            assertThat(computed).hasValue(2);
            assertThat(overdue.get(DAY, read)).isEqualTo(250_000);
            assertThat(computed).hasValue(2);
            assertThat(cache.tokenReads()).as("one token read per call made alone").isEqualTo(4);
        }
    }

    @Test
    void aDashboardRequestIsAnsweredFromTheCacheWithTheWarehouseRows(ApiExtension.Api api, ClickHouseServer clickhouse) {
        String client = "ktc-b";
        try (Warehouse writing = new Warehouse(clickhouse.writerSettings())) {
            WarehouseWriter writer = new WarehouseWriter(writing);
            writer.upsertClients(List.of(new ClientInfo(client, "B Caché SpA", "76.200.002-2")));
            writer.writeDaily(List.of(KpiRows.daily(client, DAY, 700_000, 300_000, 5, 1, 1)));
        }
        String manager = api.user("ktc-manager", Role.ACCOUNT_MANAGER, client);
        String tiles = "/api/v1/clients/" + client + "/kpis?asOf=" + DAY;
        for (int i = 0; i < 2; i++) { // computed, then (unless a write or merge came between) served again
            HttpResponse<String> response = api.get(tiles, manager);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("B Caché SpA").contains("300000");
        }
        // token reads and computations are counted in the next test: the shared API also serves other
        // tests' live streams and sees their writes' merges, so its counters are not this request's alone
    }

    @Test
    void callsWithinOneRequestShareItsTokenReadAndCallsOutsideReadTheirOwn() {
        AtomicInteger reads = new AtomicInteger();
        KpiTableCache cache = new KpiTableCache(() -> "t" + reads.incrementAndGet() / 100);
        KpiTableCache.Region<String, String> clients = cache.region(2);
        KpiTableCache.Region<String, String> reports = cache.region(2);
        RequestContextHolder.setRequestAttributes(new MapRequestAttributes());
        try {
            clients.get("directory", () -> "d");
            reports.get("tiles", () -> "t");
            reports.get("daily", () -> "d");
            assertThat(reads).as("three calls of one request").hasValue(1);
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        RequestContextHolder.setRequestAttributes(new MapRequestAttributes());
        try {
            reports.get("tiles", () -> "t");
            assertThat(reads).as("the next request reads again").hasValue(2);
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        reports.get("tiles", () -> "t");
        reports.get("tiles", () -> "t");
        assertThat(reads).as("outside a request (the live stream's ticks): a read per call").hasValue(4);
        assertThat(cache.computations()).as("one token throughout: each key computed once").isEqualTo(3);
    }

    /** The request attributes of a request in flight, as the servlet's would be (request scope only). */
    private static final class MapRequestAttributes implements RequestAttributes {
        private final Map<String, Object> values = new HashMap<>();

        @Override
        public Object getAttribute(String name, int scope) {
            return values.get(name);
        }

        @Override
        public void setAttribute(String name, Object value, int scope) {
            values.put(name, value);
        }

        @Override
        public void removeAttribute(String name, int scope) {
            values.remove(name);
        }

        @Override
        public String[] getAttributeNames(int scope) {
            return values.keySet().toArray(String[]::new);
        }

        @Override
        public void registerDestructionCallback(String name, Runnable callback, int scope) {
        }

        @Override
        public Object resolveReference(String key) {
            return null;
        }

        @Override
        public String getSessionId() {
            return "test";
        }

        @Override
        public Object getSessionMutex() {
            return this;
        }
    }

    @Test
    void callsArrivingDuringATokenReadShareTheNextAndOneKeyIsComputedOnce() throws Exception {
        CountDownLatch firstReadStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstRead = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        KpiTableCache cache = new KpiTableCache(() -> {
            if (reads.incrementAndGet() == 1) {
                firstReadStarted.countDown();
                await(releaseFirstRead);
            }
            return "unchanged";
        });
        KpiTableCache.Region<String, Integer> region = cache.region(8);
        AtomicInteger computed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<Integer> first = pool.submit(() -> region.get("k", computed::incrementAndGet));
            assertThat(firstReadStarted.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Integer>> later = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                later.add(pool.submit(() -> region.get("k", computed::incrementAndGet)));
            }
            waitUntilWaiting(pool, later);
            releaseFirstRead.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            for (Future<Integer> f : later) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        // the 7 arrived while the first read ran: its token may predate their calls, so they wait for one more
        assertThat(reads).as("the first read and the one the other 7 shared").hasValue(2);
        assertThat(computed).as("8 calls, one key, unchanged token").hasValue(1);
    }

    @Test
    void aNewTokenRecomputesAndARegionKeepsItsNewestKeys() {
        AtomicReference<String> token = new AtomicReference<>("t1");
        KpiTableCache cache = new KpiTableCache(token::get);
        KpiTableCache.Region<String, String> region = cache.region(2);
        AtomicInteger computed = new AtomicInteger();
        assertThat(region.get("a", () -> "a" + computed.incrementAndGet())).isEqualTo("a1");
        assertThat(region.get("b", () -> "b" + computed.incrementAndGet())).isEqualTo("b2");
        assertThat(region.get("a", () -> "a" + computed.incrementAndGet())).isEqualTo("a1");
        assertThat(region.get("c", () -> "c" + computed.incrementAndGet())).isEqualTo("c3"); // evicts b, asked least recently
        assertThat(region.get("a", () -> "a" + computed.incrementAndGet())).isEqualTo("a1");
        assertThat(region.get("b", () -> "b" + computed.incrementAndGet())).isEqualTo("b4");
        token.set("t2");
        assertThat(region.get("b", () -> "b" + computed.incrementAndGet())).isEqualTo("b5");
        assertThat(cache.computations()).isEqualTo(5);
    }

    @Test
    void aFailedTokenReadFailsItsCallersOnly() {
        AtomicInteger reads = new AtomicInteger();
        KpiTableCache cache = new KpiTableCache(() -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("warehouse down");
            }
            return "t";
        });
        KpiTableCache.Region<String, String> region = cache.region(2);
        assertThatThrownBy(() -> region.get("k", () -> "v")).isInstanceOf(IllegalStateException.class)
                .hasMessage("warehouse down");
        assertThat(region.get("k", () -> "v")).isEqualTo("v");
    }

    /** Until every one of the later calls is blocked (waiting on the shared read), so none arrives after the release. */
    private static void waitUntilWaiting(ExecutorService pool, List<Future<Integer>> later) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            long waiting = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("pool-") && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
                            && isJoiningAToken(t))
                    .count();
            if (waiting >= later.size() + 1) { // and the first, inside its read
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the 7 later calls did not all wait for a token read");
    }

    private static boolean isJoiningAToken(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith(KpiTableCache.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
