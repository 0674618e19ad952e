package cl.cobranza.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies larger than {@code cobranza.api.max-body-bytes} (64 KiB: the largest legitimate body, a
 * 36-instalment plan with notes, is a few KiB) with 413 and the project's error body, before anything reads them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimit extends OncePerRequestFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBytes;

    BodySizeLimit(@Value("${cobranza.api.max-body-bytes:65536}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > maxBytes || (chunked && !"GET".equals(request.getMethod()))) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(JSON.writeValueAsString(new ApiError("body", chunked
                    ? "envíe el cuerpo con Content-Length (sin 'chunked'); el máximo es " + maxBytes + " bytes"
                    : "el cuerpo tiene " + length + " bytes; el máximo es " + maxBytes)));
            return;
        }
        chain.doFilter(request, response);
    }
}
