package cl.cobranza.api.kpis;

import cl.cobranza.api.ApiExtension;
import cl.cobranza.core.access.Role;
import cl.cobranza.core.kpi.KpiDefinitions;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiChanges;
import cl.cobranza.warehouse.KpiRows;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portfolio served from {@link PortfolioCache}: a KPI row written to the warehouse shows in the next request
 * (value and rank), even when it carries the same version as the row it replaces and a merge has already collapsed
 * the two; managers with different clients get their own rows of one computation; concurrent requests compute once.
 * Rows are dated 1971, before every other test's data, so only these three clients have daily KPIs then.
 */
@ExtendWith(ApiExtension.class)
class PortfolioCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "pc-a";
    private static final String B = "pc-b";
    private static final String C = "pc-c";
    private static final LocalDate DAY = LocalDate.of(1971, 3, 31);
    private static final String OVERDUE = KpiDefinitions.OVERDUE_RECEIVABLES;

    private static ApiExtension.Api api;
    private static Warehouse writerWarehouse;
    private static WarehouseWriter writer;
    private static String northManager;
    private static String southManager;

    @BeforeAll
    static void start(ApiExtension.Api running, ClickHouseServer clickhouse) {
        api = running;
        writerWarehouse = new Warehouse(clickhouse.writerSettings());
        writer = new WarehouseWriter(writerWarehouse);
        writer.upsertClients(List.of(new ClientInfo(A, "A Cartera SpA", "76.100.001-1"),
                new ClientInfo(B, "B Cartera SpA", "76.100.002-2"), new ClientInfo(C, "C Cartera SpA", "76.100.003-3")));
        // overdue (less is better): A 100,000, B 200,000, C 300,000
        writer.writeDaily(List.of(KpiRows.daily(A, DAY, 500_000, 100_000, 5, 1, 1),
                KpiRows.daily(B, DAY, 500_000, 200_000, 5, 2, 1), KpiRows.daily(C, DAY, 500_000, 300_000, 5, 3, 1)));
        northManager = api.user("pc-manager-north", Role.ACCOUNT_MANAGER, A, B);
        southManager = api.user("pc-manager-south", Role.ACCOUNT_MANAGER, C);
    }

    @AfterAll
    static void stop() {
        writerWarehouse.close();
    }

    @Test
    void aWrittenKpiRowShowsInTheNextRequestWithItsNewRank() {
        JsonNode before = portfolio(northManager, DAY);
        assertThat(ids(before)).containsExactly(A, B);
        assertThat(overdue(before, A)).isEqualTo(100_000);
        assertThat(rank(before, A)).isEqualTo(100); // both others owe more
        assertThat(rank(before, B)).isEqualTo(50);

        // the same key and the same version (the newest insert wins), from a writer whose clock is behind, then merged
        // into one row: neither the table's count() nor its max(version) or max(updated_at) tells this change
        Clock behind = Clock.fixed(Instant.parse("1971-04-01T00:00:00Z"), ZoneOffset.UTC);
        WarehouseWriter late = new WarehouseWriter(writerWarehouse, behind);
        late.writeDaily(List.of(KpiRows.daily(A, DAY, 500_000, 400_000, 5, 4, 1)));
        try {
            mergeKpiTables();
            JsonNode after = portfolio(northManager, DAY);
            assertThat(overdue(after, A)).isEqualTo(400_000);
            assertThat(rank(after, A)).isEqualTo(0); // now the worst of the three
            assertThat(rank(after, B)).isEqualTo(100);
            JsonNode south = portfolio(southManager, DAY);
            assertThat(ids(south)).containsExactly(C);
            assertThat(rank(south, C)).isEqualTo(50);
        } finally {
            writer.writeDaily(List.of(KpiRows.daily(A, DAY, 500_000, 100_000, 5, 1, 2))); // as the other test expects
        }
        assertThat(overdue(portfolio(northManager, DAY), A)).isEqualTo(100_000);
    }

    @Test
    void managersGetTheirOwnRowsOfOneComputationAndConcurrentRequestsComputeOnce() throws Exception {
        PortfolioCache cache = api.bean(PortfolioCache.class);
        mergeKpiTables(); // no background merge left to change the tables' token during the test
        LocalDate day = DAY.plusDays(1); // a day nobody asked for yet
        long computed = cache.computations();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String manager = i % 2 == 0 ? northManager : southManager;
                answers.add(pool.submit(() -> portfolio(manager, day)));
            }
            for (int i = 0; i < answers.size(); i++) {
                JsonNode p = answers.get(i).get();
                assertThat(ids(p)).containsExactlyElementsOf(i % 2 == 0 ? List.of(A, B) : List.of(C));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(cache.computations()).as("8 concurrent requests, one computation").isEqualTo(computed + 1);

        JsonNode north = portfolio(northManager, day);
        JsonNode south = portfolio(southManager, day);
        assertThat(cache.computations()).as("unchanged tables: served from the cache").isEqualTo(computed + 1);
        assertThat(north.get("agencyClients").asInt()).isEqualTo(south.get("agencyClients").asInt());
        assertThat(ids(north)).containsExactly(A, B);
        assertThat(ids(south)).containsExactly(C);
        assertThat(List.of(rank(north, A), rank(north, B), rank(south, C))).containsExactly(100, 50, 0);
    }

    private static void mergeKpiTables() {
        for (String table : KpiChanges.TABLES) {
            writerWarehouse.execute("OPTIMIZE TABLE " + table + " FINAL");
        }
    }

    private static JsonNode portfolio(String user, LocalDate day) {
        HttpResponse<String> response = api.get("/api/v1/portfolio?asOf=" + day, user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(JsonNode portfolio) {
        List<String> ids = new ArrayList<>();
        portfolio.get("clients").forEach(c -> ids.add(c.get("clientId").asText()));
        return ids;
    }

    private static JsonNode row(JsonNode portfolio, String client) {
        for (JsonNode c : portfolio.get("clients")) {
            if (c.get("clientId").asText().equals(client)) {
                return c;
            }
        }
        throw new AssertionError(client + " not in " + portfolio);
    }

    private static long overdue(JsonNode portfolio, String client) {
        return row(portfolio, client).at("/values/" + OVERDUE).asLong();
    }

    private static int rank(JsonNode portfolio, String client) {
        return row(portfolio, client).at("/percentiles/" + OVERDUE).asInt();
    }
}
