package cl.cobranza.api.export;

import cl.cobranza.api.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Says what is wrong when no converter can answer in the requested format: an unknown {@code ?format=} (400), a
 * format the endpoint does not export (406), or an Accept header the API cannot meet (406). The body is JSON
 * whatever was asked for (the Content-Type is set, so content negotiation, which failed once, is not run again).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ExportExceptionHandler {
    static final String PARAMETER = "format";

    @ExceptionHandler
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        String format = request.getParameter(PARAMETER);
        if (format == null || format.isBlank()) {
            return error(HttpStatus.NOT_ACCEPTABLE, "Accept", "La API responde application/json (y text/csv o "
                    + "XLSX en las tablas que se exportan); el encabezado Accept no admite ninguno de ellos.");
        }
        boolean known = format.strip().equalsIgnoreCase("json") || ExportFormat.ofParameter(format).isPresent();
        if (!known) {
            return error(HttpStatus.BAD_REQUEST, PARAMETER, "format=" + format + " no existe: use format="
                    + ExportFormat.allowedValues() + " para descargar la tabla, o quite format para recibir JSON.");
        }
        return error(HttpStatus.NOT_ACCEPTABLE, PARAMETER, "Esta ruta no se exporta como " + format
                + ": format=" + ExportFormat.allowedValues() + " existe solo en las tablas (docs/api.md, Exports); "
                + "quite format para recibir JSON.");
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String field, String reason) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ApiError(field, reason));
    }
}
