package cl.cobranza.connectors.mariadb;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One captured MariaDB table as read from {@code information_schema.COLUMNS}: its columns in binlog order, its
 * primary key, and how each column's value becomes JSON, identically whether it comes from a snapshot
 * {@code SELECT} (JDBC, text protocol, session time zone UTC) or from a binlog rows event (the binlog client with
 * {@code DATE_AND_TIME_AS_LONG_MICRO} and {@code CHAR_AND_BINARY_AS_BYTE_ARRAY}).
 *
 * <p>JSON forms: integers as numbers (unsigned ones unsigned), {@code TINYINT(1)}/{@code BOOLEAN} and
 * {@code BIT(1)} as booleans, {@code DECIMAL} as exact plain text ({@code "1250000.50"}), {@code FLOAT}/{@code DOUBLE}
 * as numbers, {@code DATE} as days since 1970-01-01, {@code DATETIME} as ISO local text
 * ({@code 2026-11-02T10:15:30[.fraction]}), {@code TIMESTAMP} as ISO UTC text ({@code ...Z}), {@code TIME} as
 * {@code HH:MM:SS[.fraction]}, {@code YEAR} as a number, text as a string decoded with the column's character set,
 * {@code ENUM}/{@code SET} as their labels, {@code BIT(n)} as a number, binary and other types as Base64. Zero dates
 * ({@code 0000-00-00}) are null.
 */
public final class CapturedTable {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_INSTANT;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    /** How a column's values are represented. */
    enum Type { BOOL, INT, UINT, BIGUINT, DECIMAL, FLOAT, DOUBLE, DATE, DATETIME, TIMESTAMP, TIME, YEAR, TEXT, BINARY,
        ENUM, SET, BIT, BIT1, OTHER }

    /** One column: name, representation, bits of an unsigned integer, text charset, ENUM/SET labels. */
    record Column(String name, Type type, int bits, Charset charset, List<String> labels, boolean primaryKey) {
    }

    private final String database;
    private final String table;
    private final List<Column> columns;

    CapturedTable(String database, String table, List<Column> columns) {
        this.database = database;
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    String database() {
        return database;
    }

    String table() {
        return table;
    }

    /** {@code database.table}. */
    String qualifiedName() {
        return database + "." + table;
    }

    List<Column> columns() {
        return columns;
    }

    /**
     * Reads the columns of the given tables ({@code database.table}); a table that does not exist is missing from
     * the result.
     */
    static Map<String, CapturedTable> load(Connection c, List<String> qualifiedTables) throws SQLException {
        Map<String, CapturedTable> result = new LinkedHashMap<>();
        String sql = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, COLUMN_KEY "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String q : qualifiedTables) {
                String[] parts = q.split("\\.");
                ps.setString(1, parts[0]);
                ps.setString(2, parts[1]);
                List<Column> columns = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.add(column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                "PRI".equals(rs.getString(5))));
                    }
                }
                if (!columns.isEmpty()) {
                    result.put(q, new CapturedTable(parts[0], parts[1], columns));
                }
            }
        }
        return result;
    }

    static Column column(String name, String dataType, String columnType, String charsetName, boolean primaryKey) {
        String dt = dataType.toLowerCase(Locale.ROOT);
        String ct = columnType.toLowerCase(Locale.ROOT);
        boolean unsigned = ct.contains("unsigned");
        Charset charset = charset(charsetName);
        List<String> labels = List.of();
        Type type;
        int bits = 0;
        switch (dt) {
            case "tinyint":
                type = ct.startsWith("tinyint(1)") ? Type.BOOL : unsigned ? Type.UINT : Type.INT;
                bits = 8;
                break;
            case "smallint":
                type = unsigned ? Type.UINT : Type.INT;
                bits = 16;
                break;
            case "mediumint":
                type = unsigned ? Type.UINT : Type.INT;
                bits = 24;
                break;
            case "int":
            case "integer":
                type = unsigned ? Type.UINT : Type.INT;
                bits = 32;
                break;
            case "bigint":
                type = unsigned ? Type.BIGUINT : Type.INT;
                bits = 64;
                break;
            case "decimal":
            case "numeric":
                type = Type.DECIMAL;
                break;
            case "float":
                type = Type.FLOAT;
                break;
            case "double":
            case "real":
                type = Type.DOUBLE;
                break;
            case "date":
                type = Type.DATE;
                break;
            case "datetime":
                type = Type.DATETIME;
                break;
            case "timestamp":
                type = Type.TIMESTAMP;
                break;
            case "time":
                type = Type.TIME;
                break;
            case "year":
                type = Type.YEAR;
                break;
            case "char":
            case "varchar":
            case "tinytext":
            case "text":
            case "mediumtext":
            case "longtext":
            case "json":
                type = charset == null ? Type.BINARY : Type.TEXT;
                break;
            case "binary":
            case "varbinary":
            case "tinyblob":
            case "blob":
            case "mediumblob":
            case "longblob":
                type = Type.BINARY;
                break;
            case "enum":
                type = Type.ENUM;
                labels = labels(columnType);
                break;
            case "set":
                type = Type.SET;
                labels = labels(columnType);
                break;
            case "bit":
                type = ct.equals("bit(1)") ? Type.BIT1 : Type.BIT;
                break;
            default:
                type = Type.OTHER;
        }
        return new Column(name, type, bits, charset == null ? StandardCharsets.UTF_8 : charset, labels, primaryKey);
    }

    /** The Java charset of a MariaDB character set name; null for {@code binary} or none. */
    static Charset charset(String mariaDbCharset) {
        if (mariaDbCharset == null || mariaDbCharset.equalsIgnoreCase("binary")) {
            return null;
        }
        switch (mariaDbCharset.toLowerCase(Locale.ROOT)) {
            case "utf8mb4":
            case "utf8mb3":
            case "utf8":
                return StandardCharsets.UTF_8;
            case "latin1":
                return Charset.forName("windows-1252"); // MariaDB's latin1 is cp1252
            case "ascii":
                return StandardCharsets.US_ASCII;
            case "ucs2":
            case "utf16":
                return StandardCharsets.UTF_16BE;
            case "utf16le":
                return StandardCharsets.UTF_16LE;
            case "utf32":
                return Charset.forName("UTF-32BE");
            case "latin2":
                return Charset.forName("ISO-8859-2");
            case "cp1250":
                return Charset.forName("windows-1250");
            case "cp1251":
                return Charset.forName("windows-1251");
            default:
                try {
                    return Charset.forName(mariaDbCharset);
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
        }
    }

    /** The labels of {@code enum('a','b')} or {@code set('x','y')}, unquoted. */
    static List<String> labels(String columnType) {
        List<String> out = new ArrayList<>();
        int open = columnType.indexOf('(');
        int i = open + 1;
        while (i < columnType.length()) {
            char ch = columnType.charAt(i);
            if (ch == '\'') {
                StringBuilder label = new StringBuilder();
                i++;
                while (i < columnType.length()) {
                    char c = columnType.charAt(i);
                    if (c == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                        label.append('\'');
                        i += 2;
                    } else if (c == '\'') {
                        i++;
                        break;
                    } else {
                        label.append(c);
                        i++;
                    }
                }
                out.add(label.toString());
            } else {
                i++;
            }
        }
        return out;
    }

    /**
     * A binlog row image as column name → JSON value; {@code included} says which columns the event carries (all of
     * them with {@code binlog_row_image=FULL}), in table order.
     */
    Map<String, Object> fromBinlog(Serializable[] row, BitSet included) {
        Map<String, Object> image = new LinkedHashMap<>();
        int v = 0;
        for (int i = 0; i < columns.size(); i++) {
            if (included != null && !included.get(i)) {
                continue;
            }
            Column c = columns.get(i);
            image.put(c.name(), v < row.length ? fromBinlog(c, row[v]) : null);
            v++;
        }
        return image;
    }

    /** The current row of a snapshot {@code SELECT} of every column, in table order. */
    Map<String, Object> fromJdbc(ResultSet rs) throws SQLException {
        Map<String, Object> image = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            image.put(columns.get(i).name(), fromJdbc(columns.get(i), rs, i + 1));
        }
        return image;
    }

    /** The key of a row image: its primary key columns, or null when the table has none. */
    Map<String, Object> key(Map<String, Object> image) {
        Map<String, Object> key = null;
        for (Column c : columns) {
            if (c.primaryKey()) {
                if (key == null) {
                    key = new LinkedHashMap<>();
                }
                key.put(c.name(), image.get(c.name()));
            }
        }
        return key;
    }

    static Object fromBinlog(Column c, Serializable value) {
        if (value == null) {
            return null;
        }
        switch (c.type()) {
            case BOOL:
                return ((Number) value).longValue() != 0;
            case INT:
                return ((Number) value).longValue();
            case UINT:
                return ((Number) value).longValue() & ((1L << c.bits()) - 1);
            case BIGUINT: {
                long l = ((Number) value).longValue();
                return l >= 0 ? (Object) l : new BigInteger(Long.toUnsignedString(l));
            }
            case DECIMAL:
                return ((BigDecimal) value).toPlainString();
            case FLOAT:
                return Double.valueOf(value.toString());
            case DOUBLE:
            case YEAR:
                return value;
            case DATE:
                return (int) Math.floorDiv(((Number) value).longValue(), MICROS_PER_DAY);
            case DATETIME:
                return localDateTime(((Number) value).longValue());
            case TIMESTAMP: {
                long micros = ((Number) value).longValue();
                return micros == 0 ? null : instant(micros);
            }
            case TIME:
                return time(((Number) value).longValue());
            case TEXT:
                return value instanceof byte[] ? new String((byte[]) value, c.charset()) : value.toString();
            case ENUM: {
                int index = ((Number) value).intValue();
                return index >= 1 && index <= c.labels().size() ? c.labels().get(index - 1) : "";
            }
            case SET: {
                long bits = ((Number) value).longValue();
                List<String> chosen = new ArrayList<>();
                for (int i = 0; i < c.labels().size(); i++) {
                    if ((bits & (1L << i)) != 0) {
                        chosen.add(c.labels().get(i));
                    }
                }
                return String.join(",", chosen);
            }
            case BIT1:
            case BIT: {
                long bits = value instanceof BitSet ? bitsValue((BitSet) value) : ((Number) value).longValue();
                return c.type() == Type.BIT1 ? (Object) (bits != 0) : (Object) bits;
            }
            case BINARY:
            case OTHER:
            default:
                return value instanceof byte[] ? Base64.getEncoder().encodeToString((byte[]) value) : value.toString();
        }
    }

    static Object fromJdbc(Column c, ResultSet rs, int i) throws SQLException {
        switch (c.type()) {
            case BOOL: {
                long l = rs.getLong(i);
                return rs.wasNull() ? null : (Object) (l != 0);
            }
            case INT:
            case UINT: {
                long l = rs.getLong(i);
                return rs.wasNull() ? null : (Object) l;
            }
            case BIGUINT: {
                String s = rs.getString(i);
                if (s == null) {
                    return null;
                }
                BigInteger b = new BigInteger(s);
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
            case DECIMAL: {
                BigDecimal d = rs.getBigDecimal(i);
                return d == null ? null : d.toPlainString();
            }
            case FLOAT: {
                float f = rs.getFloat(i);
                return rs.wasNull() ? null : (Object) Double.valueOf(Float.toString(f));
            }
            case DOUBLE: {
                double d = rs.getDouble(i);
                return rs.wasNull() ? null : (Object) d;
            }
            case YEAR: {
                int y = rs.getInt(i);
                return rs.wasNull() ? null : (Object) y;
            }
            case DATE: {
                String s = rs.getString(i);
                return s == null || s.startsWith("0000") || s.contains("-00") ? null
                        : (Object) (int) LocalDate.parse(s).toEpochDay();
            }
            case DATETIME: {
                String s = rs.getString(i);
                return s == null || s.startsWith("0000") ? null : LOCAL.format(LocalDateTime.parse(s.replace(' ', 'T')));
            }
            case TIMESTAMP: {
                // the snapshot session runs with time_zone '+00:00'
                String s = rs.getString(i);
                return s == null || s.startsWith("0000") ? null
                        : INSTANT.format(LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
            }
            case TIME: {
                String s = rs.getString(i);
                return s == null ? null : time(parseTimeMicros(s));
            }
            case TEXT:
            case ENUM:
            case SET:
                return rs.getString(i);
            case BIT1:
            case BIT: {
                byte[] b = rs.getBytes(i);
                if (b == null) {
                    return null;
                }
                long bits = 0;
                for (byte x : b) {
                    bits = (bits << 8) | (x & 0xFF);
                }
                return c.type() == Type.BIT1 ? (Object) (bits != 0) : (Object) bits;
            }
            case BINARY:
            case OTHER:
            default: {
                byte[] b = rs.getBytes(i);
                return b == null ? null : Base64.getEncoder().encodeToString(b);
            }
        }
    }

    private static long bitsValue(BitSet bits) {
        long[] words = bits.toLongArray();
        return words.length == 0 ? 0 : words[0];
    }

    private static String localDateTime(long micros) {
        return LOCAL.format(LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC));
    }

    private static String instant(long micros) {
        return INSTANT.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                Math.floorMod(micros, 1_000_000L) * 1000));
    }

    /** {@code HH:MM:SS[.fraction]} (fraction without trailing zeros), hours may pass 24, negatives signed. */
    static String time(long micros) {
        String sign = micros < 0 ? "-" : "";
        long m = Math.abs(micros);
        long seconds = m / 1_000_000L;
        long fraction = m % 1_000_000L;
        String s = String.format(Locale.ROOT, "%s%02d:%02d:%02d", sign, seconds / 3600, (seconds / 60) % 60, seconds % 60);
        if (fraction != 0) {
            String f = String.format(Locale.ROOT, "%06d", fraction);
            s += "." + f.replaceAll("0+$", "");
        }
        return s;
    }

    static long parseTimeMicros(String s) {
        boolean negative = s.startsWith("-");
        String t = negative ? s.substring(1) : s;
        String[] hms = t.split(":");
        String[] secFrac = hms[2].split("\\.");
        long micros = (Long.parseLong(hms[0]) * 3600 + Long.parseLong(hms[1]) * 60 + Long.parseLong(secFrac[0])) * 1_000_000L;
        if (secFrac.length > 1) {
            String f = (secFrac[1] + "000000").substring(0, 6);
            micros += Long.parseLong(f);
        }
        return negative ? -micros : micros;
    }
}
