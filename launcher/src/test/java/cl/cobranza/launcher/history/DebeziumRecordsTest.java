package cl.cobranza.launcher.history;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.events.PromiseChanged;
import cl.cobranza.core.normalize.SourceNormalizer;
import cl.cobranza.core.testkit.Days;
import cl.cobranza.core.testkit.RandomHistory;
import cl.cobranza.launcher.history.DebeziumRecords.Record;
import cl.cobranza.streaming.kafka.DebeziumEnvelope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.FEB_14;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.Facts.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event of a random history, encoded as the Debezium record the capture would have written and read
 * back by the job's own parsing ({@link DebeziumEnvelope}) and normaliser ({@link SourceNormalizer}), is the
 * event it started as; and a few records checked by hand against the real envelope's shape.
 */
class DebeziumRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CLIENTS = List.of("ferreteria-los-andes", "panaderia-el-trigal", "pyme-3");
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2025, 6, 30);

    private final SourceNormalizer normalizer = new SourceNormalizer();

    private List<CanonicalEvent> readBack(Record r, long offset) {
        return normalizer.normalize(DebeziumEnvelope.parse(r.raw(0, offset)));
    }

    @Test
    void everyEventOfRandomHistoriesReadsBackAsItself() {
        Set<String> topics = new TreeSet<>();
        Set<Character> ops = new TreeSet<>();
        int moves = 0;
        for (long seed = 1; seed <= 3; seed++) {
            RandomHistory h = RandomHistory.generate(seed, CLIENTS, FROM, TO);
            List<Record> records = DebeziumRecords.encode(h.sourceOrder());
            List<CanonicalEvent> covered = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                Record r = records.get(i);
                assertThat(readBack(r, i)).as("seed %d: %s", seed, r.value()).isEqualTo(r.events());
                covered.addAll(r.events());
                topics.add(r.topic());
                ops.add(r.op());
                moves += r.events().size() == 2 ? 1 : 0;
            }
            assertThat(covered).as("seed %d: every event, once, in source order", seed).isEqualTo(h.sourceOrder());
        }
        assertThat(ops).containsExactly('c', 'd', 'u');
        assertThat(moves).isPositive();
        List<String> expected = new ArrayList<>(List.of("raw.platform.collections.collection_actions",
                "raw.platform.collections.promises"));
        for (String client : CLIENTS) {
            for (String table : List.of("customers", "invoices", "credit_notes", "payments")) {
                expected.add("raw." + client + ".public." + table);
            }
        }
        assertThat(topics).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void deliveredRecordsReadBackAsTheArrivalOrder() {
        RandomHistory h = RandomHistory.generate(11, CLIENTS, FROM, TO);
        List<CanonicalEvent> arrival = h.arrivalOrder(5);
        List<Record> delivered = DebeziumRecords.inArrivalOrder(DebeziumRecords.encode(h.sourceOrder()), arrival);
        List<CanonicalEvent> read = new ArrayList<>();
        for (int i = 0; i < delivered.size(); i++) {
            read.addAll(readBack(delivered.get(i), i));
        }
        assertThat(read).isEqualTo(arrival);
    }

    // --- single records checked by hand

    @Test
    void anInvoiceIsACreateWithDatesAsEpochDays() throws Exception {
        Record r = DebeziumRecords.encode(List.of(
                new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_31, 1_250_000, false, 200))).get(0);
        assertThat(r.topic()).isEqualTo("raw.pyme-1.public.invoices");
        assertThat(JSON.readTree(r.key())).isEqualTo(JSON.readTree("{\"id\":1001}"));
        JsonNode v = JSON.readTree(r.value());
        assertThat(v.path("op").asText()).isEqualTo("c");
        assertThat(v.get("before").isNull()).isTrue();
        JsonNode after = v.path("after");
        assertThat(after.path("issue_date").asInt()).isEqualTo(Days.JAN_1_EPOCH_DAY); // 20 089
        assertThat(after.path("due_date").asInt()).isEqualTo(Days.JAN_1_EPOCH_DAY + 30);
        assertThat(after.path("total_clp").isIntegralNumber()).isTrue();
        assertThat(after.path("total_clp").asLong()).isEqualTo(1_250_000);
        assertThat(after.path("dte_type").asInt()).isEqualTo(33);
        assertThat(after.path("customer_id").asLong()).isEqualTo(7);
        assertThat(after.path("currency").asText()).isEqualTo("CLP");
        assertThat(v.path("source").path("lsn").asLong()).isEqualTo(200);
        assertThat(v.path("source").path("schema").asText()).isEqualTo("public");
        assertThat(v.path("source").path("table").asText()).isEqualTo("invoices");
    }

    @Test
    void anInvoiceWithoutDueDateHasANullColumn() throws Exception {
        Record r = DebeziumRecords.encode(List.of(
                new InvoiceChanged(CLIENT, "1001", "7", 34, 5001, JAN_1, null, 1_250_000, false, 200))).get(0);
        assertThat(JSON.readTree(r.value()).path("after").get("due_date").isNull()).isTrue();
        assertThat(readBack(r, 0)).isEqualTo(r.events());
    }

    @Test
    void aVoidedInvoiceIsADeleteWithTheBeforeImage() throws Exception {
        List<Record> rs = DebeziumRecords.encode(List.of(
                new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_31, 1_250_000, false, 200),
                new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_31, 1_190_000, false, 210),
                new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_31, 1_190_000, true, 220)));
        JsonNode corrected = JSON.readTree(rs.get(1).value());
        assertThat(corrected.path("op").asText()).isEqualTo("u");
        assertThat(corrected.path("before").path("total_clp").asLong()).isEqualTo(1_250_000);
        assertThat(corrected.path("after").path("total_clp").asLong()).isEqualTo(1_190_000);
        JsonNode voided = JSON.readTree(rs.get(2).value());
        assertThat(voided.path("op").asText()).isEqualTo("d");
        assertThat(voided.get("after").isNull()).isTrue();
        assertThat(voided.path("before").path("total_clp").asLong()).isEqualTo(1_190_000);
    }

    @Test
    void aReversedPaymentIsAnUpdateOfTheReversedFlag() throws Exception {
        List<Record> rs = DebeziumRecords.encode(List.of(
                new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 400_000, false, 300),
                new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 400_000, true, 310)));
        JsonNode v = JSON.readTree(rs.get(1).value());
        assertThat(rs.get(1).topic()).isEqualTo("raw.pyme-1.public.payments");
        assertThat(v.path("op").asText()).isEqualTo("u");
        assertThat(v.path("before").path("reversed").asBoolean()).isFalse();
        assertThat(v.path("after").path("reversed").asBoolean()).isTrue();
        assertThat(v.path("after").path("paid_on").asInt()).isEqualTo(Days.JAN_1_EPOCH_DAY + 40);
        assertThat(readBack(rs.get(1), 1)).containsExactly(
                new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 400_000, true, 310));
    }

    @Test
    void aMovedPaymentIsOneUpdateThatReadsBackAsRetractionAndNewVersion() throws Exception {
        PaymentChanged retraction = new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 400_000, true, 320);
        PaymentChanged moved = new PaymentChanged(CLIENT, "9001", "1002", FEB_10, 400_000, false, 320);
        List<Record> rs = DebeziumRecords.encode(List.of(
                new PaymentChanged(CLIENT, "9001", "1001", FEB_10, 400_000, false, 300), retraction, moved));
        assertThat(rs).hasSize(2);
        JsonNode v = JSON.readTree(rs.get(1).value());
        assertThat(v.path("op").asText()).isEqualTo("u");
        assertThat(v.path("before").path("invoice_id").asLong()).isEqualTo(1001);
        assertThat(v.path("after").path("invoice_id").asLong()).isEqualTo(1002);
        assertThat(v.path("after").path("reversed").asBoolean()).isFalse();
        assertThat(readBack(rs.get(1), 1)).containsExactly(retraction, moved);
    }

    @Test
    void aDebtorCarriesItsRutAsTheClerkTypedIt() throws Exception {
        Record r = DebeziumRecords.encode(List.of(
                new DebtorChanged(CLIENT, "7", "12345678-5", "Ferretería El Tornillo", false, 100))).get(0);
        assertThat(r.topic()).isEqualTo("raw.pyme-1.public.customers");
        assertThat(JSON.readTree(r.value()).path("after").path("rut").asText()).isEqualTo("12.345.678-5");
        assertThat(readBack(r, 0)).isEqualTo(r.events());
    }

    @Test
    void aPromiseGoesToThePlatformTopicWithItsAmountAsDecimalText() throws Exception {
        Record r = DebeziumRecords.encode(List.of(
                new PromiseChanged(CLIENT, "601", "1001", FEB_10, FEB_14, 400_000, false, 500))).get(0);
        assertThat(r.topic()).isEqualTo("raw.platform.collections.promises");
        JsonNode v = JSON.readTree(r.value());
        assertThat(v.path("after").path("amount_clp").isTextual()).isTrue();
        assertThat(v.path("after").path("amount_clp").asText()).isEqualTo("400000");
        assertThat(v.path("after").path("client_id").asText()).isEqualTo(CLIENT);
        assertThat(v.path("after").path("promised_date").asInt()).isEqualTo(Days.JAN_1_EPOCH_DAY + 44);
        assertThat(v.path("source").path("schema").asText()).isEqualTo("collections");
        assertThat(readBack(r, 0)).isEqualTo(r.events());
    }

    @Test
    void aDeletedActionIsADeleteOnThePlatformTopic() throws Exception {
        ActionRecorded call = new ActionRecorded(CLIENT, "501", "1001", FEB_10, Channel.CALL, Outcome.NO_ANSWER, 1,
                false, 400);
        ActionRecorded deleted = new ActionRecorded(CLIENT, "501", "1001", FEB_10, Channel.CALL, Outcome.NO_ANSWER, 1,
                true, 410);
        List<Record> rs = DebeziumRecords.encode(List.of(call, deleted));
        assertThat(rs.get(1).topic()).isEqualTo("raw.platform.collections.collection_actions");
        JsonNode v = JSON.readTree(rs.get(1).value());
        assertThat(v.path("op").asText()).isEqualTo("d");
        assertThat(v.path("before").path("channel").asText()).isEqualTo("CALL");
        assertThat(v.path("before").path("agent_minutes").asInt()).isEqualTo(1);
        assertThat(readBack(rs.get(1), 1)).containsExactly(deleted);
    }
}
