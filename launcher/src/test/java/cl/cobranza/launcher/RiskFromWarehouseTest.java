package cl.cobranza.launcher;

import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.connectors.demo.DemoDataGenerator;
import cl.cobranza.connectors.demo.DemoErp;
import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.collection.DebtorStatus;
import cl.cobranza.core.risk.DebtorFeatures;
import cl.cobranza.core.risk.DebtorInvoice;
import cl.cobranza.core.risk.RiskEvaluation;
import cl.cobranza.core.risk.RiskModel;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WorklistQueries;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The risk loop on the real stack (issue 6): generated ERP histories and collection work go through Debezium,
 * Kafka and the Flink job into ClickHouse; the live debtor risk the job writes equals the model applied to the
 * warehouse's own copy of each debtor's invoices (two independent paths: the job's state and the stored rows);
 * and the model trained from the warehouse by {@link TrainRiskModel} beats days past due and amount × days past due
 * on the held-out weeks.
 */
@ExtendWith(SharedStack.class)
class RiskFromWarehouseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final List<DemoClient> CLIENTS = List.of(
            new DemoClient("riesgo-norte", "Riesgo Norte SpA", "76.543.210-3", "erp_riesgo_norte"),
            new DemoClient("riesgo-centro", "Riesgo Centro SpA", "77.123.456-9", "erp_riesgo_centro"),
            new DemoClient("riesgo-sur", "Riesgo Sur SpA", "96.555.444-0", "erp_riesgo_sur"));

    @Test
    void liveRiskMatchesTheWarehouseAndTheModelTrainedFromItBeatsTheBaselines(LocalStack stack) throws Exception {
        long t0 = System.nanoTime();
        long seed = 7;
        for (DemoClient c : CLIENTS) {
            DemoErp.install(stack.postgres(), c);
            try (DemoDataGenerator seeder = new DemoDataGenerator(stack.postgres(), List.of(c), 0, seed++,
                    Clock.system(SANTIAGO), true)) {
                seeder.seedIfEmpty(80, 2_500);
            }
            stack.addClient(c);
        }
        Map<String, Long> erpInvoices = new java.util.HashMap<>();
        for (DemoClient c : CLIENTS) {
            try (Connection conn = stack.postgres().connect(c.database());
                 ResultSet rs = conn.createStatement().executeQuery("SELECT count(*) FROM invoices")) {
                rs.next();
                erpInvoices.put(c.clientId(), rs.getLong(1));
            }
        }
        String ids = CLIENTS.stream().map(c -> "'" + c.clientId() + "'").collect(Collectors.joining(", "));
        try (Warehouse warehouse = new Warehouse(stack.warehouseReader())) {
            // every invoice has arrived, and every debtor with invoices has a risk row
            await("invoices and debtor risk in ClickHouse").atMost(180, SECONDS).pollInterval(500, MILLISECONDS)
                    .untilAsserted(() -> {
                        Map<String, Long> arrived = new java.util.HashMap<>();
                        for (JsonNode r : warehouse.query("SELECT client_id, count() AS n FROM invoice_state FINAL"
                                + " WHERE client_id IN (" + ids + ") GROUP BY client_id")) {
                            arrived.put(r.get("client_id").asText(), r.get("n").asLong());
                        }
                        assertThat(arrived).as("every client's invoices").isEqualTo(erpInvoices);
                        JsonNode debtors = warehouse.query("SELECT uniqExact(client_id, debtor_id) AS n FROM invoice_state"
                                + " WHERE client_id IN (" + ids + ")").get(0);
                        JsonNode scored = warehouse.query("SELECT uniqExact(client_id, debtor_id) AS n FROM debtor_risk"
                                + " WHERE client_id IN (" + ids + ")").get(0);
                        assertThat(scored.get("n").asLong()).isEqualTo(debtors.get("n").asLong()).isPositive();
                    });
            System.out.printf("seeded and captured %s invoices in %d ms%n", erpInvoices, (System.nanoTime() - t0) / 1_000_000);

            // the job's debtor risk equals the bundled model on the warehouse's rows, for every debtor of one client
            RiskModel model = RiskModel.bundled();
            WorklistQueries queries = new WorklistQueries(warehouse);
            String client = CLIENTS.get(0).clientId();
            await("the job's debtor risk settles on the warehouse's rows").atMost(60, SECONDS).pollInterval(1, SECONDS)
                    .untilAsserted(() -> {
                        LocalDate today = LocalDate.now(SANTIAGO);
                        Map<String, JsonNode> live = new java.util.HashMap<>();
                        for (JsonNode r : warehouse.query("SELECT debtor_id, argMax(debtor_logit, version) AS logit,"
                                + " argMax(as_of, version) AS as_of, argMax(model_version, version) AS model,"
                                + " argMax(consumer, version) AS consumer FROM debtor_risk WHERE client_id = '" + client
                                + "' GROUP BY debtor_id")) {
                            live.put(r.get("debtor_id").asText(), r);
                        }
                        int checked = 0;
                        for (WorklistQueries.DebtorHistory h : queries.debtorHistories(TenantScope.everyClient(), List.of(client))) {
                            JsonNode row = live.get(h.debtorId());
                            assertThat(row).as("risk row of " + h.debtorId()).isNotNull();
                            assertThat(row.get("as_of").asText()).isEqualTo(today.toString());
                            assertThat(row.get("model").asText()).isEqualTo(model.version());
                            boolean consumer = DebtorStatus.consumerByRut(h.rut());
                            assertThat(row.get("consumer").asInt() == 1).as("consumer flag of " + h.rut()).isEqualTo(consumer);
                            DebtorFeatures f = DebtorFeatures.asOf(h.invoices().stream().map(DebtorInvoice::from).toList(),
                                    consumer, today, ClientTerms.defaults().promiseGraceDays());
                            assertThat(row.get("logit").asDouble()).as("debtor logit of " + h.debtorId())
                                    .isCloseTo(model.debtorLogit(f), within(1e-9));
                            checked++;
                        }
                        assertThat(checked).isGreaterThan(50);
                    });

            // trained from the warehouse, evaluated on the held-out weeks
            TrainRiskModel.Result trained = TrainRiskModel.train(queries, CLIENTS.stream().map(DemoClient::clientId).toList(),
                    LocalDate.now(SANTIAGO), 28, "risk-test", ClientTerms.defaults().promiseGraceDays(), "test stack");
            System.out.println(trained.report());
            RiskEvaluation.Report r = trained.run().report();
            assertThat(trained.debtors()).isEqualTo(3 * 80);
            assertThat(r.holdoutCount()).isGreaterThan(200);
            assertThat(r.model().auc()).isGreaterThan(r.daysPastDue().auc()).isGreaterThan(0.5);
            assertThat(r.model().auc()).isGreaterThan(r.amountTimesDaysPastDue().auc());
            assertThat(r.model().brier()).isLessThan(r.daysPastDue().brier()).isLessThan(r.amountTimesDaysPastDue().brier());
            assertThat(RiskModel.parse(trained.run().model().write()).write()).isEqualTo(trained.run().model().write());
        }
    }
}
