package cl.cobranza.launcher;

import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.oracle.KpiOracle;
import cl.cobranza.core.testkit.KpiAssertions;
import cl.cobranza.core.testkit.RandomHistory;
import cl.cobranza.launcher.history.DebeziumRecords;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.Warehouse;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KPIs are provably right end to end: 50 seeded histories of 3 clients each (months of invoices,
 * payments, corrections, voids, credit notes, reversals, backdated payments, moves, actions, promises),
 * encoded as the Debezium records the real capture writes, delivered to Kafka shuffled and duplicated, run
 * through the real Flink job into ClickHouse; every daily, monthly and cohort row read back through the
 * warehouse queries equals the batch oracle's — amounts exactly, days and ratios to 0.01. The second test
 * kills the Flink job half-way (no savepoint) and restores it from its last checkpoint.
 */
@ExtendWith(SharedStack.class)
class KpiRandomHistoryTest {
    private static final int HISTORIES = 50;
    private static final int DAYS_OF_HISTORY = 200;
    private static final ZoneId ZONE = ZoneId.of("America/Santiago");
    private static final long CONVERGE_MILLIS = 300_000;

    @Test
    void fiftyMessyHistoriesStreamedThroughFlinkEqualTheOracle(LocalStack stack) throws Exception {
        run(stack, "rh", 1_000, false);
    }

    @Test
    void theSameWithTheJobKilledAndRestoredFromItsLastCheckpointMidway(LocalStack stack) throws Exception {
        run(stack, "rk", 2_000, true);
    }

    private void run(LocalStack stack, String prefix, long seedBase, boolean killMidway) throws Exception {
        LocalDate today = LocalDate.now(ZONE);
        LocalDate from = today.minusDays(DAYS_OF_HISTORY);
        List<List<DebeziumRecords.Record>> perHistory = new ArrayList<>();
        Map<String, List<CanonicalEvent>> eventsByClient = new HashMap<>();
        for (int h = 0; h < HISTORIES; h++) {
            List<String> clients = List.of(prefix + h + "-a", prefix + h + "-b", prefix + h + "-c");
            RandomHistory history = RandomHistory.generate(seedBase + h, clients, from, today.minusDays(1));
            List<CanonicalEvent> arrival = history.arrivalOrder(seedBase * 7 + h);
            perHistory.add(DebeziumRecords.inArrivalOrder(DebeziumRecords.encode(history.sourceOrder()), arrival));
            for (String c : clients) {
                eventsByClient.put(c, arrival.stream().filter(e -> e.clientId().equals(c)).toList());
            }
        }
        List<DebeziumRecords.Record> records = interleave(perHistory);
        createTopics(stack, records);

        Expected expected = new Expected(eventsByClient, today);
        try (Warehouse w = new Warehouse(stack.warehouseReader());
             KafkaProducer<String, String> producer = producer(stack)) {
            KpiQueries queries = new KpiQueries(w);
            int half = records.size() / 2;
            send(producer, records.subList(0, killMidway ? half : records.size()));
            if (killMidway) {
                // let the job take some of it and complete a checkpoint with it, then crash it
                long deadline = System.currentTimeMillis() + 60_000;
                while (queries.daily(TenantScope.everyClient(), eventsByClient.keySet(), today, today).size() < 10
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(2_500);
                long killed = System.nanoTime();
                Path checkpoint = stack.killAndRestoreJob();
                System.out.printf("%s: job killed and restored from %s in %.1f s%n", prefix, checkpoint.getFileName(),
                        (System.nanoTime() - killed) / 1e9);
                assertThat(checkpoint.toString()).contains("chk-");
                send(producer, records.subList(half, records.size()));
            }

            long sent = System.nanoTime();
            List<String> differences = List.of();
            long deadline = System.currentTimeMillis() + CONVERGE_MILLIS;
            while (System.currentTimeMillis() < deadline) {
                differences = expected.differences(queries, from.minusDays(5));
                if (differences.isEmpty()) {
                    break;
                }
                Thread.sleep(2_000);
            }
            System.out.printf("%s: %d records of %d clients; warehouse equal to the oracle %.1f s after the last send%n",
                    prefix, records.size(), eventsByClient.size(), (System.nanoTime() - sent) / 1e9);
            assertThat(differences).as("warehouse rows that differ from the oracle (%d records sent)", records.size())
                    .isEmpty();
            // late invoices are reported as orphans after the stack's short wait (3 s), and still count (the
            // oracle comparison above passed); no record itself may be rejected
            assertThat(queries.deadLetters(TenantScope.everyClient(), eventsByClient.keySet(), 100_000)).as("no valid record was rejected")
                    .filteredOn(r -> !r.topic().startsWith("orphan:")).isEmpty();
        }
    }

    /** The oracle's rows for every client, compared with what the warehouse holds. */
    private static final class Expected {
        private final Map<String, KpiOracle> oracles = new HashMap<>();
        private final Map<String, Map<LocalDate, DailyKpis>> daily = new HashMap<>();
        private final Map<String, List<CohortRecovery>> cohorts = new HashMap<>();
        private final Map<String, MonthlyKpis> monthly = new HashMap<>();
        private final ClientTerms terms = ClientTerms.defaults();
        private final LocalDate today;

        Expected(Map<String, List<CanonicalEvent>> eventsByClient, LocalDate today) {
            this.today = today;
            eventsByClient.forEach((client, events) -> {
                KpiOracle oracle = new KpiOracle(client, events, terms);
                oracles.put(client, oracle);
                Map<LocalDate, DailyKpis> days = new HashMap<>();
                for (LocalDate d = oracle.firstDay(); !d.isAfter(today); d = d.plusDays(1)) {
                    days.put(d, oracle.daily(d));
                }
                daily.put(client, days);
                cohorts.put(client, oracle.cohorts(today));
            });
        }

        List<String> differences(KpiQueries queries, LocalDate from) {
            List<String> out = new ArrayList<>();
            Set<String> clients = oracles.keySet();
            Map<String, Map<LocalDate, DailyKpis>> actualDaily = new HashMap<>();
            for (DailyKpis row : queries.daily(TenantScope.everyClient(), clients, from, today)) {
                actualDaily.computeIfAbsent(row.clientId(), c -> new HashMap<>()).put(row.day(), row);
            }
            Map<String, Map<YearMonth, MonthlyKpis>> actualMonthly = new HashMap<>();
            for (MonthlyKpis row : queries.monthly(TenantScope.everyClient(), clients, YearMonth.from(from), YearMonth.from(today))) {
                actualMonthly.computeIfAbsent(row.clientId(), c -> new HashMap<>()).put(row.month(), row);
            }
            Map<String, List<CohortRecovery>> actualCohorts = queries.cohorts(TenantScope.everyClient(), clients).stream()
                    .collect(Collectors.groupingBy(CohortRecovery::clientId));
            for (String client : clients) {
                KpiOracle oracle = oracles.get(client);
                Map<LocalDate, DailyKpis> rows = actualDaily.getOrDefault(client, Map.of());
                for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
                    DailyKpis expected = daily.get(client).getOrDefault(d, oracle.daily(d));
                    DailyKpis actual = rows.getOrDefault(d, empty(client, d));
                    out.addAll(KpiAssertions.differences(actual, expected));
                }
                Map<YearMonth, MonthlyKpis> months = actualMonthly.getOrDefault(client, Map.of());
                for (YearMonth m = YearMonth.from(oracle.firstDay()); !m.isAfter(YearMonth.from(today)); m = m.plusMonths(1)) {
                    MonthlyKpis actual = months.get(m);
                    if (actual == null) {
                        out.add(client + " " + m + ": no monthly row");
                        continue;
                    }
                    YearMonth month = m;
                    MonthlyKpis expected = monthly.computeIfAbsent(client + m + actual.asOf(),
                            k -> oracle.monthly(month, actual.asOf()));
                    out.addAll(KpiAssertions.differences(actual, expected));
                }
                List<CohortRecovery> want = cohorts.get(client);
                List<CohortRecovery> got = actualCohorts.getOrDefault(client, List.of());
                if (got.size() != want.size()) {
                    out.add(client + ": " + got.size() + " cohorts, expected " + want.size());
                } else {
                    for (int i = 0; i < want.size(); i++) {
                        out.addAll(KpiAssertions.differences(got.get(i), want.get(i)));
                    }
                }
                if (out.size() > 40) {
                    break;
                }
            }
            return out.size() > 40 ? out.subList(0, 40) : out;
        }

        private DailyKpis empty(String client, LocalDate day) {
            return new DailyKpis(client, day, 0, 0, 0, 0, new long[terms.bucketCount()], 0, 0, 0, 0, 0, 0, 0);
        }
    }

    /** Histories arrive side by side, as many ERPs write at once. */
    private static List<DebeziumRecords.Record> interleave(List<List<DebeziumRecords.Record>> lists) {
        List<DebeziumRecords.Record> out = new ArrayList<>();
        int[] next = new int[lists.size()];
        boolean any = true;
        while (any) {
            any = false;
            for (int i = 0; i < lists.size(); i++) {
                List<DebeziumRecords.Record> l = lists.get(i);
                for (int k = 0; k < 5 && next[i] < l.size(); k++) {
                    out.add(l.get(next[i]++));
                    any = true;
                }
            }
        }
        return out;
    }

    /** One partition per raw topic, created in one request (auto-creation one by one is slow). */
    private static void createTopics(LocalStack stack, List<DebeziumRecords.Record> records) throws Exception {
        Set<String> topics = records.stream().map(DebeziumRecords.Record::topic)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafka().bootstrapServers()))) {
            List<NewTopic> requests = topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList();
            admin.createTopics(requests).values().forEach((topic, future) -> {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic, e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private static KafkaProducer<String, String> producer(LocalStack stack) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                // at-least-once like Debezium's producer: a retried batch may duplicate, never reorder a row's versions
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1), new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, List<DebeziumRecords.Record> records) {
        for (DebeziumRecords.Record r : records) {
            producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
        }
        producer.flush();
    }
}
