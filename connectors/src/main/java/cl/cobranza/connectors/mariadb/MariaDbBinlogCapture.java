package cl.cobranza.connectors.mariadb;

import cl.cobranza.connectors.debezium.DebeziumCapture;
import cl.cobranza.connectors.debezium.SourceCapture;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.network.ServerException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Captures a MariaDB source into the raw topics {@code raw.<source>.<database>.<table>}, reading the binary log with
 * the binlog client library ({@code com.github.shyiko.mysql.binlog.BinaryLogClient}) and writing the same
 * Debezium-style JSON envelopes (schemas disabled) as the Debezium captures: key {@code {"<pk>": value}}, value
 * {@code {"before", "after", "op": r|c|u|d, "source": {connector, name, ts_ms, snapshot, db, table, server_id, gtid,
 * file, pos, row}, "ts_ms"}}; value forms in {@link CapturedTable}. A row's position is
 * {@code BinlogPosition.of(source.file, source.pos)}: {@code pos} is the start of the rows event, {@code row} the
 * row's index in it; snapshot reads carry the binlog position streaming starts from.
 *
 * <p><b>Snapshot, then streaming.</b> Without stored offsets it opens a {@code START TRANSACTION WITH CONSISTENT
 * SNAPSHOT}, takes the binlog position that matches it (MariaDB's {@code binlog_snapshot_file/position}; else
 * {@code SHOW MASTER STATUS} read just before, which can only repeat changes), reads every captured table
 * ({@code op: "r"}), then streams from that position.
 *
 * <p><b>Offsets.</b> {@code <offsetsDir>/<source>.binlog-offsets.json} holds the binlog file and position of the
 * end of the last transaction (XID or COMMIT/DDL query event) all of whose records Kafka acknowledged (the producer
 * is flushed and its acknowledgements checked first), so a restart resumes at a transaction boundary: a crash may
 * repeat changes, never lose one. It is written only after the snapshot completed; without it the next start
 * snapshots again.
 *
 * <p><b>Retries.</b> A database that cannot be reached, at start or later (a restart, a lost connection, no event
 * nor heartbeat for 3 heartbeat intervals), is retried for ever with backoff (1 s doubling to 30 s; reset once
 * streaming again), each attempt logged, {@link #state()} {@code RETRYING}; streaming resumes from the stored
 * offsets. Only a bad configuration stops it ({@link #failed()}): wrong credentials or missing privileges,
 * {@code log_bin} off, {@code binlog_format} not {@code ROW}, {@code binlog_row_image} not {@code FULL}, a captured
 * table that does not exist, stored offsets in a binlog the server no longer has.
 *
 * <p><b>Schema changes.</b> Columns come from {@code information_schema.COLUMNS} at every (re)connection, and again
 * after a DDL statement or when a rows event's column count disagrees; a capture lagging behind a DDL may decode
 * older events with the newer columns. Renames or type changes are safest with a capture restart at a quiet moment.
 */
public final class MariaDbBinlogCapture implements SourceCapture {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbBinlogCapture.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long HEARTBEAT_MILLIS = 5_000;
    static final long INITIAL_BACKOFF_MILLIS = 1_000;
    static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final long COMMIT_INTERVAL_MILLIS = 500;
    private static final int SNAPSHOT_FETCH_SIZE = 1_000;
    /** MariaDB's replication capability "understands GTID events" (MARIA_SLAVE_CAPABILITY_GTID). */
    private static final int MARIADB_CAPABILITY_GTID = 4;

    /** Where streaming resumes: a binlog file and a position at a transaction boundary. */
    record Checkpoint(String file, long pos) {
    }

    /** An error no retry can fix: the capture stops and {@link #failed()} turns true. */
    static final class ConfigurationException extends Exception {
        ConfigurationException(String message) {
            super(message);
        }

        ConfigurationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DebeziumCapture.Source src;
    private final Path offsetsFile;
    private final String bootstrapServers;
    private final long clientServerId;
    private final String connectorName;
    private final AtomicLong captured = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object commitLock = new Object();
    private final ScheduledExecutorService committer;
    private final Thread runner;
    private volatile String state = "STARTING";
    private volatile boolean closed;
    private volatile Sink sink;
    private volatile BinaryLogClient client;
    private volatile long lastEventMillis;
    private volatile Exception sessionError;
    private volatile boolean streaming;
    /** The last transaction boundary whose records were all handed to the producer. */
    private volatile Checkpoint processed;
    /** What the offsets file holds (guarded by commitLock). */
    private Checkpoint stored;

    // state of the binlog listener thread (one session at a time)
    private Map<String, CapturedTable> tables = Map.of();
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    private String currentFile;
    private String gtid;
    private boolean schemaStale;
    private long masterServerId;

    private MariaDbBinlogCapture(DebeziumCapture.Source src, Path offsetsDir, String bootstrapServers) throws IOException {
        if (src.kind() != DebeziumCapture.Kind.MARIADB) {
            throw new IllegalArgumentException("source " + src.name() + " is " + src.kind() + ", not MARIADB");
        }
        this.src = src;
        Files.createDirectories(offsetsDir);
        this.offsetsFile = offsetsDir.resolve(src.name() + ".binlog-offsets.json");
        this.bootstrapServers = bootstrapServers;
        this.clientServerId = DebeziumCapture.replicaServerId(src.name());
        this.connectorName = "raw." + src.name();
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "binlog-commit-" + src.name()));
        this.runner = new Thread(this::supervise, "binlog-" + src.name());
    }

    /**
     * Starts capturing and returns once streaming runs, or after {@code timeout} while the snapshot still runs or
     * the database is being retried ({@link #state()} tells which). Throws only for a bad configuration.
     */
    public static MariaDbBinlogCapture start(DebeziumCapture.Source src, Path offsetsDir, String bootstrapServers,
                                             Duration timeout) throws Exception {
        MariaDbBinlogCapture capture = new MariaDbBinlogCapture(src, offsetsDir, bootstrapServers);
        capture.stored = capture.readOffsets();
        capture.committer.scheduleWithFixedDelay(capture::tick, COMMIT_INTERVAL_MILLIS, COMMIT_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        capture.runner.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!capture.state.equals("RUNNING") && capture.failure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Throwable failed = capture.failure.get();
        if (failed != null) {
            capture.close();
            throw new IllegalStateException("capture of source " + src.name() + " failed to start: "
                    + failed.getMessage(), failed);
        }
        if (!capture.state.equals("RUNNING")) {
            LOG.warn("capture of {} is {} after {}; continuing, it keeps trying", src.name(), capture.state, timeout);
        }
        return capture;
    }

    @Override
    public String source() {
        return src.name();
    }

    /** Change events (not heartbeats) acknowledged by Kafka since start. */
    @Override
    public long captured() {
        return captured.get();
    }

    /** True once the capture stopped on an error retrying cannot fix (a bad configuration). */
    @Override
    public boolean failed() {
        return failure.get() != null;
    }

    /** The error that stopped the capture, or null. */
    @Override
    public Throwable failure() {
        return failure.get();
    }

    /** {@code STARTING}, {@code SNAPSHOT}, {@code RUNNING} (streaming), {@code RETRYING}, {@code FAILED} or {@code CLOSED}. */
    @Override
    public String state() {
        return state;
    }

    // ---------------------------------------------------------------- supervisor

    private void supervise() {
        long backoff = INITIAL_BACKOFF_MILLIS;
        int attempt = 0;
        while (!closed) {
            Exception error;
            try {
                runSession();
                error = null;
            } catch (ConfigurationException e) {
                if (!closed) {
                    failure.set(e);
                    state = "FAILED";
                    LOG.error("capture of {} stopped: {}", src.name(), e.getMessage(), e);
                }
                return;
            } catch (Exception e) {
                error = e;
            }
            if (closed) {
                return;
            }
            if (streaming) {
                backoff = INITIAL_BACKOFF_MILLIS; // it was running: start the backoff again
                attempt = 0;
            }
            streaming = false;
            attempt++;
            state = "RETRYING";
            LOG.warn("capture of {}: MariaDB {}:{} {} ; retry {} in {} ms", src.name(), src.host(), src.port(),
                    error == null ? "closed the binlog connection" : "unreachable (" + describe(error) + ")",
                    attempt, backoff);
            try {
                if (closing.await(backoff, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
    }

    /** One connection: checks, schema, snapshot when needed, then streaming until the connection ends. */
    private void runSession() throws Exception {
        sessionError = null;
        Sink s = sink;
        if (s == null || s.error.get() != null) {
            if (s != null) {
                s.producer.close(Duration.ZERO);
            }
            s = new Sink();
            sink = s;
        }
        Checkpoint resume;
        try (Connection c = jdbc()) {
            masterServerId = checkServer(c);
            tables = loadTables(c);
            synchronized (commitLock) {
                resume = stored;
            }
            if (resume == null) {
                state = "SNAPSHOT";
                resume = snapshot(c, s);
            }
        }
        if (closed) {
            return;
        }
        stream(resume);
    }

    private Connection jdbc() throws SQLException, ConfigurationException {
        Properties p = new Properties();
        p.setProperty("user", src.user());
        p.setProperty("password", src.password());
        p.setProperty("connectTimeout", "5000");
        p.setProperty("sessionVariables", "time_zone='+00:00'");
        try {
            return DriverManager.getConnection("jdbc:mariadb://" + src.host() + ":" + src.port() + "/" + src.database(), p);
        } catch (SQLException e) {
            // 1045 access denied, 1044 no access to the database, 1049 unknown database
            if (e.getErrorCode() == 1045 || e.getErrorCode() == 1044 || e.getErrorCode() == 1049) {
                throw new ConfigurationException("MariaDB " + src.host() + ":" + src.port() + " refused user "
                        + src.user() + " on database " + src.database() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** Checks the binary log settings the capture needs; returns the server's server_id. */
    private long checkServer(Connection c) throws SQLException, ConfigurationException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@global.log_bin, @@global.binlog_format, "
                     + "@@global.binlog_row_image, @@global.server_id")) {
            rs.next();
            String where = " on MariaDB " + src.host() + ":" + src.port();
            if (!rs.getBoolean(1)) {
                throw new ConfigurationException("the binary log is off (log_bin=OFF)" + where + ": start the server "
                        + "with log-bin (e.g. log-bin=mysql-bin) in its option file");
            }
            String format = rs.getString(2);
            if (!"ROW".equalsIgnoreCase(format)) {
                throw new ConfigurationException("binlog_format is " + format + where + ", the capture needs "
                        + "binlog_format=ROW: run SET GLOBAL binlog_format=ROW and put binlog_format=ROW in the "
                        + "server's option file");
            }
            String image = rs.getString(3);
            if (!"FULL".equalsIgnoreCase(image)) {
                throw new ConfigurationException("binlog_row_image is " + image + where + ", the capture needs "
                        + "binlog_row_image=FULL: run SET GLOBAL binlog_row_image=FULL and put binlog_row_image=FULL in "
                        + "the server's option file");
            }
            long serverId = rs.getLong(4);
            if (serverId == clientServerId) {
                throw new ConfigurationException("the server's server_id " + serverId + where
                        + " equals the capture's replica id; give the server another server_id");
            }
            return serverId;
        }
    }

    private Map<String, CapturedTable> loadTables(Connection c) throws SQLException, ConfigurationException {
        Map<String, CapturedTable> loaded = CapturedTable.load(c, src.tables());
        List<String> missing = src.tables().stream().filter(t -> !loaded.containsKey(t)).toList();
        if (!missing.isEmpty()) {
            throw new ConfigurationException("captured tables " + missing + " do not exist on MariaDB " + src.host()
                    + ":" + src.port() + " (or user " + src.user() + " cannot see them)");
        }
        return loaded;
    }

    // ---------------------------------------------------------------- snapshot

    private Checkpoint snapshot(Connection c, Sink s) throws Exception {
        long t0 = System.nanoTime();
        Checkpoint before = masterStatus(c);
        Checkpoint at;
        long snapshotMillis = System.currentTimeMillis();
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            at = snapshotPosition(st, before);
        }
        LOG.info("capture of {}: snapshot of {} at {} {}", src.name(), src.tables(), at.file(), at.pos());
        long rows = 0;
        for (CapturedTable t : tables.values()) {
            String columns = t.columns().stream().map(col -> quote(col.name())).collect(Collectors.joining(", "));
            try (Statement st = c.createStatement()) {
                st.setFetchSize(SNAPSHOT_FETCH_SIZE);
                try (ResultSet rs = st.executeQuery("SELECT " + columns + " FROM " + quote(t.database()) + "."
                        + quote(t.table()))) {
                    int row = 0;
                    while (rs.next()) {
                        if (closed) {
                            return at;
                        }
                        Map<String, Object> after = t.fromJdbc(rs);
                        s.send(t, t.key(after), envelope("r", null, after, t, snapshotMillis, masterServerId,
                                at.file(), at.pos(), row++, "true"));
                        rows++;
                    }
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("COMMIT");
        }
        s.flushAndCheck();
        synchronized (commitLock) {
            writeOffsets(at);
            stored = at;
        }
        LOG.info("capture of {}: snapshot of {} rows in Kafka after {} ms", src.name(), rows,
                (System.nanoTime() - t0) / 1_000_000);
        return at;
    }

    private static Checkpoint masterStatus(Connection c) throws SQLException, ConfigurationException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new ConfigurationException("SHOW MASTER STATUS returned nothing: the binary log is off");
            }
            return new Checkpoint(rs.getString("File"), rs.getLong("Position"));
        }
    }

    /** MariaDB's binlog position of the consistent snapshot just opened, else the one read before it. */
    private static Checkpoint snapshotPosition(Statement st, Checkpoint fallback) throws SQLException {
        String file = null;
        long pos = -1;
        try (ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                String name = rs.getString(1).toLowerCase(Locale.ROOT);
                if (name.equals("binlog_snapshot_file")) {
                    file = rs.getString(2);
                } else if (name.equals("binlog_snapshot_position")) {
                    pos = Long.parseLong(rs.getString(2));
                }
            }
        }
        return file != null && !file.isEmpty() && pos >= 0 ? new Checkpoint(file, pos) : fallback;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    // ---------------------------------------------------------------- streaming

    private void stream(Checkpoint from) throws Exception {
        BinaryLogClient bc = new BinaryLogClient(src.host(), src.port(), src.user(), src.password());
        bc.setServerId(clientServerId);
        bc.setBinlogFilename(from.file());
        bc.setBinlogPosition(from.pos());
        // reconnection is ours (supervise): resumes at our stored transaction boundary, with backoff and a state
        bc.setKeepAlive(false);
        bc.setHeartbeatInterval(HEARTBEAT_MILLIS);
        bc.setConnectTimeout(5_000);
        bc.setMariaDbSlaveCapability(MARIADB_CAPABILITY_GTID);
        EventDeserializer deserializer = new EventDeserializer();
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        bc.setEventDeserializer(deserializer);
        bc.registerEventListener(this::onEvent);
        bc.registerLifecycleListener(new BinaryLogClient.AbstractLifecycleListener() {
            @Override
            public void onConnect(BinaryLogClient c) {
                lastEventMillis = System.currentTimeMillis();
                streaming = true;
                state = "RUNNING";
                LOG.info("capture of {}: streaming the binlog of {}:{} from {} {}", src.name(), src.host(), src.port(),
                        from.file(), from.pos());
            }

            @Override
            public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
                sessionError = ex;
            }

            @Override
            public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
                LOG.warn("capture of {}: binlog connection failed: {}", src.name(), describe(ex));
            }
        });
        tableMaps.clear();
        currentFile = from.file();
        gtid = null;
        schemaStale = false;
        processed = from;
        client = bc;
        try {
            if (closed) {
                return;
            }
            bc.connect(); // blocking: returns when the connection ends
        } catch (ServerException e) {
            // 1236: the position is not in the server's binlog (purged, or RESET MASTER); 1045/1227: no access
            if (e.getErrorCode() == 1236) {
                throw new ConfigurationException("MariaDB cannot stream from the stored position " + from.file() + " "
                        + from.pos() + " (" + e.getMessage() + "); delete " + offsetsFile + " to snapshot again", e);
            }
            if (e.getErrorCode() == 1045 || e.getErrorCode() == 1227) {
                throw new ConfigurationException("user " + src.user() + " may not read the binlog of "
                        + src.host() + ":" + src.port() + " (" + e.getMessage() + "): grant it REPLICATION SLAVE, "
                        + "REPLICATION CLIENT", e);
            }
            throw e;
        } finally {
            client = null;
            try {
                bc.disconnect();
            } catch (IOException ignored) {
                // already closed
            }
        }
        commit(); // what the closed connection delivered, so the next session resumes after it
        Exception error = sessionError;
        if (error instanceof ConfigurationException) {
            throw error;
        }
        if (error != null) {
            throw error;
        }
    }

    private void onEvent(Event event) {
        lastEventMillis = System.currentTimeMillis();
        if (sessionError != null || closed) {
            return;
        }
        try {
            handle(event);
        } catch (Exception e) {
            sessionError = e; // the committer thread disconnects; the supervisor decides what next
        }
        lastEventMillis = System.currentTimeMillis();
    }

    private void handle(Event event) throws Exception {
        EventHeaderV4 h = event.getHeader();
        EventType type = h.getEventType();
        switch (type) {
            case ROTATE:
                currentFile = ((RotateEventData) event.getData()).getBinlogFilename();
                break;
            case MARIADB_GTID: {
                MariadbGtidEventData g = event.getData();
                // domain-server-sequence; the library leaves the event data's server id 0, the header has it
                gtid = g.getDomainId() + "-" + h.getServerId() + "-" + g.getSequence();
                break;
            }
            case TABLE_MAP: {
                TableMapEventData t = event.getData();
                tableMaps.put(t.getTableId(), t);
                break;
            }
            case XID:
                endOfTransaction(h);
                break;
            case QUERY: {
                QueryEventData q = event.getData();
                String sql = q.getSql().strip();
                if (!sql.equalsIgnoreCase("BEGIN")) {
                    if (!sql.equalsIgnoreCase("COMMIT")) {
                        schemaStale = true; // DDL (or a statement-logged change): read the columns again
                    }
                    endOfTransaction(h);
                }
                break;
            }
            case WRITE_ROWS:
            case EXT_WRITE_ROWS: {
                WriteRowsEventData d = event.getData();
                CapturedTable t = captured(d.getTableId(), d.getIncludedColumns());
                if (t != null) {
                    int row = 0;
                    for (Serializable[] r : d.getRows()) {
                        Map<String, Object> after = t.fromBinlog(r, d.getIncludedColumns());
                        emit(t, "c", null, after, h, row++);
                    }
                }
                break;
            }
            case UPDATE_ROWS:
            case EXT_UPDATE_ROWS: {
                UpdateRowsEventData d = event.getData();
                CapturedTable t = captured(d.getTableId(), d.getIncludedColumns());
                if (t != null) {
                    int row = 0;
                    for (Map.Entry<Serializable[], Serializable[]> r : d.getRows()) {
                        Map<String, Object> before = t.fromBinlog(r.getKey(), d.getIncludedColumnsBeforeUpdate());
                        Map<String, Object> after = t.fromBinlog(r.getValue(), d.getIncludedColumns());
                        Map<String, Object> oldKey = t.key(before);
                        if (oldKey != null && !oldKey.equals(t.key(after))) {
                            // the primary key changed: the old row is gone, a new one exists (as Debezium does)
                            emit(t, "d", before, null, h, row++);
                            emit(t, "c", null, after, h, row++);
                        } else {
                            emit(t, "u", before, after, h, row++);
                        }
                    }
                }
                break;
            }
            case DELETE_ROWS:
            case EXT_DELETE_ROWS: {
                DeleteRowsEventData d = event.getData();
                CapturedTable t = captured(d.getTableId(), d.getIncludedColumns());
                if (t != null) {
                    int row = 0;
                    for (Serializable[] r : d.getRows()) {
                        emit(t, "d", t.fromBinlog(r, d.getIncludedColumns()), null, h, row++);
                    }
                }
                break;
            }
            default:
                // FORMAT_DESCRIPTION, HEARTBEAT, GTID lists, ANNOTATE_ROWS, BINLOG_CHECKPOINT, STOP, ...: nothing to send
        }
    }

    private void endOfTransaction(EventHeaderV4 h) {
        if (h.getNextPosition() > 0 && currentFile != null) {
            processed = new Checkpoint(currentFile, h.getNextPosition());
        }
        gtid = null;
    }

    /** The captured table a rows event is about, or null; re-reads the columns when they no longer match. */
    private CapturedTable captured(long tableId, BitSet included) throws Exception {
        TableMapEventData map = tableMaps.get(tableId);
        if (map == null) {
            throw new IllegalStateException("rows event for table id " + tableId + " without its table map event");
        }
        String name = map.getDatabase() + "." + map.getTable();
        CapturedTable t = tables.get(name);
        if (t == null && !src.tables().contains(name)) {
            return null;
        }
        int count = map.getColumnTypes().length;
        if (t == null || schemaStale || t.columns().size() != count) {
            try (Connection c = jdbc()) {
                tables = CapturedTable.load(c, src.tables());
            }
            schemaStale = false;
            t = tables.get(name);
            if (t == null || t.columns().size() != count) {
                throw new ConfigurationException("table " + name + " has " + (t == null ? "no" : t.columns().size())
                        + " columns in information_schema but " + count + " in the binlog at " + currentFile
                        + ": its schema changed while the capture lagged behind; restart the capture from a new "
                        + "snapshot (delete " + offsetsFile + ")");
            }
            LOG.info("capture of {}: columns of {} read again", src.name(), name);
        }
        return t;
    }

    private void emit(CapturedTable t, String op, Map<String, Object> before, Map<String, Object> after,
                      EventHeaderV4 h, int row) throws Exception {
        Map<String, Object> key = t.key(after != null ? after : before);
        sink.send(t, key, envelope(op, before, after, t, h.getTimestamp(), h.getServerId(), currentFile,
                h.getPosition(), row, "false"));
    }

    private String envelope(String op, Map<String, Object> before, Map<String, Object> after, CapturedTable t,
                            long sourceMillis, long serverId, String file, long pos, int row, String snapshot)
            throws JsonProcessingException {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("version", "cobranza-binlog-1");
        source.put("connector", "mariadb");
        source.put("name", connectorName);
        source.put("ts_ms", sourceMillis);
        source.put("snapshot", snapshot);
        source.put("db", t.database());
        source.put("table", t.table());
        source.put("server_id", serverId);
        source.put("gtid", "true".equals(snapshot) ? null : gtid);
        source.put("file", file);
        source.put("pos", pos);
        source.put("row", row);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("before", before);
        value.put("after", after);
        value.put("source", source);
        value.put("op", op);
        value.put("ts_ms", System.currentTimeMillis());
        return JSON.writeValueAsString(value);
    }

    // ---------------------------------------------------------------- Kafka and offsets

    /** Our producer and the first error any of its sends reported. */
    private final class Sink {
        final KafkaProducer<String, String> producer;
        final AtomicReference<Exception> error = new AtomicReference<>();

        Sink() {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "capture-" + src.name());
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }

        void send(CapturedTable t, Map<String, Object> key, String value) throws Exception {
            Exception failed = error.get();
            if (failed != null) {
                throw new IOException("Kafka refused a change of source " + src.name() + ": " + failed.getMessage(), failed);
            }
            String topic = connectorName + "." + t.database() + "." + t.table();
            producer.send(new ProducerRecord<>(topic, key == null ? null : JSON.writeValueAsString(key), value),
                    (metadata, e) -> {
                        if (e != null) {
                            error.compareAndSet(null, e);
                        } else {
                            captured.incrementAndGet();
                        }
                    });
        }

        void flushAndCheck() throws IOException {
            producer.flush();
            Exception failed = error.get();
            if (failed != null) {
                throw new IOException("Kafka refused a change of source " + src.name() + ": " + failed.getMessage(), failed);
            }
        }
    }

    /** Every 500 ms: stores the offsets Kafka acknowledged, and drops a connection that went silent or broke. */
    private void tick() {
        try {
            BinaryLogClient bc = client;
            if (bc != null) {
                long silent = System.currentTimeMillis() - lastEventMillis;
                if (sessionError != null || (streaming && silent > 3 * HEARTBEAT_MILLIS)) {
                    if (sessionError == null) {
                        LOG.warn("capture of {}: no binlog event nor heartbeat for {} ms; reconnecting", src.name(), silent);
                        sessionError = new IOException("binlog connection silent for " + silent + " ms");
                    }
                    bc.disconnect();
                    return;
                }
            }
            commit();
        } catch (Exception e) {
            LOG.warn("capture of {}: {}", src.name(), describe(e));
        }
    }

    /** Waits for Kafka to acknowledge everything sent so far, then stores the last processed boundary. */
    private void commit() {
        synchronized (commitLock) {
            Checkpoint c = processed;
            Sink s = sink;
            if (c == null || s == null || c.equals(stored)) {
                return;
            }
            try {
                s.flushAndCheck();
                writeOffsets(c);
                stored = c;
            } catch (IOException e) {
                if (sessionError == null) {
                    sessionError = e;
                }
                LOG.warn("capture of {}: offsets not stored: {}", src.name(), describe(e));
            }
        }
    }

    private Checkpoint readOffsets() throws IOException {
        if (!Files.exists(offsetsFile)) {
            return null;
        }
        JsonNode n = JSON.readTree(Files.readString(offsetsFile, StandardCharsets.UTF_8));
        if (!n.path("snapshot_completed").asBoolean(false) || !n.hasNonNull("file")) {
            return null;
        }
        return new Checkpoint(n.get("file").asText(), n.get("pos").asLong());
    }

    private void writeOffsets(Checkpoint c) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", c.file());
        m.put("pos", c.pos());
        m.put("snapshot_completed", true);
        m.put("written_at", java.time.Instant.now().toString());
        Path tmp = offsetsFile.resolveSibling(offsetsFile.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(m), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, offsetsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, offsetsFile, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Stops streaming, stores what Kafka acknowledged, closes the producer. */
    @Override
    public void close() throws Exception {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closing.countDown();
        BinaryLogClient bc = client;
        if (bc != null) {
            try {
                bc.disconnect();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        runner.join(30_000);
        if (runner.isAlive()) {
            LOG.warn("capture of {} did not stop in 30 s", src.name());
        }
        committer.shutdown();
        committer.awaitTermination(10, TimeUnit.SECONDS);
        commit();
        Sink s = sink;
        if (s != null) {
            s.producer.close(Duration.ofSeconds(10));
        }
        if (failure.get() == null) {
            state = "CLOSED";
        }
    }

    @Override
    public String toString() {
        return "MariaDbBinlogCapture[" + src + " " + state + "]";
    }
}
