package cl.cobranza.core.normalize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogPositionTest {

    @Test
    void packsFileNumberAboveThePosition() {
        assertThat(BinlogPosition.of("binlog.000003", 1081)).isEqualTo(3L * 4294967296L + 1081);
        assertThat(BinlogPosition.fileNumber("mysql-bin.000042")).isEqualTo(42);
        assertThat(BinlogPosition.fileNumber("/var/lib/mysql/my.host-bin.1000000")).isEqualTo(1_000_000);
    }

    @Test
    void aLaterFileIsNewerWhateverItsPosition() {
        long endOfFirstFile = BinlogPosition.of("binlog.000001", 0xFFFF_FFFFL);
        long startOfSecond = BinlogPosition.of("binlog.000002", 4);
        assertThat(startOfSecond).isGreaterThan(endOfFirstFile);
        assertThat(BinlogPosition.of("binlog.000002", 900)).isGreaterThan(BinlogPosition.of("binlog.000002", 899));
    }

    @Test
    void rejectsWhatIsNotABinlogFileOrPosition() {
        assertThatThrownBy(() -> BinlogPosition.of("binlog", 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinlogPosition.of("binlog.00a1", 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinlogPosition.of(null, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinlogPosition.of("binlog.000001", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinlogPosition.of("binlog.000001", 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
