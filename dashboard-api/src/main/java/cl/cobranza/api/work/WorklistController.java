package cl.cobranza.api.work;

import cl.cobranza.api.export.Tabular;
import cl.cobranza.api.security.Tenancy;
import cl.cobranza.api.web.BadRequestException;
import cl.cobranza.api.web.DateParameter;
import cl.cobranza.api.web.IntParameter;
import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Stage;
import cl.cobranza.warehouse.WorklistFilter;
import cl.cobranza.warehouse.WorklistItem;
import cl.cobranza.warehouse.WorklistPage;
import cl.cobranza.warehouse.WorklistQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The collectors' worklist: open items of the caller's clients, highest priority first (amount × days past
 * due until a risk model exists), narrowed by client, stage, aging bucket and last channel; also as CSV/XLSX.
 */
@RestController
class WorklistController {
    private final WorklistQueries worklists;
    private final Tenancy tenancy;
    private final Clock clock;

    WorklistController(WorklistQueries worklists, Tenancy tenancy, Clock clock) {
        this.worklists = worklists;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** Body of {@code GET /api/v1/worklist}: the first {@code limit} items and how many matched. */
    record Worklist(String asOf, long total, List<WorklistItem> items) implements Tabular {
        @Override
        public String tableName() {
            return "lista-de-trabajo-" + asOf;
        }

        @Override
        public List<Column> columns() {
            return List.of(Column.text("Cliente"), Column.text("Nombre cliente"), Column.text("Factura"),
                    Column.integer("Folio"), Column.text("Deudor"), Column.text("Nombre deudor"), Column.text("RUT deudor"),
                    Column.date("Vencimiento"), Column.integer("Días de mora"), Column.integer("Saldo CLP"),
                    Column.text("Tramo"), Column.text("Etapa"), Column.date("Última gestión"), Column.text("Canal"),
                    Column.text("Resultado"), Column.date("Promesa para"), Column.integer("Promesa CLP"),
                    Column.integer("Prioridad"), Column.text("Motivo"));
        }

        @Override
        public Iterable<List<Object>> tableRows() {
            return items.stream().map(i -> Tabular.row(i.clientId(), i.clientName(), i.invoiceId(), i.folio(), i.debtorId(),
                    i.debtorName(), i.debtorRut(), i.dueDate(), i.daysPastDue(), i.openClp(), i.bucket(), i.stage(),
                    i.lastAction() == null ? null : i.lastAction().date(),
                    i.lastAction() == null ? null : i.lastAction().channel(),
                    i.lastAction() == null ? null : i.lastAction().outcome(),
                    i.promise() == null ? null : i.promise().promisedDate(),
                    i.promise() == null ? null : i.promise().amountClp(), i.priority(), i.reason())).toList();
        }
    }

    /**
     * GET /api/v1/worklist?clientId&stage&bucket&channel&limit&asOf: open items in the caller's scope, highest
     * priority first. {@code stage} is PREVENTIVE, EARLY_OVERDUE or EXTRAJUDICIAL; {@code bucket} an aging
     * label (current, 1-30, …); {@code channel} the last action's channel; {@code limit} 1–10,000 (200).
     */
    @GetMapping("/api/v1/worklist")
    Worklist worklist(@RequestParam(name = "clientId", required = false) String clientId,
                      @RequestParam(name = "stage", required = false) String stage,
                      @RequestParam(name = "bucket", required = false) String bucket,
                      @RequestParam(name = "channel", required = false) String channel,
                      @RequestParam(name = "limit", required = false, defaultValue = "200") String limit,
                      @RequestParam(name = "asOf", required = false) String asOf) {
        String client = blank(clientId) ? null : tenancy.client(clientId.strip());
        Stage s = null;
        if (!blank(stage)) {
            s = Arrays.stream(Stage.values()).filter(v -> v.name().equalsIgnoreCase(stage.strip())).findFirst()
                    .orElseThrow(() -> new BadRequestException("stage", "'" + stage + "' no es una etapa; use "
                            + Arrays.toString(Stage.values())));
        }
        Channel c = null;
        if (!blank(channel)) {
            c = Channel.parse(channel);
            if (c == null) {
                throw new BadRequestException("channel", "'" + channel + "' no es un canal; use "
                        + Arrays.toString(Channel.values()));
            }
        }
        int n = IntParameter.parse("limit", limit, 1, WorklistQueries.MAX_LIMIT);
        LocalDate day = DateParameter.parse("asOf", asOf, LocalDate.now(clock));
        WorklistPage page;
        try {
            page = worklists.worklist(tenancy.scope(), new WorklistFilter(client, s, blank(bucket) ? null : bucket.strip(), c),
                    day, n);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("bucket", e.getMessage());
        }
        return new Worklist(day.toString(), page.total(), page.items());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
