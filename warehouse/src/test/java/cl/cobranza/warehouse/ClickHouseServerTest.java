package cl.cobranza.warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseServerTest {

    @Test
    void replacesAServerLeftRunningByACrashedRunAndStopsIdempotently(@TempDir Path dir) {
        ClickHouseServer crashed = ClickHouseServer.start(ClickHouseServer.Config.local(dir, ClickHouseServer.freePort(), ClickHouseServer.freePort()));
        long stalePid = crashed.pid();
        assertThat(Files.exists(dir.resolve("clickhouse.pid"))).isTrue();
        // "crashed": never closed; the next start on the same folder must stop it
        try (ClickHouseServer next = ClickHouseServer.start(ClickHouseServer.Config.local(dir, ClickHouseServer.freePort(), ClickHouseServer.freePort()))) {
            assertThat(ProcessHandle.of(stalePid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(next.isAlive()).isTrue();
            try (Warehouse warehouse = new Warehouse(next.writerSettings().withDatabase("system"))) {
                assertThat(warehouse.query("SELECT 1 AS one").get(0).get("one").asInt()).isEqualTo(1);
            }
            next.close();
            next.close();
            assertThat(next.isAlive()).isFalse();
            assertThat(Files.exists(dir.resolve("clickhouse.pid"))).isFalse();
        } finally {
            crashed.close();
        }
        assertThat(Files.exists(dir.resolve("log/server.log"))).isTrue();
    }

    @Test
    void missingBinarySaysHowToInstall(@TempDir Path dir) {
        assertThatThrownBy(() -> ClickHouseServer.serverCommand(dir.resolve("no-such-clickhouse")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sudo apt-get install clickhouse-server")
                .hasMessageContaining("`clickhouse` is on the PATH")
                .hasMessageContaining("external ClickHouse URL");
    }

    @Test
    void multiCallBinaryGetsTheServerSubcommand() {
        assertThat(ClickHouseServer.serverCommand(null)).isNotEmpty();
        Path single = Path.of("/usr/bin/clickhouse");
        if (Files.isExecutable(single)) {
            assertThat(ClickHouseServer.serverCommand(single)).containsExactly("/usr/bin/clickhouse", "server");
        }
    }

    @Test
    void aServerThatCannotStartReportsItsErrorLog(@TempDir Path dir) throws Exception {
        int busy = ClickHouseServer.freePort();
        try (var socket = new java.net.ServerSocket(busy, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ClickHouseServer.start(ClickHouseServer.Config.local(dir, busy, ClickHouseServer.freePort())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("server.err.log")
                    .hasMessageContaining("Address already in use");
        }
    }
}
