package cl.cobranza.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(ClickHouseExtension.class)
class SqlLiteralTest {
    private static Warehouse warehouse;

    @BeforeAll
    static void connect(ClickHouseServer server) {
        warehouse = new Warehouse(server.writerSettings());
        new WarehouseWriter(warehouse).upsertClients(List.of(new ClientInfo("sql-literal-1", "Uno", "1-9")));
    }

    @AfterAll
    static void close() {
        warehouse.close();
    }

    @Test
    void escapesBackslashAndQuote() {
        assertThat(SqlLiteral.string("it's")).isEqualTo("'it\\'s'");
        assertThat(SqlLiteral.string("a\\b")).isEqualTo("'a\\\\b'");
        assertThat(SqlLiteral.string("\\' OR 1=1 --")).isEqualTo("'\\\\\\' OR 1=1 --'");
    }

    @Test
    void datesAndNumbersAreTyped() {
        assertThat(SqlLiteral.date(LocalDate.of(2024, 3, 1))).isEqualTo("toDate('2024-03-01')");
        assertThat(SqlLiteral.number(-42)).isEqualTo("-42");
        assertThat(SqlLiteral.number(1e-7)).isEqualTo("0.0000001");
        assertThat(SqlLiteral.number(-2.5e10)).isEqualTo("-25000000000");
        assertThat(SqlLiteral.number(0.1)).isEqualTo("0.1");
        assertThatThrownBy(() -> SqlLiteral.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlLiteral.string(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\' OR 1=1 --", "' OR '1'='1", "x'); DROP TABLE clients; --", "line 1\nline 2\r\nline 3",
            "nul\u0000byte", "tab\there", "ñandú, camión, €, 日本, \uD83D\uDE00", "back\\slash\\", "\\", "'", "", "\\n is not a newline"})
    void roundTripsThroughTheServer(String value) {
        List<JsonNode> rows = warehouse.query("SELECT " + SqlLiteral.string(value) + " AS v");
        assertThat(rows.get(0).get("v").asText()).isEqualTo(value);
    }

    @Test
    void injectionStaysInsideTheLiteral() {
        List<JsonNode> rows = warehouse.query("SELECT count() AS n FROM clients WHERE client_id = "
                + SqlLiteral.string("x' OR 1=1 OR client_id = '") + " OR client_id = " + SqlLiteral.string("\\' OR 1=1 --"));
        assertThat(rows.get(0).get("n").asLong()).isZero();
        List<JsonNode> control = warehouse.query("SELECT count() AS n FROM clients WHERE client_id = " + SqlLiteral.string("sql-literal-1"));
        assertThat(control.get(0).get("n").asLong()).isEqualTo(1);
    }

    @Test
    void dateAndNumberRoundTrip() {
        JsonNode row = warehouse.query("SELECT " + SqlLiteral.date(LocalDate.of(2024, 2, 29)) + " AS d, toTypeName(d) AS t, "
                + SqlLiteral.number(Long.MIN_VALUE + 1) + " AS n").get(0);
        assertThat(row.get("d").asText()).isEqualTo("2024-02-29");
        assertThat(row.get("t").asText()).isEqualTo("Date");
        assertThat(row.get("n").asLong()).isEqualTo(Long.MIN_VALUE + 1);
    }
}
