package cl.cobranza.benchmarks;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.events.PromiseChanged;
import cl.cobranza.core.state.InvoiceSnapshot;
import cl.cobranza.core.state.InvoiceState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

/**
 * The invoice-state operator's work per event ({@code InvoiceStateFunction.processElement}): apply one fact to an
 * invoice with a typical history (see {@link Histories#oneInvoice}), and the encode/decode of the bytes Flink keeps
 * as the invoice's state. Each apply carries a newer source position for an existing row, so it always changes the
 * state (the real path, not the duplicate short-cut) and the state does not grow from one call to the next.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InvoiceStateBenchmark {
    /** typical: header + 1 credit note, 1 payment, 6 actions, 1 promise; heavy: 3, 12, 40, 6. */
    @Param({"typical", "heavy"})
    public String history;

    private InvoiceState state;
    private byte[] encoded;
    private long position;
    private LocalDate paidOn;
    private LocalDate actionOn;

    @Setup
    public void setUp() {
        state = new InvoiceState();
        for (CanonicalEvent e : Histories.oneInvoice(history)) {
            state.apply(e);
        }
        encoded = state.encode();
        position = 1_000_000;
        paidOn = Histories.TODAY;
        actionOn = Histories.TODAY;
    }

    @Benchmark
    public boolean applyPayment() {
        return state.apply(new PaymentChanged(Histories.CLIENT, "p0", "i1", paidOn, 200_000, false, position++));
    }

    @Benchmark
    public boolean applyCreditNote() {
        return state.apply(new CreditNoteChanged(Histories.CLIENT, "nc0", "i1", paidOn, 50_000, false, position++));
    }

    @Benchmark
    public boolean applyAction() {
        return state.apply(new ActionRecorded(Histories.CLIENT, "a0", "i1", actionOn, Channel.CALL,
                Outcome.NO_ANSWER, 3, false, position++));
    }

    @Benchmark
    public boolean applyPromise() {
        return state.apply(new PromiseChanged(Histories.CLIENT, "pr0", "i1", actionOn, actionOn.plusDays(7),
                300_000, false, position++));
    }

    @Benchmark
    public byte[] encode() {
        return state.encode();
    }

    @Benchmark
    public InvoiceState decode() {
        return InvoiceState.decode(encoded);
    }

    /** The snapshot the operator emits with each change (balances + activity, promises judged as of today). */
    @Benchmark
    public InvoiceSnapshot snapshot() {
        return state.snapshot(Histories.CLIENT, "i1", Histories.TODAY, 3);
    }

    /**
     * What the operator does for one changed fact, less Flink's state backend and the emit: decode the stored bytes,
     * apply a payment, take a new version, encode, and build the snapshot it emits.
     */
    @Benchmark
    public InvoiceSnapshot operatorStepPayment() {
        InvoiceState s = InvoiceState.decode(encoded);
        s.apply(new PaymentChanged(Histories.CLIENT, "p0", "i1", paidOn, 200_000, false, position++));
        s.nextVersion(1_764_849_600_000L);
        encoded = s.encode();
        return s.snapshot(Histories.CLIENT, "i1", Histories.TODAY, 3);
    }
}
