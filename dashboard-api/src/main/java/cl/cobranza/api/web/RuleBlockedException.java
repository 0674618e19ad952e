package cl.cobranza.api.web;

import java.time.Instant;

/**
 * A request that is well formed but that a collection rule forbids now (HTTP 409): the rule's code, the
 * reason in Spanish, its legal source, and when known the earliest instant it becomes allowed.
 */
public class RuleBlockedException extends RuntimeException {
    private final String field;
    private final String rule;
    private final String source;
    private final Instant earliestAllowed;

    public RuleBlockedException(String field, String rule, String reason, String source, Instant earliestAllowed) {
        super(reason);
        this.field = field;
        this.rule = rule;
        this.source = source;
        this.earliestAllowed = earliestAllowed;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    public String source() {
        return source;
    }

    public Instant earliestAllowed() {
        return earliestAllowed;
    }
}
