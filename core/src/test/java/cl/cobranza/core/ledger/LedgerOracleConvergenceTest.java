package cl.cobranza.core.ledger;

import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.oracle.KpiOracle;
import cl.cobranza.core.state.InvoiceState;
import cl.cobranza.core.testkit.KpiAssertions;
import cl.cobranza.core.testkit.RandomHistory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incremental ledger, fed messy histories (shuffled, duplicated, older versions late, corrections,
 * voids, credit notes, reversals, backdated payments, moves) and drained at random moments into a
 * "warehouse" that keeps the newest row per key, ends up with exactly the rows the batch oracle computes
 * from the full fact list: every day, every month, every cohort. Pure Java, so it runs many histories fast;
 * the Flink + Kafka + ClickHouse version of this test lives in the launcher module.
 */
class LedgerOracleConvergenceTest {
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2025, 11, 30);
    private static final LocalDate TODAY = LocalDate.of(2025, 12, 10);

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "history {0}")
    @MethodSource("seeds")
    void streamedRowsEqualTheOracle(long seed) {
        List<String> clients = List.of("lc" + seed + "-a", "lc" + seed + "-b");
        RandomHistory history = RandomHistory.generate(seed, clients, FROM, TO);
        List<CanonicalEvent> arrival = history.arrivalOrder(seed * 31);
        ClientTerms terms = seed % 3 == 0
                ? new ClientTerms(List.of(15, 45, 75), 2, ClientTerms.defaults().unitCostClp(), 300, 1_200)
                : ClientTerms.defaults();
        for (String client : clients) {
            Warehouse streamed = stream(client, arrival, terms, new Random(seed));
            KpiOracle oracle = new KpiOracle(client, arrival, terms);
            List<String> differences = new ArrayList<>();
            for (LocalDate d = FROM.minusDays(5); !d.isAfter(TODAY); d = d.plusDays(1)) {
                DailyKpis actual = streamed.daily.getOrDefault(d, empty(client, d, terms));
                differences.addAll(KpiAssertions.differences(actual, oracle.daily(d)));
            }
            for (YearMonth m = YearMonth.from(FROM); !m.isAfter(YearMonth.from(TODAY)); m = m.plusMonths(1)) {
                MonthlyKpis actual = streamed.monthly.get(m);
                if (actual == null) {
                    differences.add(client + " " + m + ": no monthly row");
                } else {
                    differences.addAll(KpiAssertions.differences(actual, oracle.monthly(m, TODAY)));
                }
            }
            List<CohortRecovery> expectedCohorts = oracle.cohorts(TODAY);
            List<CohortRecovery> actualCohorts = streamed.cohorts.values().stream().filter(c -> c.invoices() > 0).toList();
            assertThat(actualCohorts).extracting(CohortRecovery::cohort)
                    .containsExactlyElementsOf(expectedCohorts.stream().map(CohortRecovery::cohort).toList());
            for (int i = 0; i < expectedCohorts.size(); i++) {
                differences.addAll(KpiAssertions.differences(actualCohorts.get(i), expectedCohorts.get(i)));
            }
            assertThat(differences).as("history %d, client %s (first differences)", seed, client)
                    .isEqualTo(List.of());
        }
    }

    /** What the KPI tables hold: the newest row per key. */
    static final class Warehouse {
        final Map<LocalDate, DailyKpis> daily = new HashMap<>();
        final Map<YearMonth, MonthlyKpis> monthly = new HashMap<>();
        final TreeMap<YearMonth, CohortRecovery> cohorts = new TreeMap<>();

        void write(ClientLedger.Emission e) {
            e.daily().forEach(r -> daily.merge(r.day(), r, (a, b) -> b.version() > a.version() ? b : a));
            e.monthly().forEach(r -> monthly.merge(r.month(), r, (a, b) -> b.version() > a.version() ? b : a));
            e.cohorts().forEach(r -> cohorts.merge(r.cohort(), r, (a, b) -> b.version() > a.version() ? b : a));
        }
    }

    /** Feeds one client's events the way the Flink job does, draining at random moments. */
    private static Warehouse stream(String client, List<CanonicalEvent> arrival, ClientTerms terms, Random random) {
        Map<String, InvoiceState> invoices = new HashMap<>();
        ClientLedger ledger = new ClientLedger(terms);
        Warehouse warehouse = new Warehouse();
        long now = 1;
        for (CanonicalEvent e : arrival) {
            if (!e.clientId().equals(client) || e instanceof DebtorChanged) {
                continue;
            }
            InvoiceState state = invoices.computeIfAbsent(e.invoiceId(), id -> new InvoiceState());
            InvoiceState before = state.isEmpty() ? null : InvoiceState.decode(state.encode());
            if (state.apply(e)) {
                ledger.replace(before, InvoiceState.decode(state.encode()));
            }
            if (random.nextInt(300) == 0) {
                warehouse.write(ledger.drain(client, TODAY, now++));
            }
        }
        warehouse.write(ledger.drain(client, TODAY, now));
        return warehouse;
    }

    private static DailyKpis empty(String client, LocalDate day, ClientTerms terms) {
        return new DailyKpis(client, day, 0, 0, 0, 0, new long[terms.bucketCount()], 0, 0, 0, 0, 0, 0, 0);
    }
}
