package cl.cobranza.warehouse;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.collection.CollectionPriority;
import cl.cobranza.core.collection.CollectionStage;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.collection.Stage;
import cl.cobranza.core.kpi.DaysPastDue;
import cl.cobranza.core.risk.DebtorFeatures;
import cl.cobranza.core.risk.RiskModel;
import cl.cobranza.core.state.Activity;
import cl.cobranza.core.state.Activity.LastAction;
import cl.cobranza.core.state.InvoiceSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static cl.cobranza.warehouse.InvoiceBuilder.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worklist's bounded reads (SQL order and limit, read by open balance until the page is settled, SQL count)
 * against an oracle that ranks every invoice in memory with core's rules: 6,000 random invoices of three
 * clients with many equal balances (and 6,000 of a fourth whose page lies behind 3,000 larger items), promises firm and past, voids, payments, risk for most debtors and stops,
 * every stage, bucket, channel, scope and page size, with and without the model. A worklist that missed an
 * item the bounded read did not reach, or counted a stopped or wrong-stage one, differs from the oracle.
 */
@ExtendWith(ClickHouseExtension.class)
class WorklistRankingTest {
    private static final List<String> CLIENTS = List.of("wr-a", "wr-b", "wr-c");
    private static final LocalDate AS_OF = LocalDate.of(2025, 3, 31);
    private static final ClientTerms TERMS = ClientTerms.defaults();
    private static final RiskModel MODEL = RiskModel.bundled();

    private static final List<InvoiceSnapshot> INVOICES = new ArrayList<>();
    private static final Map<String, Double> LOGITS = new HashMap<>();
    private static WorklistStops stops;
    private static String database;
    private static Warehouse warehouse;
    private static WorklistQueries queries;

    @BeforeAll
    static void load(ClickHouseServer server) {
        Random random = new Random(20261204);
        long[] balances = new long[40];
        for (int i = 0; i < balances.length; i++) {
            balances[i] = 10_000L * (1 + random.nextInt(300)); // few distinct balances: ties at every cut
        }
        Set<String> debtors = new HashSet<>();
        for (int i = 0; i < 6_000; i++) {
            String client = CLIENTS.get(random.nextInt(CLIENTS.size()));
            String debtor = "D" + random.nextInt(400);
            debtors.add(WorklistStops.key(client, debtor));
            long total = balances[random.nextInt(balances.length)];
            InvoiceBuilder b = invoice(client, "I" + i).debtor(debtor).folio(i + 1)
                    .due(AS_OF.plusDays(10 - random.nextInt(220))).total(total);
            int paid = random.nextInt(10);
            if (paid < 2) {
                b.paid(total);
            } else if (paid < 4) {
                b.paid(total / 2);
            }
            if (random.nextInt(30) == 0) {
                b.voided();
            }
            LastAction last = random.nextBoolean() ? null : new LastAction(AS_OF.minusDays(random.nextInt(30)),
                    Channel.values()[random.nextInt(Channel.values().length)], Outcome.CONTACTED);
            PromiseToPay promise = random.nextInt(4) != 0 ? null : new PromiseToPay(AS_OF.minusDays(40),
                    AS_OF.plusDays(20 - random.nextInt(40)), total / 3);
            b.activity(new Activity(last, last == null ? 0 : 1, promise, 0, List.of()));
            INVOICES.add(b.build());
        }
        // wr-d: 3,000 large items due in 3 days (priority 0 with the model) ahead, by balance, of 3,000 smaller
        // overdue ones: the first reads by balance hold no page, so the worklist has to read further
        for (int i = 0; i < 6_000; i++) {
            String debtor = "D" + random.nextInt(400);
            debtors.add(WorklistStops.key("wr-d", debtor));
            INVOICES.add(invoice("wr-d", "L" + i).debtor(debtor).folio(i + 1)
                    .due(i < 3_000 ? AS_OF.plusDays(3) : AS_OF.minusDays(1 + random.nextInt(200)))
                    .total(i < 3_000 ? 1_000_000 : 10_000L * (1 + random.nextInt(90))).build());
        }
        List<DebtorRisk> risks = new ArrayList<>();
        for (String key : debtors) {
            if (random.nextInt(10) < 7) {
                String[] parts = key.split("\u0000");
                double logit = random.nextDouble() * 6 - 3;
                LOGITS.put(key, logit);
                risks.add(new DebtorRisk(parts[0], parts[1], AS_OF, MODEL.version(), logit, false, Map.of(),
                        List.of(new DebtorRisk.Reason("x", "razón", 0.1)), 1));
            }
        }
        Set<String> stoppedInvoices = new HashSet<>();
        Set<String> stoppedDebtors = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            InvoiceSnapshot s = INVOICES.get(random.nextInt(INVOICES.size()));
            (i < 30 ? stoppedInvoices : stoppedDebtors).add(WorklistStops.key(s.clientId(),
                    i < 30 ? s.invoiceId() : s.debtorId()));
        }
        stops = new WorklistStops(stoppedDebtors, stoppedInvoices);

        database = "worklist_ranking_" + System.nanoTime();
        WarehouseSettings settings = server.writerSettings().withDatabase(database);
        Migrations.migrate(settings);
        warehouse = new Warehouse(settings);
        WarehouseWriter writer = new WarehouseWriter(warehouse);
        writer.writeInvoices(INVOICES);
        writer.writeDebtorRisk(risks);
        queries = new WorklistQueries(warehouse);
    }

    @AfterAll
    static void drop() {
        warehouse.execute("DROP DATABASE IF EXISTS " + database);
        warehouse.close();
    }

    /** One expected or returned row: what decides the order and what the collector sees of it. */
    private record Ranked(String clientId, String invoiceId, long daysAfterDue, long openClp, long priority) {
    }

    private static final Comparator<Ranked> ORDER = Comparator.comparingLong(Ranked::priority).reversed()
            .thenComparing(Comparator.comparingLong(Ranked::daysAfterDue).reversed())
            .thenComparing(Comparator.comparingLong(Ranked::openClp).reversed())
            .thenComparing(Ranked::clientId).thenComparing(Ranked::invoiceId);

    /** Every listed item of the filter in scope, ranked in memory from the generated invoices. */
    private static List<Ranked> oracle(List<String> scope, WorklistFilter filter, WorklistStops stopped, RiskModel model) {
        CollectionStage policy = CollectionStage.defaults();
        double unscored = model == null ? 0 : model.debtorLogit(DebtorFeatures.asOf(List.of(), false, AS_OF,
                model.promiseGraceDays()));
        List<Ranked> out = new ArrayList<>();
        for (InvoiceSnapshot s : INVOICES) {
            if (s.deleted() || !scope.contains(s.clientId())
                    || (filter.clientId() != null && !filter.clientId().equals(s.clientId()))
                    || stopped.invoices().contains(WorklistStops.key(s.clientId(), s.invoiceId()))
                    || stopped.debtors().contains(WorklistStops.key(s.clientId(), s.debtorId()))) {
                continue;
            }
            Stage stage = policy.stageOf(AS_OF, s.dueDate(), s.openClp(), s.activity().promise()).orElse(null);
            long dpd = DaysPastDue.of(s.dueDate(), AS_OF);
            LastAction last = s.activity().lastAction();
            if (stage == null || (filter.stage() != null && filter.stage() != stage)
                    || (filter.bucket() != null && !filter.bucket().equals(TERMS.bucketLabels().get(TERMS.bucketOf(dpd))))
                    || (filter.lastChannel() != null && (last == null || last.channel() != filter.lastChannel()))) {
                continue;
            }
            long priority;
            if (model == null) {
                priority = CollectionPriority.of(s.openClp(), dpd);
            } else if (dpd <= 0) {
                priority = 0;
            } else {
                double logit = LOGITS.getOrDefault(WorklistStops.key(s.clientId(), s.debtorId()), unscored);
                priority = Math.round(RiskModel.probability(logit + model.itemPoints(dpd, s.openClp())) * s.openClp());
            }
            out.add(new Ranked(s.clientId(), s.invoiceId(), ChronoUnit.DAYS.between(s.dueDate(), AS_OF), s.openClp(),
                    priority));
        }
        out.sort(ORDER);
        return out;
    }

    private static void assertSameAsOracle(List<String> scope, WorklistFilter filter, int limit, WorklistStops stopped,
                                           RiskModel model) {
        List<Ranked> all = oracle(scope, filter, stopped, model);
        WorklistPage page = queries.worklist(TenantScope.of(scope), filter, AS_OF, limit, stopped, model);
        List<Ranked> got = page.items().stream().map(i -> new Ranked(i.clientId(), i.invoiceId(),
                ChronoUnit.DAYS.between(i.dueDate(), AS_OF), i.openClp(), i.priority())).toList();
        String what = scope + " " + filter + " limit " + limit + (model == null ? "" : " with the model");
        assertThat(got).as(what).containsExactlyElementsOf(all.subList(0, Math.min(limit, all.size())));
        assertThat(page.total()).as(what + ": total").isEqualTo(all.size());
    }

    @Test
    void everyStageAndPageSizeEqualsTheInMemoryRanking() {
        List<List<String>> scopes = List.of(CLIENTS, List.of("wr-b"), List.of("wr-a", "wr-c"));
        List<Stage> stages = new ArrayList<>(List.of(Stage.values()));
        stages.add(null);
        for (RiskModel model : new RiskModel[]{null, MODEL}) {
            for (List<String> scope : scopes) {
                for (Stage stage : stages) {
                    for (int limit : new int[]{1, 37, 200, 2_500}) {
                        assertSameAsOracle(scope, new WorklistFilter(null, stage, null, null), limit, stops, model);
                    }
                }
            }
        }
    }

    @Test
    void bucketsChannelsAndAClientFilterNarrowTheSameWay() {
        for (RiskModel model : new RiskModel[]{null, MODEL}) {
            for (String bucket : TERMS.bucketLabels()) {
                assertSameAsOracle(CLIENTS, new WorklistFilter(null, null, bucket, null), 50, stops, model);
            }
            assertSameAsOracle(CLIENTS, new WorklistFilter(null, Stage.EXTRAJUDICIAL, "31-60", Channel.CALL), 20,
                    stops, model);
            assertSameAsOracle(CLIENTS, new WorklistFilter("wr-c", Stage.EARLY_OVERDUE, null, null), 100, stops, model);
            assertSameAsOracle(CLIENTS, new WorklistFilter(null, null, null, null), 10_000, WorklistStops.NONE, model);
        }
    }

    @Test
    void smallOverdueItemsBehindManyLargerOnesAreFoundByReadingFurther() {
        for (int limit : new int[]{1, 200, 1_000, 3_500}) {
            assertSameAsOracle(List.of("wr-d"), WorklistFilter.ANY, limit, stops, MODEL);
            assertSameAsOracle(List.of("wr-d"), WorklistFilter.ANY, limit, stops, null);
        }
        assertThat(queries.worklist(TenantScope.of(List.of("wr-d")), WorklistFilter.ANY, AS_OF, 200, stops, MODEL)
                .items()).as("the page is overdue items, not the larger ones due in 3 days")
                .allSatisfy(i -> assertThat(i.stage()).isNotEqualTo(Stage.PREVENTIVE));
    }

    @Test
    void aScoredDebtorsReasonsComeWithItsItemsAndAnUnscoredOneHasOnlyTheItemsOwn() {
        WorklistPage page = queries.worklist(TenantScope.of(CLIENTS), new WorklistFilter(null, Stage.EXTRAJUDICIAL, null,
                null), AS_OF, 300, stops, MODEL);
        assertThat(page.items()).hasSize(300);
        for (WorklistItem i : page.items()) {
            boolean scored = LOGITS.containsKey(WorklistStops.key(i.clientId(), i.debtorId()));
            assertThat(i.riskReasons()).as(i.invoiceId()).hasSize(scored ? 3 : 2);
            assertThat(i.riskReasons().contains("razón")).as(i.invoiceId()).isEqualTo(scored);
        }
    }

    @Test
    void moreStopsThanTheSqlCanHoldAreLeftOutInJava() {
        Set<String> many = new HashSet<>(stops.invoices());
        for (int i = 0; many.size() < 3_500; i++) {
            InvoiceSnapshot s = INVOICES.get((i * 7) % INVOICES.size());
            many.add(WorklistStops.key(s.clientId(), i % 2 == 0 ? s.invoiceId() : "not-an-invoice-" + i));
        }
        WorklistStops lots = new WorklistStops(stops.debtors(), many);
        for (RiskModel model : new RiskModel[]{null, MODEL}) {
            assertSameAsOracle(CLIENTS, WorklistFilter.ANY, 200, lots, model);
            assertSameAsOracle(CLIENTS, new WorklistFilter(null, Stage.EXTRAJUDICIAL, null, null), 30, lots, model);
        }
    }
}
