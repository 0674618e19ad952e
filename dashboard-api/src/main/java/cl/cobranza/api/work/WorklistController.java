package cl.cobranza.api.work;

import cl.cobranza.core.risk.RiskModel;
import cl.cobranza.warehouse.WorklistStops;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

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
 * The collectors' worklist: open items of the caller's clients, highest expected recovery first (the risk
 * model's probability of payment within 30 days × open amount), without items the policy stops (lawsuit,
 * insolvency, open dispute), each with the policy's next action or the rule that blocks it; narrowed by
 * client, stage, aging bucket and last channel; also as CSV/XLSX.
 */
@RestController
class WorklistController {
    /** How many items of a page get the policy's next action (read in one batch per client). */
    static final int POLICY_ITEMS = 50;

    private final WorklistQueries worklists;
    private final Tenancy tenancy;
    private final Clock clock;
    private final RiskModel model;
    private final StatusRepository status;
    private final WorkPolicy policy;

    WorklistController(WorklistQueries worklists, Tenancy tenancy, Clock clock, RiskModel model, StatusRepository status,
                       WorkPolicy policy) {
        this.worklists = worklists;
        this.tenancy = tenancy;
        this.clock = clock;
        this.model = model;
        this.status = status;
        this.policy = policy;
    }

    /** One worklist item with what the policy says of it (null past the first {@value #POLICY_ITEMS} items). */
    record Item(@JsonUnwrapped WorklistItem item, WorkPolicy.View policy) {
    }

    /** Body of {@code GET /api/v1/worklist}: the first {@code limit} items, how many matched, the model version. */
    record Worklist(String asOf, long total, String modelVersion, @JsonIgnore List<Item> entries) implements Tabular {
        @JsonProperty("items")
        List<Item> itemsJson() {
            return entries;
        }

        @JsonIgnore
        List<WorklistItem> items() {
            return entries.stream().map(Item::item).toList();
        }

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
                    Column.integer("Prioridad"), Column.text("Motivo"), Column.decimal("Probabilidad de pago 30 días"),
                    Column.text("Razones del puntaje"), Column.text("Próxima gestión"), Column.text("Instrucción"),
                    Column.text("Bloqueo"), Column.text("Cobranza judicial"));
        }

        @Override
        public Iterable<List<Object>> tableRows() {
            return entries.stream().map(e -> {
                WorklistItem i = e.item();
                WorkPolicy.View p = e.policy();
                return Tabular.row(i.clientId(), i.clientName(), i.invoiceId(), i.folio(), i.debtorId(),
                    i.debtorName(), i.debtorRut(), i.dueDate(), i.daysPastDue(), i.openClp(), i.bucket(), i.stage(),
                    i.lastAction() == null ? null : i.lastAction().date(),
                    i.lastAction() == null ? null : i.lastAction().channel(),
                    i.lastAction() == null ? null : i.lastAction().outcome(),
                    i.promise() == null ? null : i.promise().promisedDate(),
                    i.promise() == null ? null : i.promise().amountClp(), i.priority(), i.reason(), i.probability(),
                    String.join("; ", i.riskReasons()), p == null ? null : p.channel(), p == null ? null : p.instruction(),
                    p == null ? null : p.blockedReason(), p == null ? null : p.legal());
            }).toList();
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
                    day, n, new WorklistStops(status.stoppedDebtors(day), status.disputedInvoices()), model);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("bucket", e.getMessage());
        }
        List<WorklistItem> first = page.items().subList(0, Math.min(POLICY_ITEMS, page.items().size()));
        List<WorkPolicy.View> views = policy.views(tenancy.scope(), first);
        List<Item> entries = new java.util.ArrayList<>(page.items().size());
        for (WorklistItem i : page.items()) {
            entries.add(new Item(i, entries.size() < views.size() ? views.get(entries.size()) : null));
        }
        return new Worklist(day.toString(), page.total(), model.version(), entries);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
