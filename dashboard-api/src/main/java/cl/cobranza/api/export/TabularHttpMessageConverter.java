package cl.cobranza.api.export;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;

import java.io.IOException;
import java.text.Normalizer;

/**
 * Writes (never reads) a {@link Tabular} response body in one {@link ExportFormat}, streamed to the response, as
 * a download: {@code Content-Disposition: attachment; filename="<tableName>.<csv|xlsx>"}.
 */
final class TabularHttpMessageConverter extends AbstractHttpMessageConverter<Tabular> {
    private final ExportFormat format;

    TabularHttpMessageConverter(ExportFormat format) {
        super(format.charset(), format.mediaType());
        this.format = format;
    }

    ExportFormat format() {
        return format;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return Tabular.class.isAssignableFrom(type);
    }

    @Override
    public boolean canRead(Class<?> type, MediaType mediaType) {
        return false;
    }

    @Override
    protected Tabular readInternal(Class<? extends Tabular> type, HttpInputMessage input) {
        throw new UnsupportedOperationException("Exports are written, never read");
    }

    @Override
    protected void addDefaultHeaders(HttpHeaders headers, Tabular table, MediaType contentType) throws IOException {
        super.addDefaultHeaders(headers, table, contentType);
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename(fileName(table.tableName()) + "." + format.parameter()).build());
    }

    /** No length: the body is streamed as it is made (chunked). */
    @Override
    protected Long getContentLength(Tabular table, MediaType contentType) {
        return null;
    }

    @Override
    protected void writeInternal(Tabular table, HttpOutputMessage output) throws IOException {
        format.write(table, output.getBody());
    }

    /**
     * A file name every browser and file system takes as it is: accents dropped (ñ becomes n), anything but
     * letters, digits, '.', '_' and '-' replaced by '-'; "tabla" if nothing is left.
     */
    static String fileName(String tableName) {
        String ascii = Normalizer.normalize(tableName, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String name = ascii.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+|[.-]+$", "");
        return name.isEmpty() ? "tabla" : name;
    }
}
