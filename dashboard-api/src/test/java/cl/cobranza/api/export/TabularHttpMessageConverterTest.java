package cl.cobranza.api.export;

import cl.cobranza.api.export.Tabular.Column;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;

import static cl.cobranza.api.export.Tabular.row;
import static org.assertj.core.api.Assertions.assertThat;

class TabularHttpMessageConverterTest {
    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final Table TABLE = Table.of("kpis-diarios-cliente-a",
            List.of(Column.date("Fecha"), Column.integer("Saldo CLP")), row(LocalDate.of(2026, 3, 1), 10L));

    /** What Spring hands a converter: headers to fill, then the body to write. */
    private static final class Output implements HttpOutputMessage {
        final HttpHeaders headers = new HttpHeaders();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public OutputStream getBody() {
            return body;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }
    }

    private static final TabularHttpMessageConverter CSV = new TabularHttpMessageConverter(ExportFormat.CSV);
    private static final TabularHttpMessageConverter XLSX_CONVERTER =
            new TabularHttpMessageConverter(ExportFormat.XLSX);

    @Test
    void writesTabularBodiesOnlyInItsOwnMediaTypeAndReadsNothing() {
        assertThat(CSV.canWrite(Table.class, MediaType.valueOf("text/csv"))).isTrue();
        assertThat(CSV.canWrite(Table.class, MediaType.ALL)).isTrue();
        assertThat(CSV.canWrite(Table.class, MediaType.APPLICATION_JSON)).isFalse();
        assertThat(CSV.canWrite(Table.class, XLSX)).isFalse();
        assertThat(CSV.canWrite(String.class, MediaType.valueOf("text/csv"))).isFalse();
        assertThat(XLSX_CONVERTER.canWrite(Table.class, XLSX)).isTrue();
        assertThat(XLSX_CONVERTER.canWrite(Table.class, MediaType.valueOf("text/csv"))).isFalse();
        assertThat(CSV.canRead(Table.class, MediaType.valueOf("text/csv"))).isFalse();
        assertThat(XLSX_CONVERTER.canRead(Table.class, XLSX)).isFalse();
    }

    @Test
    void csvIsAUtf8DownloadNamedAfterTheTable() throws IOException {
        Output output = new Output();

        CSV.write(TABLE, MediaType.valueOf("text/csv"), output);

        assertThat(output.headers.getContentType()).isEqualTo(MediaType.valueOf("text/csv;charset=UTF-8"));
        assertThat(output.headers.getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"kpis-diarios-cliente-a.csv\"");
        assertThat(output.headers.getContentLength()).isEqualTo(-1);
        assertThat(output.body.toString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFFecha,Saldo CLP\r\n2026-03-01,10\r\n");
    }

    @Test
    void xlsxIsADownloadNamedAfterTheTable() throws IOException {
        Output output = new Output();

        XLSX_CONVERTER.write(TABLE, XLSX, output);

        assertThat(output.headers.getContentType()).isEqualTo(XLSX);
        assertThat(output.headers.getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"kpis-diarios-cliente-a.xlsx\"");
        assertThat(output.body.toByteArray()).startsWith('P', 'K', 3, 4);
    }

    @Test
    void fileNamesAreSafeAscii() {
        assertThat(TabularHttpMessageConverter.fileName("kpis-diarios-cliente-a")).isEqualTo("kpis-diarios-cliente-a");
        assertThat(TabularHttpMessageConverter.fileName("Compañía \"Año\" 2026/03")).isEqualTo("Compania-Ano-2026-03");
        assertThat(TabularHttpMessageConverter.fileName("../../etc/passwd")).isEqualTo("etc-passwd");
        assertThat(TabularHttpMessageConverter.fileName("¿?")).isEqualTo("tabla");
    }
}
