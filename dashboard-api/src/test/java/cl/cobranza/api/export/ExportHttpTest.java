package cl.cobranza.api.export;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static cl.cobranza.api.export.Tabular.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ?format=} end to end: a Spring Boot web server with the project's application.properties, the export
 * configuration and a controller returning a {@link Tabular} record, asked over real HTTP.
 */
class ExportHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static ConfigurableApplicationContext app;
    private static String base;

    /** A response as the lead engineer will write them: JSON components, and the table view on top. */
    record DailyKpis(String clientId, List<Day> days) implements Tabular {
        record Day(LocalDate date, long overdueClp, Double dso) {
        }

        @Override
        public String tableName() {
            return "kpis-diarios-" + clientId;
        }

        @Override
        public List<Column> columns() {
            return List.of(Column.date("Fecha"), Column.integer("Saldo vencido CLP"), Column.decimal("DSO (días)"));
        }

        @Override
        public Iterable<List<Object>> tableRows() {
            return days.stream().map(d -> row(d.date(), d.overdueClp(), d.dso())).toList();
        }
    }

    /** A response that is not a table. */
    record Me(String username) {
    }

    /** Only in this test's context: the profile keeps the API's own component scan (cl.cobranza.api) off it. */
    @Profile(TestApp.PROFILE)
    @RestController
    static class TestController {
        @GetMapping("/test/kpis")
        DailyKpis kpis() {
            return new DailyKpis("peñalolén", List.of(new DailyKpis.Day(LocalDate.of(2026, 3, 1), 1_234_567, 41.5),
                    new DailyKpis.Day(LocalDate.of(2026, 3, 2), 1_000_000, null)));
        }

        @GetMapping("/test/me")
        Me me() {
            return new Me("ana");
        }
    }

    /** The smallest Boot web application around the export configuration; no security in the way. */
    @Profile(TestApp.PROFILE)
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({ExportConfiguration.class, ExportExceptionHandler.class, TestController.class})
    static class TestApp {
        static final String PROFILE = "export-http-test";

        @Bean
        SecurityFilterChain open(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
    }

    @BeforeAll
    static void start() {
        SpringApplication application = new SpringApplication(TestApp.class);
        application.setAdditionalProfiles(TestApp.PROFILE);
        app = application.run("--server.port=0", "--spring.main.banner-mode=off",
                "--management.endpoints.web.exposure.include=health",
                // no platform database in this slice: the export converters need none
                "--spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
        base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void jsonStaysTheDefaultAndShowsNoTableMethods() throws Exception {
        for (String[] headers : List.of(new String[0], new String[]{"Accept", "*/*"},
                new String[]{"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})) {
            HttpResponse<byte[]> response = get("/test/kpis", headers);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(contentType(response)).startsWith("application/json");
            assertThat(text(response)).contains("\"clientId\":\"peñalolén\"", "\"overdueClp\":1234567")
                    .doesNotContain("tableName", "columns", "rows");
            assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
        }
        assertThat(contentType(get("/test/kpis?format=json"))).startsWith("application/json");
    }

    @Test
    void formatCsvDownloadsTheTable() throws Exception {
        HttpResponse<byte[]> response = get("/test/kpis?format=csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"kpis-diarios-penalolen.csv\"");
        assertThat(text(response)).isEqualTo("\uFEFFFecha,Saldo vencido CLP,DSO (días)\r\n"
                + "2026-03-01,1234567,41.5\r\n2026-03-02,1000000,\r\n");
    }

    @Test
    void formatXlsxDownloadsTheTable() throws Exception {
        HttpResponse<byte[]> response = get("/test/kpis?format=XLSX");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).isEqualTo(XLSX);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"kpis-diarios-penalolen.xlsx\"");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(2).getStringCellValue()).isEqualTo("DSO (días)");
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(1).getNumericCellValue()).isEqualTo(1_234_567.0);
        }
    }

    @Test
    void theAcceptHeaderWorksToo() throws Exception {
        HttpResponse<byte[]> response = get("/test/kpis", "Accept", "text/csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith("text/csv");
    }

    @Test
    void anUnknownFormatIsABadRequestNamingTheParameterAndTheAllowedValues() throws Exception {
        HttpResponse<byte[]> response = get("/test/kpis?format=pdf");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(contentType(response)).startsWith("application/json");
        assertThat(text(response)).contains("\"field\":\"format\"", "format=pdf no existe", "csv o xlsx");
    }

    @Test
    void anEndpointThatIsNotATableSaysSoWhenAskedForAnExport() throws Exception {
        HttpResponse<byte[]> response = get("/test/me?format=csv");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(contentType(response)).startsWith("application/json");
        assertThat(text(response)).contains("\"field\":\"format\"", "no se exporta");
        assertThat(contentType(get("/test/me"))).startsWith("application/json");
    }

    @Test
    void anAcceptHeaderNothingMeetsIsNotAcceptableNamingTheHeader() throws Exception {
        HttpResponse<byte[]> response = get("/test/me", "Accept", "application/pdf");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(text(response)).contains("\"field\":\"Accept\"");
    }
}
