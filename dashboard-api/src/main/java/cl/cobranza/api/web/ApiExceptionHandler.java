package cl.cobranza.api.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import cl.cobranza.core.collection.InvalidWorkException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import cl.cobranza.core.kpi.Rollup;
import cl.cobranza.warehouse.WarehouseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the API's refusals into JSON bodies with a status that says whose fault it was. */
@RestControllerAdvice
class ApiExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler
    ResponseEntity<ApiError> badRequest(BadRequestException e) {
        return json(HttpStatus.BAD_REQUEST, new ApiError(e.field(), e.getMessage()));
    }

    /** Collection work that breaks a rule of {@code WorkRules}: the field and the fix. */
    @ExceptionHandler
    ResponseEntity<ApiError> invalidWork(InvalidWorkException e) {
        return json(HttpStatus.BAD_REQUEST, new ApiError(e.field(), e.getMessage()));
    }

    /**
     * A body that is not JSON, has a value of the wrong type or a field the endpoint does not know: names the
     * field when the parser knows it. The parser's own text stays in the log (it may echo the input).
     */
    @ExceptionHandler
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecognizedPropertyException u) {
                return json(HttpStatus.BAD_REQUEST, new ApiError(u.getPropertyName(), "campo desconocido '" + u.getPropertyName()
                        + "'; los campos aceptados son " + u.getKnownPropertyIds()));
            }
            String field = t instanceof JacksonException j ? field(j) : null;
            if (field == null && t instanceof StreamReadException r && r.processor() != null) {
                field = r.processor().currentName(); // a number too large is found while reading, before any path
            }
            if (t instanceof InputCoercionException && field != null) {
                return json(HttpStatus.BAD_REQUEST, new ApiError(field, "el número de '" + field
                        + "' está fuera de rango; revise el cuerpo JSON"));
            }
            if (t instanceof DatabindException && field != null) {
                return json(HttpStatus.BAD_REQUEST, new ApiError(field, "el valor de '" + field + "' no tiene el tipo esperado (texto, número "
                        + "entero o fecha aaaa-mm-dd según el campo); revise el cuerpo JSON"));
            }
        }
        LOG.debug("Unreadable request body", e);
        return json(HttpStatus.BAD_REQUEST, new ApiError("body", "el cuerpo de la solicitud falta o no es JSON válido (Content-Type: application/json)"));
    }

    /** The JSON path of a body error ({@code instalments[0].amountClp}), or null when the parser gave none. */
    private static String field(JacksonException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
    }

    /** A body sent as something other than JSON (a form, text): the project's error body, not the container's. */
    @ExceptionHandler
    ResponseEntity<ApiError> unsupportedMediaType(org.springframework.web.HttpMediaTypeNotSupportedException e) {
        return json(HttpStatus.UNSUPPORTED_MEDIA_TYPE, new ApiError("body", "el cuerpo debe ser JSON con Content-Type: "
                + "application/json; se recibió " + (e.getContentType() == null ? "ninguno" : e.getContentType())));
    }

    /** A path or query value of the wrong type (e.g. text where a number goes). */
    @ExceptionHandler
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return json(HttpStatus.BAD_REQUEST, new ApiError(e.getName(), "el valor '" + e.getValue() + "' no sirve para '" + e.getName() + "'"));
    }

    /** Body of a 409: the field, the reason, the rule's code, its legal source and when it becomes allowed. */
    record BlockedError(String field, String reason, String rule, String source, java.time.Instant earliestAllowed) {
    }

    /** Collection work a rule forbids now (Chile's consumer rules, a lawsuit, the policy): 409 with the rule. */
    @ExceptionHandler
    ResponseEntity<BlockedError> blocked(RuleBlockedException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                .body(new BlockedError(e.field(), e.getMessage(), e.rule(), e.source(), e.earliestAllowed()));
    }

    @ExceptionHandler
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return json(HttpStatus.NOT_FOUND, new ApiError(e.field(), e.getMessage()));
    }

    /**
     * Clients of a group whose rows cannot be added up (e.g. different aging edges): the request is fine, the
     * data conflict; the message names the clients and the fix.
     */
    @ExceptionHandler
    ResponseEntity<ApiError> incompatibleRows(Rollup.IncompatibleRowsException e) {
        return json(HttpStatus.CONFLICT, new ApiError("clients", e.getMessage()));
    }

    /** The warehouse failed: the client learns it is unavailable; the SQL and server message go to the log only. */
    @ExceptionHandler
    ResponseEntity<ApiError> warehouse(WarehouseException e) {
        LOG.error("Warehouse query failed", e);
        return json(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("warehouse", "El almacén de datos no respondió; intente de nuevo en unos segundos."));
    }

    /**
     * The error as JSON whatever the request asked for: a {@code format=xlsx} download that fails still gets a
     * readable JSON error (a preset content type skips content negotiation).
     */
    private static ResponseEntity<ApiError> json(HttpStatus status, ApiError error) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error);
    }
}
