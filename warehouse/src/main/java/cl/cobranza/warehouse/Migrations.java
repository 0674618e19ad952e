package cl.cobranza.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the versioned schema files {@code clickhouse/migrations/V###__name.sql} listed, in order, in
 * {@code clickhouse/migrations/index.txt} (a classpath folder cannot be listed from a jar), and records
 * each one in {@code schema_migrations}. Applied files are never run again; an applied file whose
 * content changed stops start-up. Statements should be idempotent ({@code IF NOT EXISTS}): a file that
 * fails half-way is not recorded and runs again from its first statement next time.
 */
public final class Migrations {
    /** The classpath folder of the platform's migrations. */
    public static final String DEFAULT_FOLDER = "clickhouse/migrations";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9_]+)\\.sql");
    // a statement ends with ';' at the end of a line, so ';' inside string literals mid-line is safe
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(?:\\r?\\n|$)");
    private static final String TRACKING_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version UInt32,
                name String,
                checksum String,
                applied_at DateTime
            ) ENGINE = MergeTree ORDER BY version""";

    /** One migration file, parsed. */
    record Migration(int version, String fileName, String checksum, List<String> statements) {
    }

    private final Warehouse warehouse;
    private final String folder;
    private final ClassLoader classLoader;

    /** Migrations of the platform ({@value #DEFAULT_FOLDER}) on this warehouse (writer credentials). */
    public Migrations(Warehouse warehouse) {
        this(warehouse, DEFAULT_FOLDER, Migrations.class.getClassLoader());
    }

    /** Migrations read from another classpath folder (tests). */
    public Migrations(Warehouse warehouse, String folder, ClassLoader classLoader) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.folder = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /** Creates the database if needed and applies the platform's migrations; returns the files applied now. */
    public static List<String> migrate(WarehouseSettings writer) {
        Warehouse.createDatabase(writer.url(), writer.user(), writer.password(), writer.database());
        try (Warehouse warehouse = new Warehouse(writer)) {
            return new Migrations(warehouse).apply();
        }
    }

    /**
     * Applies every listed file not applied yet, in order; returns their file names (empty when the
     * schema is current).
     *
     * @throws IllegalStateException when an applied file was edited since, or the index is inconsistent
     */
    public List<String> apply() {
        List<Migration> migrations = load();
        warehouse.execute(TRACKING_TABLE);
        Map<Integer, JsonNode> applied = new HashMap<>();
        for (JsonNode row : warehouse.query("SELECT version, name, checksum FROM schema_migrations")) {
            applied.put(row.get("version").asInt(), row);
        }
        List<String> done = new ArrayList<>();
        for (Migration m : migrations) {
            JsonNode record = applied.get(m.version());
            if (record != null) {
                String recorded = record.get("checksum").asText();
                if (!recorded.equals(m.checksum())) {
                    throw new IllegalStateException("Migration " + m.fileName() + " was changed after it was applied to database '"
                            + warehouse.settings().database() + "' (checksum now " + m.checksum() + ", applied " + recorded
                            + "). Applied migrations must never be edited: restore the file and put the change in a new V"
                            + String.format("%03d", migrations.get(migrations.size() - 1).version() + 1) + "__….sql.");
                }
                continue;
            }
            LOG.info("Applying migration {} ({} statements)", m.fileName(), m.statements().size());
            for (String statement : m.statements()) {
                warehouse.execute(statement);
            }
            warehouse.execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ("
                    + SqlLiteral.number(m.version()) + ", " + SqlLiteral.string(m.fileName()) + ", "
                    + SqlLiteral.string(m.checksum()) + ", now())");
            done.add(m.fileName());
        }
        return done;
    }

    /** Reads and checks the index and every file it lists. */
    List<Migration> load() {
        String indexPath = folder + "/index.txt";
        String index = read(indexPath);
        List<Migration> result = new ArrayList<>();
        int previous = 0;
        for (String line : index.split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = FILE_NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException(indexPath + " lists '" + name + "', expected a name like V001__invoice_state.sql");
            }
            int version = Integer.parseInt(m.group(1));
            if (version <= previous) {
                throw new IllegalStateException(indexPath + " must list versions in increasing order without repeats: "
                        + name + " comes after version " + previous);
            }
            previous = version;
            byte[] bytes = readBytes(folder + "/" + name);
            String sql = new String(bytes, StandardCharsets.UTF_8);
            List<String> statements = split(sql);
            if (statements.isEmpty()) {
                throw new IllegalStateException("Migration " + name + " has no statements");
            }
            result.add(new Migration(version, name, sha256(bytes), statements));
        }
        return result;
    }

    /** Splits a file into statements at each {@code ;} that ends a line; drops parts that are only comments. */
    static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        for (String part : STATEMENT_END.split(sql)) {
            String statement = part.strip();
            if (!onlyComments(statement)) {
                statements.add(statement);
            }
        }
        return statements;
    }

    private static boolean onlyComments(String text) {
        return text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("--"));
    }

    private String read(String path) {
        return new String(readBytes(path), StandardCharsets.UTF_8);
    }

    private byte[] readBytes(String path) {
        try (InputStream in = classLoader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Migration resource " + path + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
