package cl.cobranza.launcher;

import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.connectors.demo.PlatformDb;
import cl.cobranza.streaming.LocalJobRunner;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.Warehouse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad ERP rows go to the dead-letter topic with the field and the reason, and the good rows around
 * them keep flowing: an invalid RUT check digit, a negative total and an unknown DTE type; and a
 * collector's action with an unknown channel; and a payment whose invoice never arrives (reported after
 * the configured wait). All are counted for their client in the warehouse.
 */
@ExtendWith(SharedStack.class)
class DeadLetterTest {
    private static final String CLIENT = "dlq-rechazos";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void badRowsAreDeadLetteredWithTheirReasonAndGoodRowsStillArrive(LocalStack stack) throws Exception {
        stack.addClient(StackFixture.client(CLIENT));
        DemoClient c = stack.clients().get(CLIENT);
        try (Connection db = stack.postgres().connect(c.database()); Statement s = db.createStatement()) {
            s.execute("INSERT INTO customers (id, rut, name) VALUES (1, '12.345.678-5', 'Válido SpA')");
            s.execute("INSERT INTO customers (id, rut, name) VALUES (2, '12.345.678-9', 'Dígito Malo Ltda.')");
            s.execute("INSERT INTO invoices (id, dte_type, folio, customer_id, issue_date, due_date, total_clp)"
                    + " VALUES (1, 33, 10, 1, current_date, current_date + 30, -5000)");
            s.execute("INSERT INTO invoices (id, dte_type, folio, customer_id, issue_date, due_date, total_clp)"
                    + " VALUES (2, 39, 11, 1, current_date, current_date + 30, 80000)");
            s.execute("INSERT INTO invoices (id, dte_type, folio, customer_id, issue_date, due_date, total_clp)"
                    + " VALUES (3, 33, 12, 1, current_date, current_date + 30, 250000)");
            // a payment for an invoice that never arrives (an ERP without the foreign key, or a lost invoice)
            s.execute("ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_invoice_id_fkey");
            s.execute("INSERT INTO payments (id, invoice_id, paid_on, amount_clp) VALUES (1, 99, current_date, 40000)");
        }
        ApiClient api = new ApiClient(stack);
        // the good invoice arrives although bad rows came before it
        await().atMost(30, SECONDS).pollInterval(100, MILLISECONDS).ignoreExceptions()
                .until(() -> api.invoice(CLIENT, 3).map(n -> n.path("openClp").asLong() == 250_000).orElse(false));
        assertThat(api.invoice(CLIENT, 1)).isEmpty();
        assertThat(api.invoice(CLIENT, 2)).isEmpty();

        List<JsonNode> mine = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(LocalJobRunner.DEAD_LETTER_TOPIC));
            await().atMost(30, SECONDS).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode d = JSON.readTree(r.value());
                    if (CLIENT.equals(d.path("clientId").asText())) {
                        mine.add(d);
                    }
                }
                return mine.size() >= 3;
            });
        }
        assertThat(mine).extracting(d -> d.path("table").asText() + "." + d.path("field").asText())
                .containsExactlyInAnyOrder("customers.rut", "invoices.total_clp", "invoices.dte_type");
        JsonNode rut = mine.stream().filter(d -> d.path("field").asText().equals("rut")).findFirst().orElseThrow();
        assertThat(rut.path("reason").asText()).contains("wrong check digit").contains("expected 5");
        assertThat(rut.path("topic").asText()).isEqualTo("raw." + CLIENT + ".public.customers");
        assertThat(rut.path("value").asText()).contains("12.345.678-9");
        JsonNode dte = mine.stream().filter(d -> d.path("field").asText().equals("dte_type")).findFirst().orElseThrow();
        assertThat(dte.path("reason").asText()).contains("39").contains("expected 33");

        // a collector's action with an unknown channel, in the platform's shared table, counts for its client
        try (Connection db = stack.postgres().connect(PlatformDb.DATABASE); Statement s = db.createStatement()) {
            s.execute("INSERT INTO collections.collection_actions (client_id, invoice_id, action_date, channel, outcome)"
                    + " VALUES ('" + CLIENT + "', '3', current_date, 'FAX', 'DELIVERED')");
        }
        try (Warehouse w = new Warehouse(stack.warehouseReader())) {
            KpiQueries queries = new KpiQueries(w);
            await().atMost(30, SECONDS).pollInterval(200, MILLISECONDS)
                    .until(() -> queries.deadLetterCounts(TenantScope.everyClient(), List.of(CLIENT)).getOrDefault(CLIENT, 0L) == 5L);
            assertThat(queries.deadLetters(TenantScope.everyClient(), List.of(CLIENT), 10)).extracting(r -> r.table() + "." + r.field())
                    .containsExactlyInAnyOrder("customers.rut", "invoices.total_clp", "invoices.dte_type",
                            "collection_actions.channel", "payments.invoice_id");
            assertThat(queries.deadLetters(TenantScope.everyClient(), List.of(CLIENT), 10)).filteredOn(r -> r.field().equals("invoice_id"))
                    .singleElement().satisfies(r -> assertThat(r.reason())
                            .contains("40,000 CLP").contains("invoice 99").contains("kept"));
        }
    }
}
