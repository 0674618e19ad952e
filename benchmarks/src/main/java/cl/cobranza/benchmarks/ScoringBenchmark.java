package cl.cobranza.benchmarks;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.risk.DebtorFeatures;
import cl.cobranza.core.risk.DebtorInvoice;
import cl.cobranza.core.risk.RiskModel;
import cl.cobranza.core.risk.RiskScore;
import cl.cobranza.core.state.InvoiceState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The debtor-risk operator's scoring: a debtor's features as of today from its invoices (10 or 100, issued over the
 * last two years, with payments, actions and promises as in {@link Histories#invoice}), the debtor's part of the
 * logit, and one overdue item's score with every reason (the bundled model, {@link RiskModel#bundled()}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScoringBenchmark {
    @Param({"10", "100"})
    public int invoices;

    private RiskModel model;
    private List<DebtorInvoice> debtorInvoices;
    private DebtorFeatures features;
    private long daysPastDue;
    private long openClp;

    @Setup
    public void setUp() {
        model = RiskModel.bundled();
        Random rnd = new Random(7);
        List<CanonicalEvent> events = new ArrayList<>();
        long[] position = {1};
        for (int i = 0; i < invoices; i++) {
            Histories.invoice(rnd, "i" + i, "d1", Histories.TODAY.minusDays(1 + rnd.nextInt(730)), events, position);
        }
        Map<String, InvoiceState> states = new LinkedHashMap<>();
        for (CanonicalEvent e : events) {
            states.computeIfAbsent(e.invoiceId(), k -> new InvoiceState()).apply(e);
        }
        debtorInvoices = new ArrayList<>();
        for (Map.Entry<String, InvoiceState> e : states.entrySet()) {
            debtorInvoices.add(DebtorInvoice.from(e.getKey(), e.getValue()));
        }
        features = DebtorFeatures.asOf(debtorInvoices, false, Histories.TODAY, 3);
        daysPastDue = 23;
        openClp = 850_000;
    }

    @Benchmark
    public DebtorFeatures featuresAsOf() {
        return DebtorFeatures.asOf(debtorInvoices, false, Histories.TODAY, 3);
    }

    @Benchmark
    public double debtorLogit() {
        return model.debtorLogit(features);
    }

    @Benchmark
    public RiskScore scoreWithReasons() {
        return model.score(features, daysPastDue, openClp);
    }

    /** Features, then the item's score: what re-scoring one debtor with one open item costs. */
    @Benchmark
    public RiskScore featuresAndScore() {
        DebtorFeatures f = DebtorFeatures.asOf(debtorInvoices, false, Histories.TODAY, 3);
        return model.score(f, daysPastDue, openClp);
    }
}
