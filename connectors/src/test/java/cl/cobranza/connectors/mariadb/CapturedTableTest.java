package cl.cobranza.connectors.mariadb;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Column types and binlog values to JSON values, without a database. */
class CapturedTableTest {

    @Test
    void columnTypesFromInformationSchema() {
        assertThat(CapturedTable.column("anulado", "tinyint", "tinyint(1)", null, false).type())
                .isEqualTo(CapturedTable.Type.BOOL);
        assertThat(CapturedTable.column("n", "tinyint", "tinyint(3) unsigned", null, false).type())
                .isEqualTo(CapturedTable.Type.UINT);
        assertThat(CapturedTable.column("n", "bigint", "bigint(20) unsigned", null, false).type())
                .isEqualTo(CapturedTable.Type.BIGUINT);
        assertThat(CapturedTable.column("t", "varchar", "varchar(10)", "binary", false).type())
                .isEqualTo(CapturedTable.Type.BINARY);
        assertThat(CapturedTable.column("e", "enum", "enum('a','it''s','c,d')", null, false).labels())
                .containsExactly("a", "it's", "c,d");
        assertThat(CapturedTable.charset("latin1")).isEqualTo(Charset.forName("windows-1252"));
        assertThat(CapturedTable.charset("utf8mb4")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CapturedTable.charset("binary")).isNull();
    }

    @Test
    void binlogValuesBecomeJsonValues() {
        CapturedTable.Column bool = CapturedTable.column("b", "tinyint", "tinyint(1)", null, false);
        assertThat(CapturedTable.fromBinlog(bool, 1)).isEqualTo(true);
        assertThat(CapturedTable.fromBinlog(bool, 0)).isEqualTo(false);
        CapturedTable.Column utiny = CapturedTable.column("u", "tinyint", "tinyint(3) unsigned", null, false);
        assertThat(CapturedTable.fromBinlog(utiny, -6)).isEqualTo(250L);
        CapturedTable.Column uint = CapturedTable.column("u", "int", "int(10) unsigned", null, false);
        assertThat(CapturedTable.fromBinlog(uint, -1)).isEqualTo(4294967295L);
        CapturedTable.Column ubig = CapturedTable.column("u", "bigint", "bigint(20) unsigned", null, false);
        assertThat(CapturedTable.fromBinlog(ubig, -1L).toString()).isEqualTo("18446744073709551615");
        CapturedTable.Column dec = CapturedTable.column("m", "decimal", "decimal(14,2)", null, false);
        assertThat(CapturedTable.fromBinlog(dec, new BigDecimal("1250000.50"))).isEqualTo("1250000.50");
        CapturedTable.Column date = CapturedTable.column("d", "date", "date", null, false);
        assertThat(CapturedTable.fromBinlog(date, 20_759L * 86_400_000_000L)).isEqualTo(20_759);
        assertThat(CapturedTable.fromBinlog(date, -86_400_000_000L)).isEqualTo(-1);
        CapturedTable.Column dt = CapturedTable.column("dt", "datetime", "datetime", null, false);
        assertThat(CapturedTable.fromBinlog(dt, 1_793_614_530_000_000L)).isEqualTo("2026-11-02T10:15:30");
        CapturedTable.Column ts = CapturedTable.column("ts", "timestamp", "timestamp(3)", null, false);
        assertThat(CapturedTable.fromBinlog(ts, 1_793_614_530_123_000L)).isEqualTo("2026-11-02T10:15:30.123Z");
        CapturedTable.Column text = CapturedTable.column("t", "varchar", "varchar(50)", "latin1", false);
        assertThat(CapturedTable.fromBinlog(text, "Peñalolén €".getBytes(Charset.forName("windows-1252"))))
                .isEqualTo("Peñalolén €");
        CapturedTable.Column set = CapturedTable.column("s", "set", "set('a','b','c')", null, false);
        assertThat(CapturedTable.fromBinlog(set, 5L)).isEqualTo("a,c");
        CapturedTable.Column enumeration = CapturedTable.column("e", "enum", "enum('a','b')", null, false);
        assertThat(CapturedTable.fromBinlog(enumeration, 2)).isEqualTo("b");
        CapturedTable.Column bit = CapturedTable.column("f", "bit", "bit(1)", null, false);
        BitSet one = new BitSet();
        one.set(0);
        assertThat(CapturedTable.fromBinlog(bit, one)).isEqualTo(true);
        assertThat(CapturedTable.fromBinlog(dec, null)).isNull();
    }

    @Test
    void timesAreHoursMinutesSecondsAndAFractionWithoutTrailingZeros() {
        assertThat(CapturedTable.time(CapturedTable.parseTimeMicros("13:45:10"))).isEqualTo("13:45:10");
        assertThat(CapturedTable.time(CapturedTable.parseTimeMicros("838:59:59.500000"))).isEqualTo("838:59:59.5");
        assertThat(CapturedTable.time(CapturedTable.parseTimeMicros("-01:00:00.000001"))).isEqualTo("-01:00:00.000001");
    }
}
