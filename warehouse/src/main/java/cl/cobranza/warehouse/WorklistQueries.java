package cl.cobranza.warehouse;

import cl.cobranza.core.risk.DebtorFeatures;
import cl.cobranza.core.risk.RiskFeature;
import cl.cobranza.core.risk.RiskModel;

import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.collection.CollectionPriority;
import cl.cobranza.core.collection.CollectionStage;
import cl.cobranza.core.collection.Stage;
import cl.cobranza.core.kpi.DaysPastDue;
import cl.cobranza.core.state.Activity;
import cl.cobranza.core.state.InvoiceSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

import static cl.cobranza.warehouse.SqlLiteral.date;
import static cl.cobranza.warehouse.SqlLiteral.number;
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
    /** Most risk reasons shown per item. */
    public static final int REASONS = 3;
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Most items one call returns. */
    public static final int MAX_LIMIT = 10_000;
    /** Rows first read when ranking with a model: enough for the default page of 200 in one read almost always. */
    private static final int FIRST_READ = 2_000;
    /** Most stopped items or debtors left out in SQL; above it the worklist reads every candidate. */
    private static final int MAX_SQL_STOPS = 3_000;
    /** Page items per details read: their keys appear three times, about 100 KiB of SQL at most. */
    private static final int DETAILS_PER_READ = 1_000;

    private static final String SNAPSHOT_COLUMNS = "client_id, invoice_id, debtor_id, dte_type, folio, issue_date, "
            + "due_date, total_clp, credited_clp, paid_clp, open_clp, is_deleted, version, " + ActivityColumns.COLUMNS;
    /**
     * The newest version of each invoice whose key (client_id, invoice_id: every version of a row shares it)
     * matches {@code %s}, with {@link #SNAPSHOT_COLUMNS}: a FROM clause. For a few keys, collapsing the matching rows
     * with argMax reads far less than FINAL, which merges every column of every granule it touches (a 200-item
     * page over 197 clients at 1M invoices: 0.11 s against 0.39 s, the same rows); for whole clients FINAL wins.
     */
    private static final String NEWEST_OF_KEYS = newestOfKeys();

    private static String newestOfKeys() {
        StringJoiner collapsed = new StringJoiner(", ");
        StringJoiner read = new StringJoiner(", ");
        for (String c : SNAPSHOT_COLUMNS.split(", ")) {
            if (c.equals("version")) {
                read.add("version AS v");
                collapsed.add("max(v) AS version");
            } else {
                read.add(c);
                collapsed.add(c.equals("client_id") || c.equals("invoice_id") ? c : "argMax(" + c + ", v) AS " + c);
            }
        }
        return "FROM\n(\n    SELECT " + collapsed + "\n    FROM (SELECT " + read
                + " FROM invoice_state WHERE %s)\n    GROUP BY client_id, invoice_id\n)\n";
    }

    /** Highest priority first; then the latest (or soonest due), the largest, and by id for a stable order. */
    private static final Comparator<Candidate> ORDER = Comparator.comparingLong(Candidate::priority).reversed()
            .thenComparing(Comparator.comparingLong(Candidate::daysAfterDue).reversed())
            .thenComparing(Comparator.comparingLong(Candidate::openClp).reversed())
            .thenComparing(Candidate::clientId).thenComparing(Candidate::invoiceId);

    private final Warehouse warehouse;
    private final KpiQueries clients;
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
        this.clients = new KpiQueries(warehouse);
        ClientTerms d = ClientTerms.defaults();
        this.aging = new ClientTerms(agingEdges, d.promiseGraceDays(), d.unitCostClp(), d.agentClpPerMinute(),
                d.agencyFeeBps());
        this.bucketLabels = aging.bucketLabels();
        this.policy = new CollectionStage(preventiveDays);
    }

    /** An open invoice that passed the SQL filters, with what ranks it. */
    private record Candidate(String clientId, String invoiceId, String debtorId, long daysAfterDue, long openClp,
                             long priority, Double probability) {
    }


    /**
     * The open items in {@code scope} narrowed by {@code filter} as of {@code asOf}, highest priority first,
     * at most {@code limit} (clamped to 1..{@value #MAX_LIMIT}), with the number of items before the limit.
     * A filter client outside the scope gives no items.
     *
     * @throws IllegalArgumentException when the filter's bucket is not one of the labels of the aging edges
     */
    public WorklistPage worklist(TenantScope scope, WorklistFilter filter, LocalDate asOf, int limit) {
        return worklist(scope, filter, asOf, limit, WorklistStops.NONE, null);
    }

    /**
     * The worklist without the items in {@code stops}, ranked by expected recovery when {@code model} is given:
     * priority = round(p × open CLP), p = the model's probability that the item is paid within its horizon from
     * the debtor's part of the logit (table {@code debtor_risk}; a debtor not scored yet counts as one without
     * history) plus the item's days-past-due and amount points. Items not yet overdue keep priority 0 (the model
     * scores overdue items). Without a model, priority = open CLP × days past due.
     */
    public WorklistPage worklist(TenantScope scope, WorklistFilter filter, LocalDate asOf, int limit,
                                 WorklistStops stops, RiskModel model) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(stops, "stops");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(asOf, "asOf");
        Optional<String> dueDates = dueDateCondition(filter, asOf);
        if (dueDates.isEmpty()) {
            return new WorklistPage(List.of(), 0);
        }
        if (filter.clientId() != null && !scope.allows(filter.clientId())) {
            return new WorklistPage(List.of(), 0);
        }
        int n = Math.max(1, Math.min(limit, MAX_LIMIT));
        // one client's scope when the filter names one: a 1,000-client IN list costs every query its parsing
        String inScope = filter.clientId() == null ? scope.sqlCondition("client_id")
                : TenantScope.of(List.of(filter.clientId())).sqlCondition("client_id");
        Optional<String> stopped = stopCondition(scope, filter, stops);
        String candidates = """
                FROM
                (
                    SELECT client_id, invoice_id, debtor_id, due_date, open_clp, is_deleted, last_channel,
                           promise_made_on, promise_date, promise_clp
                    FROM invoice_state FINAL
                    WHERE %s
                )
                WHERE is_deleted = 0 AND open_clp > 0 AND %s%s%s%s
                """.formatted(inScope, dueDates.get(), stageCondition(filter.stage(), asOf),
                filter.lastChannel() == null ? "" : " AND last_channel = " + string(filter.lastChannel().name()),
                stopped.filter(c -> !c.isEmpty()).map(c -> " AND " + c).orElse(""));
        // non-key conditions stay outside FINAL: next to it they may run before the versions collapse.
        // The SQL narrows and orders, core decides: without a model the SQL order is the ranking itself (priority =
        // open × DPD), so the first n rows are the page; with one, priority = round(p × open) ≤ open, so the rows
        // are read by open balance, largest first, until the page's last priority beats the smallest balance read
        // (no unread item can rank above it), doubling the read when it does not (at worst every candidate).
        String order = model == null
                ? "if(days_after_due > 0, open_clp * days_after_due, 0) DESC, days_after_due DESC, open_clp DESC, client_id, invoice_id"
                : "estimate DESC, days_after_due DESC, open_clp DESC, client_id, invoice_id";
        long read = stopped.isEmpty() ? Long.MAX_VALUE : model == null ? n : Math.max(2L * n, FIRST_READ);
        double unscored = model == null ? 0 : model.debtorLogit(
                DebtorFeatures.asOf(List.of(), false, asOf, model.promiseGraceDays()));
        String columns = "client_id, invoice_id, debtor_id, due_date, open_clp, promise_made_on, promise_date, promise_clp, "
                + "dateDiff('day', due_date, " + date(asOf) + ") AS days_after_due";
        String from = model == null ? candidates : """
                FROM
                (
                    SELECT %s
                    %s) AS candidates
                LEFT JOIN
                (
                    SELECT client_id AS r_client_id, debtor_id AS r_debtor_id, argMax(debtor_logit, version) AS logit,
                           1 AS scored
                    FROM debtor_risk
                    WHERE %s
                    GROUP BY client_id, debtor_id
                ) AS risk ON client_id = r_client_id AND debtor_id = r_debtor_id
                """.formatted(columns, candidates, inScope);
        String select = model == null ? columns : columns.replace("dateDiff('day', due_date, " + date(asOf) + ")",
                "days_after_due") + ", logit, scored, " + estimate(model, unscored);
        while (true) {
            // the candidates before the LIMIT come with the page: no second scan to count them
            Warehouse.Page fetched = warehouse.queryPage("SELECT " + select + "\n" + from
                    + (read == Long.MAX_VALUE ? "" : "ORDER BY " + order), read);
            List<JsonNode> rows = fetched.rows();
            List<Candidate> ranked = rank(rows, asOf, filter, stops, model, unscored);
            ranked.sort(ORDER);
            List<Candidate> page = ranked.subList(0, Math.min(ranked.size(), n));
            boolean all = rows.size() < read;
            if (all || model == null || (page.size() == n && settled(page.get(n - 1).priority(),
                    rows.get(rows.size() - 1).get("estimate").asDouble()))) {
                long total = all ? ranked.size() : fetched.rowsBeforeLimit();
                return new WorklistPage(items(scope, asOf, model, page), total);
            }
            read = read > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : read * 2;
        }
    }

    /**
     * The model's priority p × open in SQL, from the same bins and the debtor's stored logit (the unscored
     * debtor's when none), 0 for items not yet overdue: an estimate to order by, equal to the exact priority up to
     * floating-point rounding; {@link #settled} allows for the difference.
     */
    private static String estimate(RiskModel model, double unscoredLogit) {
        return "if(days_after_due > 0, open_clp / (1 + exp(-(if(scored = 1, logit, " + number(unscoredLogit) + ") + "
                + bins(model.bins(RiskFeature.DAYS_PAST_DUE), "days_after_due") + " + "
                + bins(model.bins(RiskFeature.OPEN_CLP), "open_clp") + "))), 0) AS estimate";
    }

    /** A feature's points as a SQL expression of {@code column} (bin = number of edges ≤ value). */
    private static String bins(RiskModel.FeatureBins bins, String column) {
        StringBuilder sql = new StringBuilder("multiIf(");
        for (int i = 0; i < bins.edges().size(); i++) {
            sql.append(column).append(" < ").append(number(bins.edges().get(i))).append(", ")
                    .append(number(bins.points().get(i))).append(", ");
        }
        return sql.append(number(bins.points().get(bins.edges().size()))).append(')').toString();
    }

    /**
     * Whether a page whose last priority is {@code last} is final when the last row read has the estimate
     * {@code lastEstimate}: every unread row's estimate is at most that, so its priority is at most the estimate
     * plus rounding (one peso for Math.round, a relative 1e-9 for the floating-point difference); ties go to the
     * order of the unread rows, which SQL already applies when the estimates are 0 (items not overdue).
     */
    private static boolean settled(long last, double lastEstimate) {
        return last > lastEstimate * (1 + 1e-9) + 1 || (lastEstimate == 0 && last == 0);
    }

    /** The candidates of the read rows, with their priority (and probability and reasons, with a model), unsorted. */
    private List<Candidate> rank(List<JsonNode> rows, LocalDate asOf, WorklistFilter filter, WorklistStops stops,
                                 RiskModel model, double unscored) {
        List<Candidate> candidates = new ArrayList<>(rows.size());
        for (JsonNode r : rows) {
            LocalDate due = LocalDate.parse(r.get("due_date").asText());
            long open = r.get("open_clp").asLong();
            String client = r.get("client_id").asText();
            String invoice = r.get("invoice_id").asText();
            String debtor = r.get("debtor_id").asText();
            if (stops.invoices().contains(WorklistStops.key(client, invoice))
                    || stops.debtors().contains(WorklistStops.key(client, debtor))) {
                continue; // stopped too many to be left out in SQL
            }
            Optional<Stage> stage = policy.stageOf(asOf, due, open, ActivityColumns.promise(r));
            if (stage.isPresent() && (filter.stage() == null || filter.stage() == stage.get())) {
                long dpd = DaysPastDue.of(due, asOf);
                if (model == null || dpd <= 0) {
                    candidates.add(new Candidate(client, invoice, debtor, ChronoUnit.DAYS.between(due, asOf), open,
                            model == null ? CollectionPriority.of(open, dpd) : 0, null));
                } else {
                    // the debtor's part of the logit as the Flink job last wrote it; an unscored debtor's otherwise
                    double logit = r.get("scored").asInt() == 1 ? r.get("logit").asDouble() : unscored;
                    double p = RiskModel.probability(logit + model.itemPoints(dpd, open));
                    candidates.add(new Candidate(client, invoice, debtor, ChronoUnit.DAYS.between(due, asOf), open,
                            Math.round(p * open), p));
                }
            }
        }
        return candidates;
    }

    /** The page's items with names, activity and (with a model) risk reasons, in the page's order. */
    private List<WorklistItem> items(TenantScope scope, LocalDate asOf, RiskModel model, List<Candidate> page) {
        Map<String, JsonNode> details = new HashMap<>();
        for (int from = 0; from < page.size(); from += DETAILS_PER_READ) { // the server's query and AST size limits
            details.putAll(details(scope, page.subList(from, Math.min(page.size(), from + DETAILS_PER_READ))));
        }
        List<WorklistItem> items = new ArrayList<>(page.size());
        for (Candidate c : page) {
            JsonNode row = details.get(c.clientId() + '\u0000' + c.invoiceId());
            if (row != null) { // gone only if the invoice was voided between the two reads
                List<String> reasons = c.probability() == null ? List.of()
                        : reasons(model, debtorReasons(row), c.daysAfterDue(), c.openClp());
                item(row, asOf, c, reasons).ifPresent(items::add);
            }
        }
        return items;
    }

    /**
     * The stage's condition beyond its due dates, as SQL (core's {@link CollectionStage} in SQL form, so the count
     * is exact without reading every candidate): past 30 days a firm promise (promised date not before asOf; the
     * zero Date of "no promise" is before every asOf) keeps an item early, and its absence makes it extrajudicial.
     */
    private static String stageCondition(Stage stage, LocalDate asOf) {
        if (stage == Stage.EARLY_OVERDUE) {
            return " AND (due_date >= " + date(asOf.minusDays(CollectionStage.EARLY_OVERDUE_MAX_DAYS))
                    + " OR promise_date >= " + date(asOf) + ")";
        }
        return stage == Stage.EXTRAJUDICIAL ? " AND promise_date < " + date(asOf) : "";
    }

    /**
     * The stops of the scope (and filter client) as a SQL condition ('' when none); empty when there are more than
     * {@value #MAX_SQL_STOPS} (the query would outgrow the server's 256 KiB limit), and then the worklist reads
     * every candidate and leaves them out in Java.
     */
    private static Optional<String> stopCondition(TenantScope scope, WorklistFilter filter, WorklistStops stops) {
        StringJoiner invoices = new StringJoiner(", ");
        StringJoiner debtors = new StringJoiner(", ");
        int count = pairs(scope, filter, stops.invoices(), invoices) + pairs(scope, filter, stops.debtors(), debtors);
        if (count > MAX_SQL_STOPS) {
            return Optional.empty();
        }
        List<String> conditions = new ArrayList<>(2);
        if (invoices.length() > 0) {
            conditions.add("(client_id, invoice_id) NOT IN (" + invoices + ")");
        }
        if (debtors.length() > 0) {
            conditions.add("(client_id, debtor_id) NOT IN (" + debtors + ")");
        }
        return Optional.of(String.join(" AND ", conditions));
    }

    /** Adds the keys of clients in scope (and the filter's client) as SQL tuples; returns how many. */
    private static int pairs(TenantScope scope, WorklistFilter filter, Set<String> keys, StringJoiner out) {
        int count = 0;
        for (String key : keys) {
            int cut = key.indexOf('\u0000');
            String client = key.substring(0, cut);
            if (scope.allows(client) && (filter.clientId() == null || filter.clientId().equals(client))) {
                out.add("(" + string(client) + ", " + string(key.substring(cut + 1)) + ")");
                count++;
            }
        }
        return count;
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
        // every invoice that ever had the debtor, collapsed; the newest version must still have it
        // the client is in scope (checked above): its id alone, not the scope's IN list (1,000 ids cost 9 ms of
        // parsing at 10M invoices: 27 -> 17.5 ms for a debtor's invoices)
        String sql = "SELECT " + SNAPSHOT_COLUMNS + "\n" + NEWEST_OF_KEYS.formatted("client_id = " + string(clientId)
                + " AND invoice_id IN (SELECT invoice_id FROM invoice_state WHERE client_id = " + string(clientId)
                + " AND debtor_id = " + string(debtorId) + ")") + """
                WHERE is_deleted = 0 AND debtor_id = %s AND issue_date <= %s
                ORDER BY due_date, invoice_id
                """.formatted(string(debtorId), date(asOf));
        List<InvoiceSnapshot> result = new ArrayList<>();
        for (JsonNode r : warehouse.query(sql)) {
            result.add(snapshot(r));
        }
        return result;
    }

    /**
     * The ids of the live invoices of these debtors ({@link WorklistStops#key} of client and debtor) in
     * {@code scope}, by the same keys; debtors of clients outside the scope get none.
     */
    public Map<String, List<String>> invoiceIdsByDebtor(TenantScope scope, Collection<String> debtorKeys) {
        Objects.requireNonNull(scope, "scope");
        Map<String, List<String>> out = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        Set<String> clients = new TreeSet<>();
        Set<String> debtors = new TreeSet<>();
        for (String key : debtorKeys) {
            int cut = key.indexOf('\u0000');
            if (scope.allows(key.substring(0, cut))) {
                wanted.add(key);
                clients.add(key.substring(0, cut));
                debtors.add(key.substring(cut + 1));
            }
        }
        if (wanted.isEmpty()) {
            return out;
        }
        // every invoice that ever had one of the debtors, collapsed; the newest version must still have it. The
        // clients and debtor ids narrow as two lists (see {@link #eachIn}); the exact pairs are kept here
        String narrow = TenantScope.of(List.copyOf(clients)).sqlCondition("client_id") + " AND " + eachIn("debtor_id", debtors);
        String sql = """
                SELECT client_id, debtor_id, invoice_id
                FROM
                (
                    SELECT client_id, invoice_id, argMax(debtor_id, v) AS debtor_id, argMax(is_deleted, v) AS is_deleted
                    FROM
                    (
                        SELECT client_id, invoice_id, debtor_id, is_deleted, version AS v
                        FROM invoice_state
                        WHERE (client_id, invoice_id) IN (SELECT client_id, invoice_id FROM invoice_state WHERE %1$s)
                    )
                    GROUP BY client_id, invoice_id
                )
                WHERE is_deleted = 0 AND %1$s
                """.formatted(narrow); // the keys' clients, all in scope
        for (JsonNode r : warehouse.query(sql)) {
            String key = WorklistStops.key(r.get("client_id").asText(), r.get("debtor_id").asText());
            if (wanted.contains(key)) {
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(r.get("invoice_id").asText());
            }
        }
        return out;
    }

    /**
     * {@code column IN (values)}: with the clients' own IN list, a condition every wanted (client, value) pair meets
     * and few others do, for the caller to keep the exact pairs from. ClickHouse 18.16 builds the set of a
     * {@code (client_id, x) IN ((…), …)} list of tuple literals slowly: 200 pairs cost 7–8 ms before any row is read
     * (a 200-item page's details at 10M invoices: 13 ms for the invoices with pairs, 8.6 ms with two lists).
     */
    private static String eachIn(String column, Collection<String> values) {
        StringJoiner list = new StringJoiner(", ");
        values.forEach(v -> list.add(string(v)));
        return column + " IN (" + list + ")";
    }

    /** One debtor's live invoices with their whole activity, and its RUT ('' when its ERP sent none). */
    public record DebtorHistory(String clientId, String debtorId, String rut, List<InvoiceSnapshot> invoices) {
    }

    /**
     * Every debtor's live invoices with their activity (payments, credit notes, every contact and promise), of the
     * clients in {@code scope} (only {@code clientIds} when not empty): the history the risk model is trained on.
     * Reads the clients one by one, so memory holds the result, not one huge query.
     */
    public List<DebtorHistory> debtorHistories(TenantScope scope, List<String> clientIds) {
        Objects.requireNonNull(scope, "scope");
        List<String> clients = new ArrayList<>();
        for (JsonNode r : warehouse.query("SELECT DISTINCT client_id FROM invoice_state WHERE "
                + scope.sqlCondition("client_id") + " ORDER BY client_id")) {
            String c = r.get("client_id").asText();
            if (clientIds.isEmpty() || clientIds.contains(c)) {
                clients.add(c);
            }
        }
        List<DebtorHistory> out = new ArrayList<>();
        for (String client : clients) {
            Map<String, String> ruts = new HashMap<>();
            for (JsonNode r : warehouse.query("SELECT debtor_id, argMax(rut, version) AS rut FROM debtors WHERE client_id = "
                    + string(client) + " GROUP BY debtor_id")) {
                ruts.put(r.get("debtor_id").asText(), r.get("rut").asText());
            }
            Map<String, List<InvoiceSnapshot>> byDebtor = new java.util.TreeMap<>();
            String sql = """
                    SELECT %1$s
                    FROM
                    (
                        SELECT %1$s
                        FROM invoice_state FINAL
                        WHERE client_id = %2$s
                    )
                    WHERE is_deleted = 0
                    ORDER BY debtor_id, issue_date, invoice_id
                    """.formatted(SNAPSHOT_COLUMNS, string(client)); // a client of the scope's own read above
            for (JsonNode r : warehouse.query(sql)) {
                InvoiceSnapshot s = snapshot(r);
                byDebtor.computeIfAbsent(s.debtorId(), k -> new ArrayList<>()).add(s);
            }
            byDebtor.forEach((debtor, invoices) ->
                    out.add(new DebtorHistory(client, debtor, ruts.getOrDefault(debtor, ""), invoices)));
        }
        return out;
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
                WHERE client_id = %s AND debtor_id = %s
                """.formatted(string(clientId), string(debtorId)); // the client is in scope: checked above
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

    /**
     * The full rows of these page items with debtor and client names and the debtor's risk reasons, by client and
     * invoice id (and rows of other invoices with the same ids in the page's clients, which nobody looks up): three
     * queries (the invoices' newest versions, the page debtors' names and reasons, the page clients' names as
     * {@link KpiQueries#clients} reads them) put together here. One query joining the three to the invoices took 42 ms for a 200-item page
     * at 10M invoices against 13 + 12 + 1.5 ms: its joins carried every invoice's activity columns through three
     * levels. (The page's debtor keys as the left side of the join, arrayJoin over tuple literals, cost 16 ms alone.)
     */
    private Map<String, JsonNode> details(TenantScope scope, List<Candidate> page) {
        Map<String, JsonNode> rows = new HashMap<>();
        if (page.isEmpty()) {
            return rows;
        }
        Set<String> invoiceIds = new TreeSet<>();
        Set<String> debtorIds = new TreeSet<>();
        for (Candidate c : page) {
            invoiceIds.add(c.invoiceId());
            debtorIds.add(c.debtorId());
        }
        // the page's clients (all in scope: they came from a scoped read), not the whole scope's IN list; the ids
        // narrow as lists (see eachIn): rows of other pairs are read too and never looked up
        TenantScope pageClients = TenantScope.of(page.stream().map(Candidate::clientId).filter(scope::allows).distinct().toList());
        String inScope = pageClients.sqlCondition("client_id");
        String debtors = eachIn("debtor_id", debtorIds);
        String names = """
                SELECT d_client_id, d_debtor_id, d_name, d_rut, risk_reasons
                FROM
                (
                    SELECT client_id AS d_client_id, debtor_id AS d_debtor_id,
                           argMax(name, version) AS d_name, argMax(rut, version) AS d_rut
                    FROM debtors
                    WHERE %1$s AND %2$s
                    GROUP BY client_id, debtor_id
                ) AS names
                FULL JOIN
                (
                    SELECT client_id AS d_client_id, debtor_id AS d_debtor_id, argMax(reasons, version) AS risk_reasons
                    FROM debtor_risk
                    WHERE %1$s AND %2$s
                    GROUP BY client_id, debtor_id
                ) AS risk USING (d_client_id, d_debtor_id)
                """.formatted(inScope, debtors);
        // a row per page debtor in either table ('' for the columns of the table without it)
        Map<String, JsonNode> debtorDetails = new HashMap<>();
        for (JsonNode r : warehouse.query(names)) {
            debtorDetails.put(WorklistStops.key(r.get("d_client_id").asText(), r.get("d_debtor_id").asText()), r);
        }
        Map<String, String> clientNames = new HashMap<>();
        clients.clients(pageClients).forEach(c -> clientNames.put(c.clientId(), c.name()));
        String sql = "SELECT " + SNAPSHOT_COLUMNS + "\n"
                + NEWEST_OF_KEYS.formatted(inScope + " AND " + eachIn("invoice_id", invoiceIds))
                + "WHERE is_deleted = 0";
        for (JsonNode r : warehouse.query(sql)) {
            ObjectNode row = (ObjectNode) r;
            String client = row.get("client_id").asText();
            JsonNode debtor = debtorDetails.get(WorklistStops.key(client, row.get("debtor_id").asText()));
            // a debtor or client in no table: empty strings, as a LEFT JOIN answers for a missing row
            row.put("d_name", debtor == null ? "" : debtor.get("d_name").asText());
            row.put("d_rut", debtor == null ? "" : debtor.get("d_rut").asText());
            row.put("risk_reasons", debtor == null ? "" : debtor.get("risk_reasons").asText());
            row.put("c_name", clientNames.getOrDefault(client, ""));
            rows.put(client + '\u0000' + row.get("invoice_id").asText(), row);
        }
        return rows;
    }

    /** The worklist item of a detail row, empty if it left the list between the two reads (paid meanwhile). */
    private Optional<WorklistItem> item(JsonNode row, LocalDate asOf, Candidate c, List<String> reasons) {
        InvoiceSnapshot s = snapshot(row);
        Activity a = s.activity();
        return policy.stageOf(asOf, s.dueDate(), s.openClp(), a.promise()).map(stage -> {
            long dpd = DaysPastDue.of(s.dueDate(), asOf);
            return new WorklistItem(s.clientId(), row.get("c_name").asText(), s.invoiceId(), s.folio(), s.debtorId(),
                    row.get("d_name").asText(), row.get("d_rut").asText(), s.dueDate(), dpd, s.openClp(),
                    bucketLabels.get(aging.bucketOf(dpd)), stage, a.lastAction(), a.promise(),
                    c.priority(), CollectionPriority.reason(s.openClp(), s.dueDate(), asOf, a.promise()),
                    c.probability(), reasons);
        });
    }

    /** The debtor's reasons of a detail row ({@code risk_reasons}: the JSON array debtor_risk holds; '' when unscored). */
    private static List<DebtorRisk.Reason> debtorReasons(JsonNode row) {
        String json = row.path("risk_reasons").asText("");
        List<DebtorRisk.Reason> reasons = new ArrayList<>();
        if (json.isEmpty()) {
            return reasons;
        }
        try {
            for (JsonNode x : MAPPER.readTree(json)) {
                reasons.add(new DebtorRisk.Reason(x.path("feature").asText(), x.path("text").asText(),
                        x.path("impact").asDouble()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("debtor_risk.reasons is not JSON for debtor " + row.get("debtor_id").asText()
                    + " of " + row.get("client_id").asText() + ": " + json, e);
        }
        return reasons;
    }

    /**
     * The strongest reasons of an item's score, in Spanish: the debtor's and the item's own (days past due,
     * amount), by how far their points sit from each feature's average, at most {@value #REASONS}.
     */
    private static List<String> reasons(RiskModel model, List<DebtorRisk.Reason> debtorReasons, long dpd, long open) {
        record Scored(String text, double impact) {
        }
        List<Scored> all = new ArrayList<>();
        debtorReasons.forEach(r -> all.add(new Scored(r.text(), r.impact())));
        for (RiskFeature f : List.of(RiskFeature.DAYS_PAST_DUE, RiskFeature.OPEN_CLP)) {
            RiskModel.FeatureBins bins = model.bins(f);
            double value = f == RiskFeature.DAYS_PAST_DUE ? dpd : open;
            all.add(new Scored(f.describe(value), bins.pointsFor(value) - bins.average()));
        }
        all.sort(Comparator.comparingDouble((Scored x) -> -Math.abs(x.impact())));
        return all.stream().map(Scored::text).distinct().limit(REASONS).toList();
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
