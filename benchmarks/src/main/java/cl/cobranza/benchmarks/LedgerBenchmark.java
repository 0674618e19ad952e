package cl.cobranza.benchmarks;

import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.ledger.ClientLedger;
import cl.cobranza.core.oracle.KpiOracle;
import cl.cobranza.core.state.InvoiceState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The client-KPI operator's work ({@code ClientKpiFunction.onTimer}) on a client with 1,000 or 10,000 invoices
 * issued over the last two years ({@link Histories#client}; 10 invoices per debtor): replacing one invoice's state
 * in the {@link ClientLedger} (a new payment on an open invoice, dated today or 30 days back), draining the rows
 * that changed, the ledger's encode/decode (Flink keeps it as bytes), and one whole batch as the operator runs it.
 * The batch side of the comparison: the {@link KpiOracle} over the client's full event list, answering the same
 * rows (today's daily row, this month's monthly row, the cohorts), and a ledger rebuilt from every invoice.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LedgerBenchmark {
    private static final long NOW_MILLIS = 1_764_849_600_000L;

    @Param({"1000", "10000"})
    public int invoices;

    private final ClientTerms terms = ClientTerms.defaults();
    private ClientLedger ledger;
    private byte[] ledgerBytes;
    private List<InvoiceState> states;
    private List<CanonicalEvent> eventsWithChange;
    private InvoiceState before;
    private InvoiceState paidToday;
    private InvoiceState paidMonthAgo;
    private byte[] beforeBytes;
    private byte[] paidTodayBytes;
    private boolean applied;

    @Setup
    public void setUp() {
        Histories.Client client = Histories.client(42, invoices, 730, Math.max(1, invoices / 10));
        states = new ArrayList<>(client.states().values());
        ledger = new ClientLedger(terms);
        for (InvoiceState s : states) {
            ledger.replace(null, s);
        }
        ledger.drain(Histories.CLIENT, Histories.TODAY, NOW_MILLIS);
        ledgerBytes = ledger.encode();

        // an open, overdue invoice issued 40–120 days ago: the kind that gets a payment
        String id = null;
        for (Map.Entry<String, InvoiceState> e : client.states().entrySet()) {
            InvoiceState s = e.getValue();
            long age = Histories.TODAY.toEpochDay() - s.issueDate().toEpochDay();
            if (s.openClp() > 100_000 && age >= 40 && age <= 120 && s.dueDate().isBefore(Histories.TODAY)) {
                id = e.getKey();
                before = s;
                break;
            }
        }
        if (id == null) {
            throw new IllegalStateException("no open overdue invoice in the generated history");
        }
        long amount = before.openClp() / 2;
        PaymentChanged today = new PaymentChanged(Histories.CLIENT, id + "-bench", id, Histories.TODAY, amount, false,
                Long.MAX_VALUE - 1);
        PaymentChanged monthAgo = new PaymentChanged(Histories.CLIENT, id + "-bench", id,
                Histories.TODAY.minusDays(30), amount, false, Long.MAX_VALUE - 1);
        beforeBytes = before.encode();
        paidToday = InvoiceState.decode(beforeBytes);
        paidToday.apply(today);
        paidTodayBytes = paidToday.encode();
        paidMonthAgo = InvoiceState.decode(beforeBytes);
        paidMonthAgo.apply(monthAgo);
        eventsWithChange = new ArrayList<>(client.events());
        eventsWithChange.add(today);
    }

    /** Alternates before → after and after → before, so the ledger stays the same size. */
    private boolean toggle(InvoiceState after) {
        boolean changed = applied ? ledger.replace(after, before) : ledger.replace(before, after);
        applied = !applied;
        return changed;
    }

    @Benchmark
    public boolean replace() {
        return toggle(paidToday);
    }

    /** A payment dated today: 1 daily row, this month's row, the invoice's cohort. */
    @Benchmark
    public ClientLedger.Emission replaceAndDrainToday() {
        toggle(paidToday);
        return ledger.drain(Histories.CLIENT, Histories.TODAY, NOW_MILLIS);
    }

    /** A payment keyed in 30 days late: 31 daily rows, 2 monthly rows, the cohort. */
    @Benchmark
    public ClientLedger.Emission replaceAndDrainBackdated30() {
        toggle(paidMonthAgo);
        return ledger.drain(Histories.CLIENT, Histories.TODAY, NOW_MILLIS);
    }

    /** The midnight tick with no new fact: today's daily row, the months whose promises may run out, the cohort. */
    @Benchmark
    public ClientLedger.Emission touchAndDrain() {
        ledger.touch(Histories.TODAY);
        return ledger.drain(Histories.CLIENT, Histories.TODAY, NOW_MILLIS);
    }

    @Benchmark
    public byte[] encodeLedger() {
        return ledger.encode();
    }

    @Benchmark
    public ClientLedger decodeLedger() {
        return ClientLedger.decode(ledgerBytes, terms);
    }

    /**
     * One batch of the operator with one changed invoice, less Flink's state backend: decode the ledger, decode the
     * invoice's previous and new states, replace, drain, encode the ledger.
     */
    @Benchmark
    public byte[] operatorBatchOneChange(Blackhole bh) {
        ClientLedger book = ClientLedger.decode(ledgerBytes, terms);
        book.replace(InvoiceState.decode(beforeBytes), InvoiceState.decode(paidTodayBytes));
        bh.consume(book.drain(Histories.CLIENT, Histories.TODAY, NOW_MILLIS));
        return book.encode();
    }

    /** The batch way to the rows {@link #replaceAndDrainToday} emits: the oracle over every event of the client. */
    @Benchmark
    public void oracleSameRows(Blackhole bh) {
        KpiOracle oracle = new KpiOracle(Histories.CLIENT, eventsWithChange, terms);
        DailyKpis daily = oracle.daily(Histories.TODAY);
        MonthlyKpis monthly = oracle.monthly(YearMonth.from(Histories.TODAY), Histories.TODAY);
        List<CohortRecovery> cohorts = oracle.cohorts(Histories.TODAY);
        bh.consume(daily);
        bh.consume(monthly);
        bh.consume(cohorts);
    }

    /** Rebuilding the ledger from every invoice state (what the operator does when a client's terms change). */
    @Benchmark
    public ClientLedger.Emission rebuildLedger() {
        ClientLedger fresh = new ClientLedger(terms);
        for (InvoiceState s : states) {
            fresh.replace(null, s);
        }
        return fresh.drain(Histories.CLIENT, Histories.TODAY, NOW_MILLIS);
    }
}
