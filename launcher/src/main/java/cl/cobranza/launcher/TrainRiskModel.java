package cl.cobranza.launcher;

import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.collection.DebtorStatus;
import cl.cobranza.core.risk.DebtorInvoice;
import cl.cobranza.core.risk.RiskTrainer;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseSettings;
import cl.cobranza.warehouse.WorklistQueries;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trains the risk model from the history in the warehouse (docs/risk-model.md): every debtor's invoices with their
 * payments, credit notes, contacts and promises, observed weekly; holds out the last weeks, fits the scorecard on the
 * rest, prints the held-out evaluation against the two baselines and writes the model file, which the job and the
 * API load with {@code cobranza.risk.model-file}.
 *
 * <pre>java -cp launcher/target/cobranza-local.jar cl.cobranza.launcher.TrainRiskModel \
 *     [--out var/risk/risk-YYYYMMDD.txt] [--version risk-YYYYMMDD] [--holdout-days 28] [--clients a,b] [--as-of YYYY-MM-DD]</pre>
 * Reads the ClickHouse of {@code ./cobranza} (or {@code cobranza.clickhouse.url}) as its read-only user.
 */
public final class TrainRiskModel {
    /** Observations start this many days after the first invoice, so the first features have some history. */
    static final int WARM_UP_DAYS = 28;

    private TrainRiskModel() {
    }

    /** What a training run produced: the run and the report text. */
    record Result(RiskTrainer.Run run, String report, int debtors) {
    }

    public static void main(String[] args) throws Exception {
        StackConfig config = StackConfig.load();
        ZoneId zone = ZoneId.of(config.get("cobranza.timezone"));
        LocalDate asOf = LocalDate.parse(arg(args, "--as-of", LocalDate.now(zone).toString()));
        String version = arg(args, "--version", "risk-" + asOf.toString().replace("-", ""));
        Path out = Path.of(arg(args, "--out", "var/risk/" + version + ".txt"));
        int holdout = Integer.parseInt(arg(args, "--holdout-days", "28"));
        String clients = arg(args, "--clients", "");
        String url = config.get("cobranza.clickhouse.url");
        WarehouseSettings reader = new WarehouseSettings(url.isEmpty()
                ? "http://127.0.0.1:" + config.get("cobranza.clickhouse.http-port") : url,
                config.get("cobranza.clickhouse.database"), config.get("cobranza.clickhouse.reader-user"),
                config.get("cobranza.clickhouse.reader-password"));
        Result r;
        try (Warehouse warehouse = new Warehouse(reader)) {
            r = train(new WorklistQueries(warehouse),
                    clients.isBlank() ? List.of() : Arrays.stream(clients.split(",")).map(String::strip).toList(),
                    asOf, holdout, version, ClientTerms.defaults().promiseGraceDays(), reader.url());
        }
        System.out.println(r.report());
        Files.createDirectories(out.toAbsolutePath().getParent());
        r.run().model().save(out);
        Files.writeString(Path.of(out + ".report.txt"), r.report(), StandardCharsets.UTF_8);
        System.out.println("model written to " + out.toAbsolutePath() + " (use it with cobranza.risk.model-file="
                + out.toAbsolutePath() + ")");
    }

    /** Trains on the warehouse's histories as of {@code asOf} (the end of the history). */
    static Result train(WorklistQueries queries, List<String> clients, LocalDate asOf, int holdoutDays, String version,
                        int graceDays, String source) {
        List<RiskTrainer.DebtorHistory> histories = new ArrayList<>();
        LocalDate first = asOf;
        for (WorklistQueries.DebtorHistory h : queries.debtorHistories(TenantScope.everyClient(), clients)) {
            List<DebtorInvoice> invoices = h.invoices().stream().map(DebtorInvoice::from).toList();
            for (DebtorInvoice i : invoices) {
                first = i.issueDate().isBefore(first) ? i.issueDate() : first;
            }
            histories.add(new RiskTrainer.DebtorHistory(h.clientId() + "/" + h.debtorId(),
                    DebtorStatus.consumerByRut(h.rut()), invoices));
        }
        if (histories.isEmpty()) {
            throw new IllegalStateException("the warehouse at " + source + " has no invoices"
                    + (clients.isEmpty() ? "" : " for clients " + clients) + ": start ./cobranza (it loads demo data) "
                    + "or point cobranza.clickhouse.url at a warehouse with history");
        }
        List<RiskTrainer.Example> examples = RiskTrainer.examples(histories, first.plusDays(WARM_UP_DAYS), asOf,
                RiskTrainer.STEP_DAYS, RiskTrainer.HORIZON_DAYS, graceDays);
        LocalDate from = first;
        RiskTrainer.Run run = RiskTrainer.train(examples, holdoutDays, version, graceDays, split -> List.of(
                "cobranza risk model " + version + ": P(an overdue item's open balance is fully paid within 30 days)",
                "trained by TrainRiskModel from the warehouse at " + source + ": " + histories.size()
                        + " debtors, invoices issued from " + from + ", history to " + asOf,
                "held out " + split.holdoutFrom() + " to " + split.holdoutTo() + " (" + split.holdout().size()
                        + " items); trained on " + split.train().size() + " items",
                "see docs/risk-model.md for the label, features, evaluation and limits"));
        String report = "risk model " + version + " trained from the warehouse (" + source + "), " + histories.size()
                + " debtors, history " + from + " to " + asOf + "\n" + run.report().text();
        return new Result(run, report, histories.size());
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
