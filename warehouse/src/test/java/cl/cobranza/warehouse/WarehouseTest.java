package cl.cobranza.warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(ClickHouseExtension.class)
class WarehouseTest {

    @Test
    void errorsNameTheSqlAndTheServerMessage(ClickHouseServer server) {
        try (Warehouse warehouse = new Warehouse(server.writerSettings())) {
            assertThatThrownBy(() -> warehouse.query("SELECT * FROM no_such_table WHERE 1 = 1"))
                    .isInstanceOfSatisfying(WarehouseException.class, e -> {
                        assertThat(e.code()).isEqualTo(60);
                        assertThat(e.getMessage()).contains("no_such_table").contains("SQL: SELECT * FROM no_such_table WHERE 1 = 1");
                    });
        }
    }

    @Test
    void aPageComesWithTheRowsBeforeItsLimit(ClickHouseServer server) {
        try (Warehouse warehouse = new Warehouse(server.writerSettings())) {
            // 0..99 with x % 3 = 0: 34 rows; the page is the 5 largest
            Warehouse.Page page = warehouse.queryPage("SELECT x FROM (SELECT number AS x FROM numbers(100)) WHERE x % 3 = 0 ORDER BY x DESC", 5);
            assertThat(page.rows()).extracting(r -> r.get("x").asLong()).containsExactly(99L, 96L, 93L, 90L, 87L);
            assertThat(page.rowsBeforeLimit()).isEqualTo(34);
            // as the worklist reads: a LEFT JOIN on a grouped subquery; 0..99 with x % 4 = 1: 25 rows, 1, 5 and 9 matched
            page = warehouse.queryPage("""
                    SELECT x, m FROM (SELECT number AS x FROM numbers(100) WHERE x % 4 = 1) AS a
                    LEFT JOIN (SELECT number * 4 + 1 AS y, max(number) + 1 AS m FROM numbers(3) GROUP BY y) AS b ON x = y
                    ORDER BY m DESC, x""", 2);
            assertThat(page.rows()).extracting(r -> r.get("x").asLong()).containsExactly(9L, 5L);
            assertThat(page.rowsBeforeLimit()).isEqualTo(25);
            page = warehouse.queryPage("SELECT x FROM (SELECT number AS x FROM numbers(10)) WHERE x > 6", Long.MAX_VALUE);
            assertThat(page.rowsBeforeLimit()).as("no LIMIT: the rows").isEqualTo(3);
        }
    }

    @Test
    void aBadRowFailsTheWholeInsert(ClickHouseServer server) {
        try (Warehouse warehouse = new Warehouse(server.writerSettings())) {
            byte[] rows = ("{\"client_id\":\"wh-bad-row\",\"name\":\"ok\",\"rut\":\"1-9\",\"version\":1}\n"
                    + "{\"client_id\":\"wh-bad-row-2\",\"name\":\"bad\",\"rut\":\"1-9\",\"version\":\"not a number\"}\n")
                    .getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> warehouse.insertJsonEachRow("clients", rows))
                    .isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("INSERT INTO clients FORMAT JSONEachRow");
            assertThat(warehouse.query("SELECT count() AS n FROM clients WHERE client_id LIKE 'wh-bad-row%'").get(0).get("n").asLong())
                    .isZero();
        }
    }

    @Test
    void readerMayReadButNotWriteOrChangeTheSchema(ClickHouseServer server) {
        try (Warehouse reader = new Warehouse(server.readerSettings())) {
            assertThat(reader.query("SELECT count() AS n FROM clients")).hasSize(1);
            assertThatThrownBy(() -> reader.execute("INSERT INTO clients (client_id, name, rut, version) VALUES ('wh-r', 'x', 'y', 1)"))
                    .isInstanceOfSatisfying(WarehouseException.class, e -> assertThat(e.code()).isEqualTo(164));
            assertThatThrownBy(() -> reader.execute("CREATE TABLE reader_table (a UInt8) ENGINE = MergeTree ORDER BY a"))
                    .isInstanceOfSatisfying(WarehouseException.class, e -> assertThat(e.code()).isEqualTo(164));
            assertThatThrownBy(() -> reader.execute("DROP TABLE clients"))
                    .isInstanceOf(WarehouseException.class);
        }
    }

    @Test
    void rejectsNamesThatAreNotIdentifiers() {
        assertThatThrownBy(() -> new WarehouseSettings("http://localhost:1", "x; DROP", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new WarehouseSettings("http://localhost:1", "db", "u", "secret").toString()).doesNotContain("secret");
    }
}
