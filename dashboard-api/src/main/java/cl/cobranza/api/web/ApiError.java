package cl.cobranza.api.web;

/** A request the API refuses, with the offending field and why: rendered as a 4xx JSON body. */
public record ApiError(String field, String reason) {
}
