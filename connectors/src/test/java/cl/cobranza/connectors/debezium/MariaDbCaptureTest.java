package cl.cobranza.connectors.debezium;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cl.cobranza.connectors.debezium.RawTopics.Change;
import cl.cobranza.connectors.kafka.KafkaBroker;
import cl.cobranza.connectors.mariadb.MariaDbBinlogCapture;
import cl.cobranza.connectors.mariadb.MariaDbServer;
import cl.cobranza.core.normalize.BinlogPosition;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MariaDB capture against a real {@code mariadbd} and a real (in-process) Kafka broker: the records' fields,
 * positions, and what happens when the capture or the database is restarted mid-stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbCaptureTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private KafkaBroker kafka;
    private Path kafkaDir;

    @BeforeAll
    void startKafka() throws Exception {
        kafkaDir = Files.createTempDirectory("mariadb-capture-kafka");
        kafka = KafkaBroker.start(kafkaDir, MariaDbServer.freePort(), MariaDbServer.freePort(), 1);
    }

    @AfterAll
    void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void snapshotThenInsertsUpdatesAndDeletesArriveFieldByField(@TempDir Path dir) throws Exception {
        try (MariaDbServer db = MariaDbErp.start(dir.resolve("mariadb"));
             RawTopics topics = new RawTopics(kafka.bootstrapServers(), "ferreteria")) {
            MariaDbErp.exec(db,
                    "INSERT INTO clientes (id, rut_cuerpo, rut_dv, razon_social) VALUES (1, 76543210, '3', 'Ferretería Los Andes SpA')",
                    "INSERT INTO documentos (id, tipo_dte, folio, cliente_id, fecha_emision, fecha_vencimiento, monto_total, "
                            + "moneda, documento_ref_id, anulado) VALUES (1, 33, 1001, 1, '2026-11-02', '2026-12-02', 1190000.00, 'CLP', NULL, FALSE)");
            try (SourceCapture capture = SourceCapture.start(MariaDbErp.source("ferreteria", db),
                    dir.resolve("offsets"), kafka.bootstrapServers(), WAIT)) {
                assertThat(capture).isInstanceOf(MariaDbBinlogCapture.class);
                assertThat(capture.state()).isEqualTo("RUNNING");
                List<Change> snapshot = topics.awaitCount(2, WAIT);
                Change cliente = only(snapshot, "raw.ferreteria.erp.clientes", "r");
                assertThat(cliente.key().toString()).isEqualTo("{\"id\":1}");
                assertThat(cliente.before()).isNull();
                assertThat(cliente.after().get("rut_cuerpo").asInt()).isEqualTo(76543210);
                assertThat(cliente.after().get("rut_dv").asText()).isEqualTo("3");
                assertThat(cliente.after().get("razon_social").asText()).isEqualTo("Ferretería Los Andes SpA");

                Change doc = only(snapshot, "raw.ferreteria.erp.documentos", "r");
                JsonNode after = doc.after();
                assertThat(after.get("id").asLong()).isEqualTo(1);
                assertThat(after.get("tipo_dte").asInt()).isEqualTo(33);
                assertThat(after.get("folio").asLong()).isEqualTo(1001);
                assertThat(after.get("cliente_id").asLong()).isEqualTo(1);
                // DATE as days since 1970-01-01, DECIMAL as exact text, BOOLEAN (TINYINT(1)) as a JSON boolean
                assertThat(after.get("fecha_emision").isInt()).isTrue();
                assertThat(after.get("fecha_emision").asLong()).isEqualTo(LocalDate.of(2026, 11, 2).toEpochDay());
                assertThat(after.get("fecha_vencimiento").asLong()).isEqualTo(LocalDate.of(2026, 12, 2).toEpochDay());
                assertThat(after.get("monto_total").isTextual()).isTrue();
                assertThat(after.get("monto_total").asText()).isEqualTo("1190000.00");
                assertThat(after.get("moneda").asText()).isEqualTo("CLP");
                assertThat(after.get("documento_ref_id").isNull()).isTrue();
                assertThat(after.get("anulado").isBoolean()).isTrue();
                assertThat(after.get("anulado").asBoolean()).isFalse();
                JsonNode source = doc.source();
                assertThat(source.get("connector").asText()).isEqualTo("mariadb");
                assertThat(source.get("name").asText()).isEqualTo("raw.ferreteria");
                assertThat(source.get("db").asText()).isEqualTo("erp");
                assertThat(source.get("table").asText()).isEqualTo("documentos");
                assertThat(source.get("file").asText()).matches("binlog\\.\\d{6}");
                assertThat(source.get("pos").asLong()).isPositive();
                assertThat(source.get("snapshot").asText()).isEqualTo("true");
                assertThat(source.get("server_id").asLong()).isEqualTo(1);
                assertThat(source.get("row").asInt()).isZero();
                assertThat(doc.value().get("ts_ms").asLong()).isPositive();

                MariaDbErp.exec(db, "INSERT INTO documentos (id, tipo_dte, folio, cliente_id, fecha_emision, fecha_vencimiento, "
                        + "monto_total, moneda, documento_ref_id, anulado) VALUES (2, 61, 501, 1, '2026-11-10', NULL, 190000.00, 'CLP', 1, FALSE)");
                MariaDbErp.exec(db, "UPDATE documentos SET monto_total = 1250000.50 WHERE id = 1");
                MariaDbErp.exec(db, "UPDATE documentos SET anulado = TRUE WHERE id = 1");
                MariaDbErp.exec(db,
                        "INSERT INTO abonos (id, cliente_id, fecha, monto, medio_pago, reversado) VALUES (1, 1, '2026-11-15', 500000.00, 'transferencia', FALSE)",
                        "INSERT INTO aplicaciones_abono (id, abono_id, documento_id, monto_aplicado) VALUES (1, 1, 1, 500000.00)");
                MariaDbErp.exec(db, "DELETE FROM documentos WHERE id = 2");
                List<Change> all = topics.awaitCount(8, WAIT);
                List<Change> streamed = all.subList(2, all.size());
                assertThat(streamed).allSatisfy(c -> assertThat(c.source().get("snapshot").asText()).isEqualTo("false"));

                List<Change> docs = of(streamed, "raw.ferreteria.erp.documentos");
                assertThat(docs).extracting(Change::op).containsExactly("c", "u", "u", "d");
                Change nota = docs.get(0);
                assertThat(nota.before()).isNull();
                assertThat(nota.after().get("tipo_dte").asInt()).isEqualTo(61);
                assertThat(nota.after().get("fecha_vencimiento").isNull()).isTrue();
                assertThat(nota.after().get("documento_ref_id").asLong()).isEqualTo(1);
                assertThat(nota.after().get("monto_total").asText()).isEqualTo("190000.00");

                Change monto = docs.get(1);
                assertThat(monto.key().get("id").asLong()).isEqualTo(1);
                assertThat(monto.before().get("monto_total").asText()).isEqualTo("1190000.00");
                assertThat(monto.after().get("monto_total").asText()).isEqualTo("1250000.50");
                assertThat(monto.before().get("fecha_emision")).isEqualTo(monto.after().get("fecha_emision"));

                Change anulado = docs.get(2);
                assertThat(anulado.before().get("anulado").asBoolean()).isFalse();
                assertThat(anulado.after().get("anulado").asBoolean()).isTrue();
                assertThat(anulado.after().get("monto_total").asText()).isEqualTo("1250000.50");

                Change borrado = docs.get(3);
                assertThat(borrado.key().get("id").asLong()).isEqualTo(2);
                assertThat(borrado.after()).isNull();
                assertThat(borrado.before().get("folio").asLong()).isEqualTo(501);

                Change abono = only(streamed, "raw.ferreteria.erp.abonos", "c");
                assertThat(abono.after().get("fecha").asLong()).isEqualTo(LocalDate.of(2026, 11, 15).toEpochDay());
                assertThat(abono.after().get("monto").asText()).isEqualTo("500000.00");
                assertThat(abono.after().get("medio_pago").asText()).isEqualTo("transferencia");
                assertThat(abono.after().get("reversado").asBoolean()).isFalse();
                Change aplicacion = only(streamed, "raw.ferreteria.erp.aplicaciones_abono", "c");
                assertThat(aplicacion.after().get("monto_aplicado").asText()).isEqualTo("500000.00");
                // one transaction: the same MariaDB GTID (domain-server-sequence)
                assertThat(abono.source().get("gtid").asText()).matches("0-1-\\d+");
                assertThat(aplicacion.source().get("gtid").asText()).isEqualTo(abono.source().get("gtid").asText());
                assertThat(nota.source().get("gtid").asText()).isNotEqualTo(abono.source().get("gtid").asText());

                // document 1's versions: snapshot read, then two updates, in strictly increasing position
                List<Long> doc1 = new ArrayList<>();
                doc1.add(position(doc));
                doc1.add(position(monto));
                doc1.add(position(anulado));
                assertThat(doc1).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
                // and the whole stream, in Kafka order within a table, as well
                assertThat(docs.stream().map(MariaDbCaptureTest::position).toList()).doesNotHaveDuplicates()
                        .isSortedAccordingTo(Comparator.naturalOrder());
                assertThat(capture.failed()).isFalse();
                assertThat(topics.drain(Duration.ofSeconds(1))).hasSize(8); // nothing extra (no tombstones)
                assertThat(capture.captured()).isEqualTo(8);
            }
        }
    }

    @Test
    void theCaptureSurvivesAMariaDbRestartAndPositionsKeepIncreasing(@TempDir Path dir) throws Exception {
        Logger captureLog = (Logger) LoggerFactory.getLogger(MariaDbBinlogCapture.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        captureLog.addAppender(log);
        MariaDbServer db = MariaDbErp.start(dir.resolve("mariadb"));
        MariaDbServer.Config config = db.config();
        MariaDbErp.exec(db,
                "INSERT INTO clientes (id, rut_cuerpo, rut_dv, razon_social) VALUES (7, 77123456, '9', 'Panadería El Trigal Ltda.')",
                "INSERT INTO documentos (id, tipo_dte, folio, cliente_id, fecha_emision, fecha_vencimiento, monto_total) "
                        + "VALUES (70, 33, 7001, 7, '2026-10-01', '2026-10-31', 99000.00)");
        try (RawTopics topics = new RawTopics(kafka.bootstrapServers(), "panaderia");
             SourceCapture capture = SourceCapture.start(MariaDbErp.source("panaderia", db), dir.resolve("offsets"),
                     kafka.bootstrapServers(), WAIT)) {
            topics.awaitCount(2, WAIT); // the snapshot
            // changes enough that the first binlog file's position is well past where the next file starts
            for (int i = 1; i <= 20; i++) {
                MariaDbErp.exec(db, "UPDATE documentos SET monto_total = monto_total + 1 WHERE id = 70");
            }
            List<Change> before = topics.awaitCount(22, WAIT);
            Change lastBefore = before.get(before.size() - 1);
            assertThat(lastBefore.after().get("monto_total").asText()).isEqualTo("99020.00");

            long stoppedAt = System.nanoTime();
            long stoppedAtMillis = System.currentTimeMillis();
            db.close();
            Set<String> statesWhileDown = new TreeSet<>();
            while (System.nanoTime() - stoppedAt < 12_000_000_000L) { // the capture retries while the server is down
                statesWhileDown.add(capture.state());
                Thread.sleep(100);
            }
            assertThat(statesWhileDown).contains("RETRYING").doesNotContain("FAILED");
            db = MariaDbServer.start(config);
            long restartedAt = System.nanoTime();
            MariaDbErp.exec(db, "UPDATE documentos SET monto_total = 1.00 WHERE id = 70");
            MariaDbErp.exec(db, "INSERT INTO abonos (id, cliente_id, fecha, monto, medio_pago) VALUES (1, 7, '2026-11-01', 1.00, 'efectivo')");
            List<Change> after = topics.awaitUntil(c -> c.stream().anyMatch(x -> x.topic().endsWith(".abonos")), WAIT,
                    "the changes made after the restart");
            long resumedAt = after.get(after.size() - 1).readAtNanos();
            assertThat(capture.state()).isEqualTo("RUNNING");

            Change firstAfter = after.stream().filter(c -> c.topic().endsWith(".documentos")
                    && c.after().get("monto_total").asText().equals("1.00")).findFirst().orElseThrow();
            assertThat(firstAfter.before().get("monto_total").asText()).isEqualTo("99020.00");
            assertThat(BinlogPosition.fileNumber(firstAfter.source().get("file").asText()))
                    .isGreaterThan(BinlogPosition.fileNumber(lastBefore.source().get("file").asText()));
            // pos alone went backwards (a new binlog file), the combined position did not
            assertThat(firstAfter.source().get("pos").asLong()).isLessThan(lastBefore.source().get("pos").asLong());
            List<Long> versions = after.stream().filter(c -> c.topic().endsWith(".documentos"))
                    .map(MariaDbCaptureTest::position).toList();
            assertThat(versions).isSortedAccordingTo(Comparator.naturalOrder()).doesNotHaveDuplicates();
            // nothing was sent twice: the capture resumed where it had stopped
            assertThat(after.stream().filter(c -> c.topic().endsWith(".documentos")).count()).isEqualTo(22);
            assertThat(capture.failed()).isFalse();

            List<String> lines = new ArrayList<>();
            synchronized (log.list) {
                log.list.stream().filter(e -> e.getTimeStamp() >= stoppedAtMillis)
                        .forEach(e -> lines.add(e.getTimeStamp() + " " + e.getLevel() + " " + e.getFormattedMessage()));
            }
            System.out.printf("MariaDB down for %d ms; first change after the restart in Kafka %d ms after the server was up%n",
                    (restartedAt - stoppedAt) / 1_000_000, (resumedAt - restartedAt) / 1_000_000);
            lines.forEach(l -> System.out.println("  capture log: " + l));
            assertThat(lines.stream().filter(l -> l.contains("; retry ")).count()).isGreaterThanOrEqualTo(3);
            assertThat(lines).anyMatch(l -> l.contains("streaming the binlog"));
        } finally {
            captureLog.detachAppender(log);
            db.close();
        }
    }

    @Test
    void restartingTheCaptureMidStreamLosesNoChange(@TempDir Path dir) throws Exception {
        int singles = 2000;
        int bulkEvery = 100;
        int bulkRows = 50;
        try (MariaDbServer db = MariaDbErp.start(dir.resolve("mariadb"));
             RawTopics topics = new RawTopics(kafka.bootstrapServers(), "transportes")) {
            MariaDbErp.exec(db, "INSERT INTO clientes (id, rut_cuerpo, rut_dv, razon_social) VALUES (1, 96555444, '0', 'Transportes Austral S.A.')");
            DebeziumCapture.Source source = MariaDbErp.source("transportes", db);
            Path offsets = dir.resolve("offsets");
            AtomicReference<SourceCapture> capture = new AtomicReference<>(
                    SourceCapture.start(source, offsets, kafka.bootstrapServers(), WAIT));
            AtomicReference<Throwable> writerError = new AtomicReference<>();
            Set<Long> written = java.util.Collections.synchronizedSet(new TreeSet<>());
            Thread writer = new Thread(() -> {
                try (Connection c = db.connect(MariaDbErp.DATABASE);
                     PreparedStatement ps = c.prepareStatement("INSERT INTO abonos (id, cliente_id, fecha, monto, medio_pago) "
                             + "VALUES (?, 1, '2026-11-20', ?, 'cheque')")) {
                    long id = 0;
                    for (int i = 1; i <= singles; i++) {
                        boolean bulk = i % bulkEvery == 0; // now and then a transaction of many rows
                        c.setAutoCommit(!bulk);
                        for (int r = 0; r < (bulk ? bulkRows : 1); r++) {
                            id++;
                            ps.setLong(1, id);
                            ps.setString(2, id + ".50");
                            ps.executeUpdate();
                            if (!bulk) {
                                written.add(id);
                            }
                        }
                        if (bulk) {
                            c.commit();
                            for (long k = id - bulkRows + 1; k <= id; k++) {
                                written.add(k);
                            }
                        }
                        if (i % 50 == 0) {
                            Thread.sleep(25);
                        }
                    }
                } catch (Throwable t) {
                    writerError.set(t);
                }
            }, "erp-writer");
            writer.start();
            // stop the capture twice while the writer is busy, each time after more changes got through
            for (int restart = 1; restart <= 2; restart++) {
                int seen = topics.all().size();
                topics.awaitCount(seen + 300, WAIT);
                capture.get().close();
                int atStop = topics.all().size();
                Thread.sleep(500);
                capture.set(SourceCapture.start(source, offsets, kafka.bootstrapServers(), WAIT));
                System.out.printf("capture restart %d after %d records; writer had written %d rows%n", restart, atStop,
                        written.size());
            }
            writer.join(120_000);
            assertThat(writerError.get()).isNull();
            assertThat(writer.isAlive()).as("writer finished").isFalse();
            int total = written.size();
            assertThat(total).isEqualTo(singles - singles / bulkEvery + (singles / bulkEvery) * bulkRows);
            List<Change> all = topics.awaitUntil(c -> ids(c, ".abonos").keySet().containsAll(written), WAIT,
                    "all " + total + " abonos");
            Map<Long, Long> counts = ids(all, ".abonos");
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(written);
            long duplicates = counts.values().stream().mapToLong(n -> n - 1).sum();
            System.out.printf("%d rows written, %d records read, %d duplicates after 2 capture restarts%n", total,
                    counts.values().stream().mapToLong(Long::longValue).sum(), duplicates);
            // rows written while the first snapshot ran are snapshot reads, the rest inserts
            assertThat(all).filteredOn(c -> c.topic().endsWith(".abonos")).allSatisfy(c -> assertThat(c.op()).isIn("r", "c"));
            assertThat(capture.get().failed()).isFalse();
            capture.get().close();
        }
    }

    @Test
    void aCaptureStartedWhileMariaDbIsDownRetriesUntilItIsUp(@TempDir Path dir) throws Exception {
        MariaDbServer db = MariaDbErp.start(dir.resolve("mariadb"));
        MariaDbErp.exec(db, "INSERT INTO clientes (id, rut_cuerpo, rut_dv, razon_social) VALUES (3, 78111222, 'K', 'Comercial Ñandú Ltda.')");
        MariaDbServer.Config config = db.config();
        DebeziumCapture.Source source = MariaDbErp.source("comercial", db);
        db.close();
        try (RawTopics topics = new RawTopics(kafka.bootstrapServers(), "comercial");
             SourceCapture capture = SourceCapture.start(source, dir.resolve("offsets"), kafka.bootstrapServers(),
                     Duration.ofSeconds(3))) {
            // start returned after its timeout: not failed, retrying
            assertThat(capture.failed()).isFalse();
            assertThat(capture.state()).isEqualTo("RETRYING");
            Thread.sleep(2_000);
            assertThat(capture.state()).isEqualTo("RETRYING");
            db = MariaDbServer.start(config);
            long up = System.nanoTime();
            long deadline = up + WAIT.toNanos();
            while (!capture.state().equals("RUNNING") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(capture.state()).isEqualTo("RUNNING");
            System.out.printf("capture running %d ms after MariaDB came up%n", (System.nanoTime() - up) / 1_000_000);
            MariaDbErp.exec(db, "UPDATE clientes SET razon_social = 'Comercial Ñandú SpA' WHERE id = 3");
            List<Change> all = topics.awaitCount(2, WAIT);
            assertThat(all).extracting(Change::op).containsExactly("r", "u");
            assertThat(all.get(1).after().get("razon_social").asText()).isEqualTo("Comercial Ñandú SpA");
            assertThat(all.get(1).before().get("razon_social").asText()).isEqualTo("Comercial Ñandú Ltda.");
            assertThat(all.get(1).after().get("rut_dv").asText()).isEqualTo("K");
        } finally {
            db.close();
        }
    }

    @Test
    void aBadServerSettingIsAConfigurationErrorThatNamesTheVariable(@TempDir Path dir) throws Exception {
        try (MariaDbServer db = MariaDbErp.start(dir.resolve("mariadb"))) {
            DebeziumCapture.Source source = MariaDbErp.source("mal-configurada", db);
            MariaDbErp.exec(db, "SET GLOBAL binlog_format = 'STATEMENT'");
            assertThatThrownBy(() -> SourceCapture.start(source, dir.resolve("offsets"), kafka.bootstrapServers(), WAIT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("capture of source mal-configurada failed to start")
                    .hasMessageContaining("binlog_format is STATEMENT")
                    .hasMessageContaining("binlog_format=ROW");
            MariaDbErp.exec(db, "SET GLOBAL binlog_format = 'ROW'", "SET GLOBAL binlog_row_image = 'MINIMAL'");
            assertThatThrownBy(() -> SourceCapture.start(source, dir.resolve("offsets"), kafka.bootstrapServers(), WAIT))
                    .hasMessageContaining("binlog_row_image is MINIMAL").hasMessageContaining("binlog_row_image=FULL");
            MariaDbErp.exec(db, "SET GLOBAL binlog_row_image = 'FULL'");
            DebeziumCapture.Source missing = DebeziumCapture.Source.mariadb("sin-tabla", "127.0.0.1", db.port(),
                    MariaDbErp.DATABASE, MariaDbErp.USER, MariaDbErp.PASSWORD, List.of("erp.clientes", "erp.facturas"));
            assertThatThrownBy(() -> SourceCapture.start(missing, dir.resolve("offsets"), kafka.bootstrapServers(), WAIT))
                    .hasMessageContaining("[erp.facturas] do not exist");
            DebeziumCapture.Source wrongPassword = DebeziumCapture.Source.mariadb("clave-mala", "127.0.0.1", db.port(),
                    MariaDbErp.DATABASE, MariaDbErp.USER, "not-the-password", MariaDbErp.TABLES);
            assertThatThrownBy(() -> SourceCapture.start(wrongPassword, dir.resolve("offsets"), kafka.bootstrapServers(), WAIT))
                    .hasMessageContaining("refused user debezium");
            assertThat(Files.exists(dir.resolve("offsets").resolve("mal-configurada.binlog-offsets.json"))).isFalse();
        }
    }

    @Test
    void everyColumnTypeReadsTheSameFromTheSnapshotAndFromTheBinlog(@TempDir Path dir) throws Exception {
        String columns = "(id, nombre_latin1, nota, ts, dt, hora, d, estado, etiquetas, chico, grande, flag, bits, f, dbl, "
                + "anio, bin, neg, med, precio)";
        String values = "'Ñuñoa Peñalolén €', 'Cobranza año 2026 — señal ✓ 💰', '2026-11-02 07:15:30.123', "
                + "'2026-11-02 10:15:30.000001', '13:45:10', '1969-12-31', 'vencido', 'urgente,convenio', 250, "
                + "18446744073709551615, b'1', b'10100101', 1.1, 2.5e10, 2026, x'00FF10', -42, 16777215, -0.05)";
        try (MariaDbServer db = MariaDbErp.start(dir.resolve("mariadb"));
             RawTopics topics = new RawTopics(kafka.bootstrapServers(), "tipos")) {
            MariaDbErp.exec(db, "CREATE TABLE tipos (id INT UNSIGNED NOT NULL PRIMARY KEY, "
                    + "nombre_latin1 VARCHAR(50) CHARACTER SET latin1, nota TEXT, ts TIMESTAMP(3) NULL, dt DATETIME(6) NULL, "
                    + "hora TIME NULL, d DATE NULL, estado ENUM('vigente','vencido','pagado'), "
                    + "etiquetas SET('urgente','judicial','convenio'), chico TINYINT UNSIGNED, grande BIGINT UNSIGNED, "
                    + "flag BIT(1), bits BIT(8), f FLOAT, dbl DOUBLE, anio YEAR, bin VARBINARY(8), neg INT, "
                    + "med MEDIUMINT UNSIGNED, precio DECIMAL(10,4))");
            // a session in Chile's summer time: TIMESTAMPs are stored, and captured, in UTC
            MariaDbErp.exec(db, "SET time_zone = '-03:00'", "INSERT INTO tipos " + columns + " VALUES (1, " + values);
            List<String> tables = new ArrayList<>(MariaDbErp.TABLES);
            tables.add("erp.tipos");
            DebeziumCapture.Source source = DebeziumCapture.Source.mariadb("tipos", "127.0.0.1", db.port(),
                    MariaDbErp.DATABASE, MariaDbErp.USER, MariaDbErp.PASSWORD, tables);
            try (SourceCapture capture = SourceCapture.start(source, dir.resolve("offsets"), kafka.bootstrapServers(), WAIT)) {
                MariaDbErp.exec(db, "SET time_zone = '-03:00'", "INSERT INTO tipos " + columns + " VALUES (2, " + values);
                MariaDbErp.exec(db, "INSERT INTO tipos (id) VALUES (3)");
                List<Change> all = topics.awaitCount(3, WAIT);
                assertThat(all).extracting(Change::op).containsExactly("r", "c", "c");
                JsonNode snap = all.get(0).after();
                JsonNode streamed = all.get(1).after();
                assertThat(snap.get("id").asLong()).isEqualTo(1);
                assertThat(streamed.get("id").asLong()).isEqualTo(2);
                assertThat(all.get(1).key().toString()).isEqualTo("{\"id\":2}");
                for (JsonNode row : List.of(snap, streamed)) {
                    assertThat(row.get("nombre_latin1").asText()).isEqualTo("Ñuñoa Peñalolén €");
                    assertThat(row.get("nota").asText()).isEqualTo("Cobranza año 2026 — señal ✓ 💰");
                    assertThat(row.get("ts").asText()).isEqualTo("2026-11-02T10:15:30.123Z");
                    assertThat(row.get("dt").asText()).isEqualTo("2026-11-02T10:15:30.000001");
                    assertThat(row.get("hora").asText()).isEqualTo("13:45:10");
                    assertThat(row.get("d").asInt()).isEqualTo(-1);
                    assertThat(row.get("estado").asText()).isEqualTo("vencido");
                    assertThat(row.get("etiquetas").asText()).isEqualTo("urgente,convenio");
                    assertThat(row.get("chico").asInt()).isEqualTo(250);
                    assertThat(row.get("grande").bigIntegerValue()).isEqualTo(new java.math.BigInteger("18446744073709551615"));
                    assertThat(row.get("flag").isBoolean()).isTrue();
                    assertThat(row.get("flag").asBoolean()).isTrue();
                    assertThat(row.get("bits").asInt()).isEqualTo(165);
                    assertThat(row.get("f").asDouble()).isEqualTo(1.1);
                    assertThat(row.get("dbl").asDouble()).isEqualTo(2.5e10);
                    assertThat(row.get("anio").asInt()).isEqualTo(2026);
                    assertThat(row.get("bin").asText()).isEqualTo("AP8Q");
                    assertThat(row.get("neg").asInt()).isEqualTo(-42);
                    assertThat(row.get("med").asInt()).isEqualTo(16777215);
                    assertThat(row.get("precio").asText()).isEqualTo("-0.0500");
                }
                // identical apart from the id
                ((com.fasterxml.jackson.databind.node.ObjectNode) snap).remove("id");
                ((com.fasterxml.jackson.databind.node.ObjectNode) streamed).remove("id");
                assertThat(streamed).isEqualTo(snap);
                JsonNode empty = all.get(2).after();
                empty.fieldNames().forEachRemaining(f -> {
                    if (!f.equals("id")) {
                        assertThat(empty.get(f).isNull()).as(f).isTrue();
                    }
                });
                assertThat(capture.failed()).isFalse();
            }
        }
    }

    private static Map<Long, Long> ids(List<Change> changes, String topicSuffix) {
        return changes.stream().filter(c -> c.topic().endsWith(topicSuffix))
                .collect(Collectors.groupingBy(Change::id, Collectors.counting()));
    }

    /** The position DebeziumEnvelope should use for binlog sources. */
    static long position(Change c) {
        return BinlogPosition.of(c.source().get("file").asText(), c.source().get("pos").asLong());
    }

    private static List<Change> of(List<Change> changes, String topic) {
        return changes.stream().filter(c -> c.topic().equals(topic)).toList();
    }

    private static Change only(List<Change> changes, String topic, String op) {
        List<Change> found = changes.stream().filter(c -> c.topic().equals(topic) && c.op().equals(op)).toList();
        assertThat(found).as("%s records of %s", op, topic).hasSize(1);
        return found.get(0);
    }
}
