package cl.cobranza.api.web;

import cl.cobranza.core.kpi.Rollup;
import cl.cobranza.warehouse.WarehouseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns the API's refusals into JSON bodies with a status that says whose fault it was. */
@RestControllerAdvice
class ApiExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ApiError badRequest(BadRequestException e) {
        return new ApiError(e.field(), e.getMessage());
    }

    @ExceptionHandler
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ApiError notFound(NotFoundException e) {
        return new ApiError(e.field(), e.getMessage());
    }

    /**
     * Clients of a group whose rows cannot be added up (e.g. different aging edges): the request is fine, the
     * data conflict; the message names the clients and the fix.
     */
    @ExceptionHandler
    @ResponseStatus(HttpStatus.CONFLICT)
    ApiError incompatibleRows(Rollup.IncompatibleRowsException e) {
        return new ApiError("clients", e.getMessage());
    }

    /** The warehouse failed: the client learns it is unavailable; the SQL and server message go to the log only. */
    @ExceptionHandler
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    ApiError warehouse(WarehouseException e) {
        LOG.error("Warehouse query failed", e);
        return new ApiError("warehouse", "El almacén de datos no respondió; intente de nuevo en unos segundos.");
    }
}
