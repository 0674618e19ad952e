package cl.cobranza.warehouse;

import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.collection.CollectionPriority;
import cl.cobranza.core.collection.CollectionStage;
import cl.cobranza.core.collection.Stage;
import cl.cobranza.core.kpi.DaysPastDue;
import cl.cobranza.core.state.Activity;
import cl.cobranza.core.state.InvoiceSnapshot;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

import static cl.cobranza.warehouse.SqlLiteral.date;
import static cl.cobranza.warehouse.SqlLiteral.string;

/**
 * The collectors' reads of {@code invoice_state} with its activity: the worklist (open items in the caller's
 * scope, highest priority first) and a debtor's invoices for the timeline. Every query takes a
 * {@link TenantScope} and filters by it in SQL; every value enters the SQL through {@link SqlLiteral}.
 *
 * <p>The stage is decided by core's {@link CollectionStage}, not in SQL: the SQL narrows the candidates
 * (scope, client, open and live, the due dates the stage and bucket allow, last channel) and reads only the
 * few columns the stage and priority need; the names are joined for the returned page only. That reads every
 * candidate's key and balance, which is fine up to some hundred thousand open items in scope.
 */
public final class WorklistQueries {
    /** Most items one call returns. */
    public static final int MAX_LIMIT = 10_000;

    private static final String SNAPSHOT_COLUMNS = "client_id, invoice_id, debtor_id, dte_type, folio, issue_date, "
            + "due_date, total_clp, credited_clp, paid_clp, open_clp, is_deleted, version, " + ActivityColumns.COLUMNS;
    /** Highest priority first; then the latest (or soonest due), the largest, and by id for a stable order. */
    private static final Comparator<Candidate> ORDER = Comparator.comparingLong(Candidate::priority).reversed()
            .thenComparing(Comparator.comparingLong(Candidate::daysAfterDue).reversed())
            .thenComparing(Comparator.comparingLong(Candidate::openClp).reversed())
            .thenComparing(Candidate::clientId).thenComparing(Candidate::invoiceId);

    private final Warehouse warehouse;
    private final ClientTerms aging;
    private final List<String> bucketLabels;
    private final CollectionStage policy;

    /** Queries with the default aging edges (30, 60, 90, 120) and preventive window (5 days). */
    public WorklistQueries(Warehouse warehouse) {
        this(warehouse, ClientTerms.defaults().agingEdges(), CollectionStage.DEFAULT_PREVENTIVE_DAYS);
    }

    /**
     * Queries labelling buckets by {@code agingEdges} (upper DPD edges, as the KPIs use them) and putting items
     * due within {@code preventiveDays} on the list.
     */
    public WorklistQueries(Warehouse warehouse, List<Integer> agingEdges, int preventiveDays) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        ClientTerms d = ClientTerms.defaults();
        this.aging = new ClientTerms(agingEdges, d.promiseGraceDays(), d.unitCostClp(), d.agentClpPerMinute(),
                d.agencyFeeBps());
        this.bucketLabels = aging.bucketLabels();
        this.policy = new CollectionStage(preventiveDays);
    }

    /** An open invoice that passed the SQL filters, with what ranks it. */
    private record Candidate(String clientId, String invoiceId, String debtorId, long daysAfterDue, long openClp,
                             long priority) {
    }

    /**
     * The open items in {@code scope} narrowed by {@code filter} as of {@code asOf}, highest priority first,
     * at most {@code limit} (clamped to 1..{@value #MAX_LIMIT}), with the number of items before the limit.
     * A filter client outside the scope gives no items.
     *
     * @throws IllegalArgumentException when the filter's bucket is not one of the labels of the aging edges
     */
    public WorklistPage worklist(TenantScope scope, WorklistFilter filter, LocalDate asOf, int limit) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(asOf, "asOf");
        Optional<String> dueDates = dueDateCondition(filter, asOf);
        if (dueDates.isEmpty()) {
            return new WorklistPage(List.of(), 0);
        }
        String sql = """
                SELECT client_id, invoice_id, debtor_id, due_date, open_clp, promise_made_on, promise_date, promise_clp
                FROM
                (
                    SELECT client_id, invoice_id, debtor_id, due_date, open_clp, is_deleted, last_channel,
                           promise_made_on, promise_date, promise_clp
                    FROM invoice_state FINAL
                    WHERE %s%s
                )
                WHERE is_deleted = 0 AND open_clp > 0 AND %s%s
                """.formatted(scope.sqlCondition("client_id"),
                filter.clientId() == null ? "" : " AND client_id = " + string(filter.clientId()),
                dueDates.get(),
                filter.lastChannel() == null ? "" : " AND last_channel = " + string(filter.lastChannel().name()));
        // non-key conditions stay outside FINAL: next to it they may run before the versions collapse
        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            LocalDate due = LocalDate.parse(r.get("due_date").asText());
            long open = r.get("open_clp").asLong();
            Optional<Stage> stage = policy.stageOf(asOf, due, open, ActivityColumns.promise(r));
            if (stage.isPresent() && (filter.stage() == null || filter.stage() == stage.get())) {
                candidates.add(new Candidate(r.get("client_id").asText(), r.get("invoice_id").asText(),
                        r.get("debtor_id").asText(), ChronoUnit.DAYS.between(due, asOf), open,
                        CollectionPriority.of(open, DaysPastDue.of(due, asOf))));
            }
        }
        candidates.sort(ORDER);
        List<Candidate> page = candidates.subList(0, Math.min(candidates.size(), Math.max(1, Math.min(limit, MAX_LIMIT))));
        Map<String, JsonNode> details = details(scope, page);
        List<WorklistItem> items = new ArrayList<>(page.size());
        for (Candidate c : page) {
            JsonNode row = details.get(c.clientId() + '\u0000' + c.invoiceId());
            if (row != null) { // gone only if the invoice was voided between the two reads
                item(row, asOf).ifPresent(items::add);
            }
        }
        return new WorklistPage(items, candidates.size());
    }

    /**
     * The live invoices (open and paid) of one debtor of one client issued on or before {@code asOf}, with their
     * activity and money movements, by due date; empty when the client is outside {@code scope}.
     */
    public List<InvoiceSnapshot> debtorInvoices(TenantScope scope, String clientId, String debtorId, LocalDate asOf) {
        Objects.requireNonNull(scope, "scope");
        if (!scope.allows(clientId)) {
            return List.of();
        }
        String sql = """
                SELECT %1$s
                FROM
                (
                    SELECT %1$s
                    FROM invoice_state FINAL
                    WHERE %2$s AND client_id = %3$s
                )
                WHERE is_deleted = 0 AND debtor_id = %4$s AND issue_date <= %5$s
                ORDER BY due_date, invoice_id
                """.formatted(SNAPSHOT_COLUMNS, scope.sqlCondition("client_id"), string(clientId), string(debtorId),
                date(asOf));
        List<InvoiceSnapshot> result = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            result.add(snapshot(r));
        }
        return result;
    }

    /** The newest RUT and name of one debtor of one client; empty when unknown or the client is outside {@code scope}. */
    public Optional<DebtorName> debtor(TenantScope scope, String clientId, String debtorId) {
        Objects.requireNonNull(scope, "scope");
        if (!scope.allows(clientId)) {
            return Optional.empty();
        }
        String sql = """
                SELECT argMax(rut, version) AS d_rut, argMax(name, version) AS d_name, count() AS n
                FROM debtors
                WHERE %s AND client_id = %s AND debtor_id = %s
                """.formatted(scope.sqlCondition("client_id"), string(clientId), string(debtorId));
        JsonNode r = warehouse.query(sql).get(0);
        return r.get("n").asLong() == 0 ? Optional.empty()
                : Optional.of(new DebtorName(clientId, debtorId, r.get("d_rut").asText(), r.get("d_name").asText()));
    }

    /**
     * The due dates an item of the filter's stage and bucket can have as of {@code asOf}, as a SQL condition;
     * empty when no due date fits both.
     */
    private Optional<String> dueDateCondition(WorklistFilter filter, LocalDate asOf) {
        CollectionStage.DayRange stageDays = policy.daysAfterDue(filter.stage());
        long from = stageDays.from();
        long to = stageDays.to();
        if (filter.bucket() != null) {
            int bucket = bucketLabels.indexOf(filter.bucket());
            if (bucket < 0) {
                throw new IllegalArgumentException("bucket '" + filter.bucket() + "' is not one of " + bucketLabels);
            }
            // DPD is never negative, so the current bucket holds every item not yet past due
            from = Math.max(from, bucket == 0 ? Long.MIN_VALUE : aging.bucketLowerDpd(bucket));
            List<Integer> edges = aging.agingEdges();
            to = Math.min(to, bucket == 0 ? 0 : bucket <= edges.size() ? edges.get(bucket - 1) : Long.MAX_VALUE);
        }
        if (from > to) {
            return Optional.empty();
        }
        String upper = "due_date <= " + date(asOf.minusDays(from));
        return Optional.of(to == Long.MAX_VALUE ? upper : upper + " AND due_date >= " + date(asOf.minusDays(to)));
    }

    /** The full rows of the page's invoices with debtor and client names, by client and invoice id. */
    private Map<String, JsonNode> details(TenantScope scope, List<Candidate> page) {
        Map<String, JsonNode> rows = new HashMap<>();
        if (page.isEmpty()) {
            return rows;
        }
        StringJoiner invoices = new StringJoiner(", ");
        StringJoiner debtors = new StringJoiner(", ");
        for (Candidate c : page) {
            invoices.add("(" + string(c.clientId()) + ", " + string(c.invoiceId()) + ")");
            debtors.add("(" + string(c.clientId()) + ", " + string(c.debtorId()) + ")");
        }
        String inScope = scope.sqlCondition("client_id");
        String sql = """
                SELECT %1$s, d_name, d_rut, c_name
                FROM
                (
                    SELECT %1$s, d_name, d_rut
                    FROM
                    (
                        SELECT %1$s
                        FROM invoice_state FINAL
                        WHERE %2$s AND (client_id, invoice_id) IN (%3$s)
                    ) AS invoices
                    LEFT JOIN
                    (
                        SELECT client_id AS d_client_id, debtor_id AS d_debtor_id,
                               argMax(name, version) AS d_name, argMax(rut, version) AS d_rut
                        FROM debtors
                        WHERE %2$s AND (client_id, debtor_id) IN (%4$s)
                        GROUP BY client_id, debtor_id
                    ) AS names ON client_id = d_client_id AND debtor_id = d_debtor_id
                ) AS named
                LEFT JOIN
                (
                    SELECT client_id AS c_client_id, argMax(name, version) AS c_name
                    FROM clients
                    WHERE %2$s
                    GROUP BY client_id
                ) AS companies ON client_id = c_client_id
                WHERE is_deleted = 0
                """.formatted(SNAPSHOT_COLUMNS, inScope, invoices, debtors);
        for (JsonNode r : warehouse.query(sql)) {
            rows.put(r.get("client_id").asText() + '\u0000' + r.get("invoice_id").asText(), r);
        }
        return rows;
    }

    /** The worklist item of a detail row, empty if it left the list between the two reads (paid meanwhile). */
    private Optional<WorklistItem> item(JsonNode row, LocalDate asOf) {
        InvoiceSnapshot s = snapshot(row);
        Activity a = s.activity();
        return policy.stageOf(asOf, s.dueDate(), s.openClp(), a.promise()).map(stage -> {
            long dpd = DaysPastDue.of(s.dueDate(), asOf);
            return new WorklistItem(s.clientId(), row.get("c_name").asText(), s.invoiceId(), s.folio(), s.debtorId(),
                    row.get("d_name").asText(), row.get("d_rut").asText(), s.dueDate(), dpd, s.openClp(),
                    bucketLabels.get(aging.bucketOf(dpd)), stage, a.lastAction(), a.promise(),
                    CollectionPriority.of(s.openClp(), dpd),
                    CollectionPriority.reason(s.openClp(), s.dueDate(), asOf, a.promise()));
        });
    }

    private static InvoiceSnapshot snapshot(JsonNode r) {
        return new InvoiceSnapshot(r.get("client_id").asText(), r.get("invoice_id").asText(),
                r.get("debtor_id").asText(), r.get("dte_type").asInt(), r.get("folio").asLong(),
                LocalDate.parse(r.get("issue_date").asText()), LocalDate.parse(r.get("due_date").asText()),
                r.get("total_clp").asLong(), r.get("credited_clp").asLong(), r.get("paid_clp").asLong(),
                r.get("open_clp").asLong(), r.get("is_deleted").asInt() != 0, r.get("version").asLong(),
                ActivityColumns.read(r));
    }
}
