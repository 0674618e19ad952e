package cl.cobranza.launcher;

import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.core.testkit.BadRows;
import cl.cobranza.core.testkit.ErpRows;
import cl.cobranza.core.testkit.EspanolRows;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.ReceivablesQueries;
import cl.cobranza.warehouse.RejectedRow;
import cl.cobranza.warehouse.Warehouse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole bad-row corpus ({@link BadRows}: 40 cases over the demo-erp and erp-espanol profiles) sent as
 * Debezium records through Kafka and the Flink job, each between two good invoices: every bad row reaches the
 * dead-letter table with the column it must blame and its reason, and every good invoice arrives.
 */
@ExtendWith(SharedStack.class)
class BadRowsEndToEndTest {
    static final String DEMO_SOURCE = "br-demo";
    static final String ESPANOL_SOURCE = "br-espanol";
    /** The profiles of this test's sources, given to the shared stack's job at start. */
    static final String PROFILES = DEMO_SOURCE + ":" + BadRows.DEMO + ";" + ESPANOL_SOURCE + ":" + BadRows.ESPANOL;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyBadRowIsDeadLetteredWithItsReasonAndTheGoodRowsAroundItArrive(LocalStack stack) throws Exception {
        List<BadRows.BadRow> corpus = BadRows.all();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(25);
        Map<String, BadRows.BadRow> byRecord = new HashMap<>();
        Map<String, List<Long>> goodInvoices = new LinkedHashMap<>();
        createTopics(stack, corpus);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            long position = 1_000;
            long goodId = 70_000;
            for (BadRows.BadRow bad : corpus) {
                String source = source(bad);
                sendGood(producer, source, bad.profile(), goodId++, position++, goodInvoices);
                RecordMetadata m = producer.send(new ProducerRecord<>(topic(source, bad.table()), "{\"id\":0}",
                        envelope(bad.op(), bad.before(), bad.after(), position++))).get();
                byRecord.put(m.topic() + "@" + m.offset(), bad);
                sendGood(producer, source, bad.profile(), goodId++, position++, goodInvoices);
            }
        }

        try (Warehouse w = new Warehouse(stack.warehouseReader())) {
            KpiQueries kpis = new KpiQueries(w);
            ReceivablesQueries invoices = new ReceivablesQueries(w);
            List<String> sources = List.of(DEMO_SOURCE, ESPANOL_SOURCE);
            await().atMost(60, SECONDS).pollInterval(250, MILLISECONDS).until(() ->
                    kpis.deadLetterCounts(TenantScope.everyClient(), sources).values().stream().mapToLong(Long::longValue).sum() >= corpus.size());
            List<RejectedRow> rejected = kpis.deadLetters(TenantScope.everyClient(), sources, 1_000);
            assertThat(rejected).as("one dead letter per bad row, nothing else").hasSize(corpus.size());
            Set<String> seen = new LinkedHashSet<>();
            for (RejectedRow r : rejected) {
                BadRows.BadRow bad = byRecord.get(r.topic() + "@" + r.offset());
                assertThat(bad).as("dead letter %s@%d is one of the bad rows", r.topic(), r.offset()).isNotNull();
                seen.add(bad.name());
                assertThat(r.clientId()).isEqualTo(source(bad));
                assertThat(r.table()).isEqualTo(bad.table());
                assertThat(r.recordKey()).as("the source row's key").isEqualTo("{\"id\":0}");
                assertThat(r.field()).as(bad.toString()).isEqualTo(bad.field());
                for (String fragment : bad.reason()) {
                    assertThat(r.reason()).as(bad.toString()).contains(fragment);
                }
            }
            assertThat(seen).hasSize(corpus.size());
            for (Map.Entry<String, List<Long>> e : goodInvoices.entrySet()) {
                for (long id : e.getValue()) {
                    await("good invoice " + e.getKey() + "/" + id).atMost(30, SECONDS).pollInterval(100, MILLISECONDS)
                            .until(() -> invoices.invoice(TenantScope.everyClient(), e.getKey(), Long.toString(id)).isPresent());
                }
            }
        }
    }

    private static String source(BadRows.BadRow bad) {
        return bad.profile().equals(BadRows.DEMO) ? DEMO_SOURCE : ESPANOL_SOURCE;
    }

    private static String topic(String source, String table) {
        return "raw." + source + ".public." + table;
    }

    /** A valid invoice of the source's profile, with its own id and folio. */
    private static void sendGood(KafkaProducer<String, String> producer, String source, String profile, long id,
                                 long position, Map<String, List<Long>> sent) throws Exception {
        boolean demo = profile.equals(BadRows.DEMO);
        Map<String, Object> row = demo ? ErpRows.invoiceRow() : EspanolRows.facturaRow();
        row.put("id", id);
        row.put("folio", id);
        String table = demo ? "invoices" : "documentos";
        producer.send(new ProducerRecord<>(topic(source, table), "{\"id\":" + id + "}", envelope('c', null, row, position))).get();
        sent.computeIfAbsent(source, k -> new ArrayList<>()).add(id);
    }

    private static String envelope(char op, Map<String, Object> before, Map<String, Object> after, long position)
            throws Exception {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("before", before);
        e.put("after", after);
        e.put("op", String.valueOf(op));
        e.put("source", Map.of("lsn", position));
        return JSON.writeValueAsString(e);
    }

    private static void createTopics(LocalStack stack, List<BadRows.BadRow> corpus) throws Exception {
        Set<String> topics = new LinkedHashSet<>();
        for (BadRows.BadRow bad : corpus) {
            topics.add(topic(source(bad), bad.table()));
        }
        topics.add(topic(DEMO_SOURCE, "invoices"));
        topics.add(topic(ESPANOL_SOURCE, "documentos"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        }
    }
}
