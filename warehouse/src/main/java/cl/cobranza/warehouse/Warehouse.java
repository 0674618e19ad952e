package cl.cobranza.warehouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * The warehouse connection: a client-v2 {@link Client} configured so that the same code runs against
 * Debian's ClickHouse 18.16 and current servers (see docs/clickhouse-portable-sql.md). Thread-safe;
 * create one per process (or per Flink operator) and close it at the end.
 */
public final class Warehouse implements AutoCloseable {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*");
    private static final ObjectReader ROW_READER = new ObjectMapper().readerFor(JsonNode.class);

    private final WarehouseSettings settings;
    private final Client client;

    /** Connects lazily: nothing is sent to the server until the first statement. */
    public Warehouse(WarehouseSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = newClient(settings.url(), settings.user(), settings.password(), settings.database());
    }

    /**
     * Creates {@code database} if it does not exist. Needed before any {@link Warehouse} uses it as its
     * default database: the server rejects every statement of a session whose default database is missing.
     */
    public static void createDatabase(String url, String user, String password, String database) {
        requireIdentifier(database, "database");
        try (Warehouse bootstrap = new Warehouse(url, user, password)) {
            bootstrap.execute("CREATE DATABASE IF NOT EXISTS " + database);
        }
    }

    private Warehouse(String url, String user, String password) {
        this.settings = null;
        this.client = newClient(url, user, password, null);
    }

    private static Client newClient(String url, String user, String password, String database) {
        Client.Builder builder = new Client.Builder()
                .addEndpoint(url)
                .setUsername(user)
                .setPassword(password == null ? "" : password)
                // 18.16 answers a compressed request with HTTP 200 and an empty body
                .compressServerResponse(false)
                // with HTTP compression on, the client drops the first 4 bytes of 18.16's answer
                .useHttpCompression(false)
                // errors in the middle of a result become HTTP errors instead of a silently truncated stream
                .serverSetting("wait_end_of_query", "1")
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .setSocketTimeout(120, ChronoUnit.SECONDS);
        if (database != null) {
            // a URL setting, not setDefaultDatabase(): 18.16 ignores the X-ClickHouse-Database header
            builder.serverSetting("database", database);
        }
        return builder.build();
    }

    /** The settings this connection was opened with. */
    public WarehouseSettings settings() {
        return settings;
    }

    /** Runs a statement that returns no rows (DDL, INSERT … SELECT, ALTER …). */
    public void execute(String sql) {
        try (CommandResponse ignored = client.execute(sql).get()) {
            // the response carries only metrics; closing it releases the connection
        } catch (Exception e) {
            throw failure(sql, e);
        }
    }

    /**
     * Runs a SELECT and returns its rows as JSON objects. {@code FORMAT JSONEachRow} is appended here
     * because 18.16 ignores the format header. 64-bit integers may arrive quoted (18.16 quotes them by
     * default), so read numbers with {@link JsonNode#asLong()}, which accepts both forms.
     */
    public List<JsonNode> query(String sql) {
        String formatted = stripTrailingSemicolon(sql) + "\nFORMAT JSONEachRow";
        try (QueryResponse response = client.query(formatted).get();
             InputStream in = response.getInputStream();
             MappingIterator<JsonNode> rows = ROW_READER.readValues(in)) {
            List<JsonNode> result = new ArrayList<>();
            while (rows.hasNextValue()) {
                result.add(rows.nextValue());
            }
            return result;
        } catch (Exception e) {
            throw failure(formatted, e);
        }
    }

    /** A page of rows and how many the query had before its LIMIT. */
    public record Page(List<JsonNode> rows, long rowsBeforeLimit) {
    }

    /**
     * Runs a SELECT ending in ORDER BY with {@code LIMIT limit} appended (none when the limit is
     * {@link Long#MAX_VALUE}) and returns its rows with the number of rows before the LIMIT (the JSON format's
     * {@code rows_before_limit_at_least}, exact when the query sorts: the sort sees every row), which spares a
     * second {@code count()} over the same rows. Without a LIMIT it is the number of rows: ClickHouse's figure then
     * counts the rows of some inner step instead (seen on 18.16: a subquery's rows before the outer WHERE).
     */
    public Page queryPage(String sql, long limit) {
        boolean limited = limit != Long.MAX_VALUE;
        String formatted = stripTrailingSemicolon(sql) + (limited ? "\nLIMIT " + limit : "") + "\nFORMAT JSON";
        try (QueryResponse response = client.query(formatted).get();
             InputStream in = response.getInputStream()) {
            JsonNode answer = ROW_READER.readValue(in);
            List<JsonNode> rows = new ArrayList<>();
            answer.path("data").forEach(rows::add);
            JsonNode before = answer.get("rows_before_limit_at_least");
            return new Page(rows, limited && before != null ? before.asLong() : rows.size());
        } catch (Exception e) {
            throw failure(formatted, e);
        }
    }

    /** Inserts rows given as JSONEachRow (one JSON object per line). All or nothing: a bad row fails the whole insert. */
    public void insertJsonEachRow(String table, byte[] jsonLines) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: '" + table + "' (expected name or database.name)");
        }
        try (InsertResponse ignored = client.insert(table, new ByteArrayInputStream(jsonLines), ClickHouseFormat.JSONEachRow).get()) {
            // nothing to read back
        } catch (Exception e) {
            throw failure("INSERT INTO " + table + " FORMAT JSONEachRow (" + jsonLines.length + " bytes)", e);
        }
    }

    /**
     * The connected user's {@code readonly} setting: 0 may write, 1 and 2 may only read (2 may still change
     * settings per query).
     */
    public int readonlyLevel() {
        return query("SELECT value FROM system.settings WHERE name = 'readonly'").get(0).get("value").asInt();
    }

    /**
     * Inserts rows given as TabSeparated text (one row per line, values escaped, in the order of {@code columns}).
     * All or nothing, as {@link #insertJsonEachRow}. Cheaper than JSONEachRow on both sides for wide, hot tables.
     */
    public void insertTabSeparated(String table, List<String> columns, byte[] rows) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: '" + table + "' (expected name or database.name)");
        }
        columns.forEach(c -> requireIdentifier(c, "column"));
        try (InsertResponse ignored = client.insert(table, columns, new ByteArrayInputStream(rows),
                ClickHouseFormat.TabSeparated).get()) {
            // nothing to read back
        } catch (Exception e) {
            throw failure("INSERT INTO " + table + " FORMAT TabSeparated (" + rows.length + " bytes)", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    static String requireIdentifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a plain identifier ([A-Za-z_][A-Za-z0-9_]*), got: '" + name + "'");
        }
        return name;
    }

    private static String stripTrailingSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    private static WarehouseException failure(String sql, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() != null ? cause.getMessage().strip() : cause.getClass().getName();
        return new WarehouseException(sql, message, cause);
    }
}
