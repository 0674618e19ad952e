package cl.cobranza.api.dataquality;

import cl.cobranza.api.web.NotFoundException;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.KpiQueries;
import cl.cobranza.warehouse.RejectedRow;
import cl.cobranza.api.security.Tenancy;
import cl.cobranza.warehouse.TenantScope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Data quality: input records the pipeline rejected (per client, newest first) and the health of each captured source. */
@RestController
class DeadLetterController {
    /** How many of the newest rejected records are listed. */
    static final int NEWEST = 50;

    private final KpiQueries queries;
    private final Tenancy tenancy;

    DeadLetterController(KpiQueries queries, Tenancy tenancy) {
        this.queries = queries;
        this.tenancy = tenancy;
    }

    /**
     * GET /api/v1/data-quality/dead-letters?clientId=: rejected records per client and the newest 50; without
     * clientId, every client's plus the records no client could be read from ({@code clientId} null).
     */
    @GetMapping("/api/v1/data-quality/dead-letters")
    DeadLetterResponse deadLetters(@RequestParam(name = "clientId", required = false) String clientId) {
        TenantScope scope = tenancy.scope();
        List<String> ids = new ArrayList<>();
        boolean known = false;
        for (ClientInfo c : queries.clients(scope)) {
            ids.add(c.clientId());
            known |= c.clientId().equals(clientId);
        }
        boolean one = clientId != null && !clientId.isBlank();
        if (one && !known) {
            throw Tenancy.unknownClient(clientId);
        }
        List<String> asked;
        if (one) {
            asked = List.of(clientId);
        } else {
            asked = ids;
            asked.add(""); // the writer stores a record whose client could not be read with client_id ''
        }
        List<DeadLetterResponse.Count> counts = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> e : queries.deadLetterCounts(scope, asked).entrySet()) {
            counts.add(new DeadLetterResponse.Count(blankToNull(e.getKey()), e.getValue()));
            total += e.getValue();
        }
        List<DeadLetterResponse.Rejected> newest = new ArrayList<>();
        for (RejectedRow r : queries.deadLetters(scope, asked, NEWEST)) {
            newest.add(new DeadLetterResponse.Rejected(blankToNull(r.clientId()), r.topic(), r.partition(), r.offset(),
                    blankToNull(r.recordKey()), blankToNull(r.table()), blankToNull(r.field()), r.reason(),
                    Instant.ofEpochMilli(r.rejectedAtMillis()).toString()));
        }
        return new DeadLetterResponse(one ? clientId : null, total, counts, newest);
    }

    /** GET /api/v1/data-quality/sources: each captured source's state, changes captured, replication lag, last error. */
    @GetMapping("/api/v1/data-quality/sources")
    List<cl.cobranza.warehouse.SourceStatus> sources() {
        return queries.sourceStatus(tenancy.scope());
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
