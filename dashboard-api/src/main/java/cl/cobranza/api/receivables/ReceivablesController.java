package cl.cobranza.api.receivables;

import cl.cobranza.api.web.DateParameter;
import org.springframework.http.MediaType;
import cl.cobranza.api.security.Tenancy;
import cl.cobranza.api.web.LiveStream;
import cl.cobranza.warehouse.TenantScope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Open and overdue receivables per client: one snapshot, or a live stream of them. */
@RestController
@RequestMapping("/api/v1/receivables")
class ReceivablesController {
    private final ReceivablesReport report;
    private final LiveStream<TenantScope, ReceivablesResponse> stream;
    private final Tenancy tenancy;

    ReceivablesController(ReceivablesReport report, LiveStream<TenantScope, ReceivablesResponse> stream, Tenancy tenancy) {
        this.report = report;
        this.stream = stream;
        this.tenancy = tenancy;
    }

    /** {@code asOf} defaults to today in the business time zone. */
    @GetMapping
    ReceivablesResponse receivables(@RequestParam(name = "asOf", required = false) String asOf) {
        return report.asOf(tenancy.scope(), DateParameter.parse("asOf", asOf, report.today()));
    }

    /** GET /api/v1/receivables/stream: event {@code receivables} on connect and whenever the caller's clients change. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return stream.subscribe(tenancy.scope());
    }
}
