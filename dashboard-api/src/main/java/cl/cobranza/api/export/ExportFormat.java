package cl.cobranza.api.export;

import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The download formats of a {@link Tabular} body: the value of {@code ?format=}, the media type it selects (mapped
 * in application.properties, {@code spring.mvc.contentnegotiation.media-types.*}), the file extension and writer.
 */
enum ExportFormat {
    CSV("csv", new MediaType("text", "csv"), StandardCharsets.UTF_8, CsvWriter::write),
    XLSX("xlsx", new MediaType("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"), null,
            XlsxWriter::write);

    /** Writes a whole table to a stream. */
    interface TableWriter {
        void write(Tabular table, OutputStream out) throws IOException;
    }

    private final String parameter;
    private final MediaType mediaType;
    private final Charset charset;
    private final TableWriter writer;

    ExportFormat(String parameter, MediaType mediaType, Charset charset, TableWriter writer) {
        this.parameter = parameter;
        this.mediaType = mediaType;
        this.charset = charset;
        this.writer = writer;
    }

    /** The value of {@code ?format=} and the file name extension. */
    String parameter() {
        return parameter;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** The charset added to the Content-Type, or null for a binary format. */
    Charset charset() {
        return charset;
    }

    void write(Tabular table, OutputStream out) throws IOException {
        writer.write(table, out);
    }

    /** The format a {@code ?format=} value names, ignoring case as Spring's parameter negotiation does. */
    static Optional<ExportFormat> ofParameter(String value) {
        return Arrays.stream(values()).filter(f -> f.parameter.equals(value.strip().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** The accepted values for error messages: "csv o xlsx". */
    static String allowedValues() {
        List<String> names = Arrays.stream(values()).map(ExportFormat::parameter).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " o " + names.get(names.size() - 1);
    }
}
