package cl.cobranza.core.normalize;

/**
 * The source position of a MySQL or MariaDB change as one {@code long}: binlog file number × 2^32 + position in
 * that file. A file's {@code pos} alone starts again near 4 in every new binlog file (each server restart and each
 * {@code FLUSH LOGS} opens one), so only the pair orders changes; event positions are 32-bit in the binlog format,
 * so the packing is exact.
 *
 * <p>Debezium puts both in the envelope's {@code source} block: {@code file} (e.g. {@code binlog.000042}) and
 * {@code pos}, the start of the binlog event that carries the row. Successive versions of one row are always in
 * different events, so their positions strictly increase; rows of one multi-row statement share a position (they
 * are different rows). Snapshot reads carry the binlog position at which streaming then starts, which is below that
 * of any streamed change. {@code RESET MASTER} (numbering starts again at 1) breaks the order, as it breaks
 * Debezium's own offsets: it requires a new snapshot.
 */
public final class BinlogPosition {
    private BinlogPosition() {
    }

    /** file number × 2^32 + pos, e.g. ({@code binlog.000003}, 1081) → 3 × 4294967296 + 1081. */
    public static long of(String binlogFile, long pos) {
        if (pos < 0 || pos > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("binlog position " + pos + " is outside 0..2^32-1");
        }
        return (fileNumber(binlogFile) << 32) | pos;
    }

    /** The number after the last dot of a binlog file name: {@code mysql-bin.000042} → 42. */
    public static long fileNumber(String binlogFile) {
        if (binlogFile == null) {
            throw new IllegalArgumentException("no binlog file name");
        }
        int dot = binlogFile.lastIndexOf('.');
        String digits = binlogFile.substring(dot + 1);
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("binlog file name '" + binlogFile + "' does not end in .<number>");
        }
        return Long.parseLong(digits);
    }
}
