package cl.cobranza.launcher;

import cl.cobranza.core.testkit.ErpRows;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.ReceivablesQueries;
import cl.cobranza.warehouse.RejectedRow;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.Warehouse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Malformed records put straight on the raw topics, as a broken connector, a hand-written producer or an
 * attacker with topic access would: bad JSON, wrong shapes and types, huge strings and nesting, dates beyond
 * the warehouse's range, null keys and values. Each one that cannot be read reaches the dead-letter table with
 * the field to blame and its reason; the ones a Debezium consumer must tolerate (unknown fields and columns,
 * a null key, the schema-and-payload form) are read; a good invoice after each bad record still arrives; and
 * the job never fails (its Flink exception history stays empty of new entries).
 */
@ExtendWith(SharedStack.class)
class RawTopicBadInputTest {
    private static final String SOURCE = "raw-malos";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One record: its table, key and value (null = absent); the field and reason fragments a rejection must give. */
    private record Case(String name, String table, String key, byte[] value, String field, List<String> reason) {
        boolean rejected() {
            return field != null;
        }
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void bad(String name, String table, String value, String field, String... reason) {
        CASES.add(new Case(name, table, "{\"id\":0}", value == null ? null : value.getBytes(StandardCharsets.UTF_8), field,
                List.of(reason)));
    }

    private static void badBytes(String name, byte[] value, String field, String... reason) {
        CASES.add(new Case(name, "invoices", "{\"id\":0}", value, field, List.of(reason)));
    }

    /** A record that must be read although it is unusual; its invoice id must arrive. */
    private static void tolerated(String name, String key, String value) {
        CASES.add(new Case(name, "invoices", key, value.getBytes(StandardCharsets.UTF_8), null, List.of()));
    }

    static {
        // the envelope itself
        bad("truncated JSON", "invoices", "{\"op\":\"c\",\"after\":{\"id\":1", "value", "not JSON", "expected a Debezium change envelope");
        bad("a JSON array", "invoices", "[1,2,3]", "value", "not a JSON object");
        bad("a JSON string", "invoices", "\"factura 33\"", "value", "not a JSON object");
        bad("a JSON number", "invoices", "42", "value", "not a JSON object");
        bad("an empty value", "invoices", "", "value", "not a JSON object");
        bad("a tombstone (null value)", "invoices", null, "value", "empty record");
        bad("JSON with a NUL and garbage", "invoices", "{\u0000\u0001}", "value", "not JSON");
        badBytes("bytes that are not UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0x7b}, "value", "not JSON");
        bad("nesting 5,000 deep", "invoices", "[".repeat(5_000) + "]".repeat(5_000), "value", "not JSON", "nesting depth");
        bad("no op", "invoices", envelope(null, ErpRows.invoiceRow(), 1), "op", "missing or invalid op");
        bad("a word for op", "invoices", envelope("create", ErpRows.invoiceRow(), 1), "op", "'create'", "expected c, u, d or r");
        bad("op of the wrong type", "invoices", envelope(List.of("c"), ErpRows.invoiceRow(), 1), "op", "missing or invalid op");
        bad("no source block", "invoices", envelopeWithout("source", ErpRows.invoiceRow()), "source", "no lsn, pos or ts_ms");
        bad("a row image that is an array", "invoices", envelope("c", List.of(1, 2), 1), "after", "row image is not a JSON object");
        bad("a create without a row", "invoices", envelope("c", null, 1), "after", "no row image");
        // the row's fields: wrong types and values
        bad("total as a word", "invoices", envelope("c", ErpRows.with(ErpRows.invoiceRow(), "total_clp", "mucho"), 1),
                "total_clp", "not a number", "'mucho'");
        bad("total as an object", "invoices", envelope("c", ErpRows.with(ErpRows.invoiceRow(), "total_clp", Map.of("v", 1)), 1),
                "total_clp", "not a number");
        bad("total as a boolean", "invoices", envelope("c", ErpRows.with(ErpRows.invoiceRow(), "total_clp", true), 1),
                "total_clp", "not a number");
        bad("total with 40 digits", "invoices", envelope("c", ErpRows.with(ErpRows.invoiceRow(), "total_clp",
                new java.math.BigDecimal("1" + "0".repeat(39))), 1), "total_clp", "amount");
        bad("dte_type as a word", "invoices", envelope("c", ErpRows.with(ErpRows.invoiceRow(), "dte_type", "factura"), 1),
                "dte_type", "factura");
        bad("issue date as a word", "invoices", envelope("c", ErpRows.with(ErpRows.invoiceRow(), "issue_date", "ayer"), 1),
                "issue_date", "not a date", "'ayer'");
        bad("issue date in the year 275,000", "invoices", envelope("c", ErpRows.with(ErpRows.invoiceRow(), "issue_date", 99_999_999L), 1),
                "issue_date", "out of range", "1970-01-01", "2105-12-31");
        bad("due date before 1970", "invoices", envelope("c", ErpRows.with(ErpRows.invoiceRow(), "due_date", -400L), 1),
                "due_date", "out of range");
        bad("a customer name of 200,000 characters", "customers",
                envelope("c", ErpRows.with(ErpRows.customerRow(), "name", "N".repeat(200_000)), 1), "name", "too long: 200,000 characters");
        bad("a RUT of 5,000 characters", "customers",
                envelope("c", ErpRows.with(ErpRows.customerRow(), "rut", "1".repeat(5_000)), 1), "rut");
        bad("a customer without a name", "customers", envelope("c", ErpRows.with(ErpRows.customerRow(), "name", null), 1),
                "name", "missing");
        bad("a payment amount as text with letters", "payments",
                envelope("c", ErpRows.with(ErpRows.paymentRow(), "amount_clp", "12abc"), 1), "amount_clp", "not a number");
        CASES.add(new Case("a null key and an unreadable value", "invoices", null, "{{".getBytes(StandardCharsets.UTF_8),
                "value", List.of("not JSON")));
        // what a Debezium consumer must read although it is unusual
        tolerated("an unknown field in the envelope", "{\"id\":900001}", withField(envelope("c", invoice(900_001), 1), "transaction", Map.of("id", "tx-1")));
        tolerated("an unknown column in the row", "{\"id\":900002}", envelope("c", ErpRows.with(invoice(900_002), "color", "rojo"), 1));
        tolerated("a null key", null, envelope("c", invoice(900_003), 1));
        tolerated("schema and payload (schemas enabled)", "{\"id\":900004}", "{\"schema\":{\"type\":\"struct\"},\"payload\":"
                + envelope("c", invoice(900_004), 1) + "}");
    }

    @Test
    void malformedRecordsAreDeadLetteredAndNothingElseIsLostOrStops(LocalStack stack) throws Exception {
        int failuresBefore = stack.job().failures();
        List<String> tables = List.of("invoices", "customers", "payments");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            admin.createTopics(tables.stream().map(t -> new NewTopic(topic(t), 1, (short) 1)).toList()).all().get();
        }
        Map<String, Case> byRecord = new HashMap<>();
        List<Long> goodInvoices = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            long goodId = 800_000;
            for (Case c : CASES) {
                RecordMetadata m = producer.send(new ProducerRecord<>(topic(c.table()),
                        c.key() == null ? null : c.key().getBytes(StandardCharsets.UTF_8), c.value())).get();
                byRecord.put(m.topic() + "@" + m.offset(), c);
                long id = goodId++;
                producer.send(new ProducerRecord<>(topic("invoices"), ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8),
                        envelope("c", invoice(id), 1).getBytes(StandardCharsets.UTF_8))).get();
                goodInvoices.add(id);
            }
        }
        List<Case> rejected = CASES.stream().filter(Case::rejected).toList();
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(30);

        try (Warehouse w = new Warehouse(stack.warehouseReader())) {
            KpiQueries kpis = new KpiQueries(w);
            ReceivablesQueries invoices = new ReceivablesQueries(w);
            await().atMost(60, SECONDS).pollInterval(250, MILLISECONDS).until(() ->
                    kpis.deadLetterCounts(TenantScope.everyClient(), List.of(SOURCE)).getOrDefault(SOURCE, 0L) >= rejected.size());
            List<RejectedRow> letters = kpis.deadLetters(TenantScope.everyClient(), List.of(SOURCE), 1_000);
            assertThat(letters).as("one dead letter per unreadable record, nothing else").hasSize(rejected.size());
            Map<String, RejectedRow> byCase = new LinkedHashMap<>();
            for (RejectedRow r : letters) {
                Case c = byRecord.get(r.topic() + "@" + r.offset());
                assertThat(c).as("dead letter %s@%d is one of the bad records", r.topic(), r.offset()).isNotNull();
                byCase.put(c.name(), r);
            }
            org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
            for (Case c : rejected) {
                RejectedRow r = byCase.get(c.name());
                assertThat(r).as("dead letter for: %s", c.name()).isNotNull();
                System.out.printf("raw-topic case %-40s → %s: %s%n", c.name(), r.field(),
                        r.reason().length() > 160 ? r.reason().substring(0, 160) + "…" : r.reason());
                soft.assertThat(r.clientId()).isEqualTo(SOURCE);
                soft.assertThat(r.field()).as("%s: %s", c.name(), r.reason()).isEqualTo(c.field());
                for (String fragment : c.reason()) {
                    soft.assertThat(r.reason()).as(c.name()).contains(fragment);
                }
            }
            soft.assertAll();
            List<Long> expected = new ArrayList<>(goodInvoices);
            CASES.stream().filter(c -> !c.rejected()).forEach(c -> expected.add(toleratedId(c)));
            for (long id : expected) {
                await("invoice " + id).atMost(30, SECONDS).pollInterval(100, MILLISECONDS)
                        .until(() -> invoices.invoice(TenantScope.everyClient(), SOURCE, Long.toString(id)).isPresent());
            }
        }
        assertThat(stack.job().failures()).as("the job never failed on a bad record").isEqualTo(failuresBefore);
    }

    private static long toleratedId(Case c) {
        String v = new String(c.value(), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":(9000\\d\\d)").matcher(v);
        assertThat(m.find()).as(c.name()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String topic(String table) {
        return "raw." + SOURCE + ".public." + table;
    }

    private static Map<String, Object> invoice(long id) {
        return ErpRows.with(ErpRows.invoiceRow(), "id", id, "folio", id);
    }

    private static String envelope(Object op, Object after, long position) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("before", null);
        e.put("after", after);
        if (op != null) {
            e.put("op", op);
        }
        e.put("source", Map.of("lsn", position));
        return json(e);
    }

    private static String envelopeWithout(String field, Map<String, Object> after) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("before", null);
        e.put("after", after);
        e.put("op", "c");
        e.put("source", Map.of("lsn", 1));
        e.remove(field);
        return json(e);
    }

    private static String withField(String envelope, String field, Object value) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = JSON.readValue(envelope, LinkedHashMap.class);
            e.put(field, value);
            return json(e);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
