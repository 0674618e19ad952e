package cl.cobranza.streaming.receivables;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.state.InvoiceState;
import cl.cobranza.streaming.kafka.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Keeps each invoice's {@link InvoiceState} (keyed by client and invoice: header, credit notes, payments,
 * actions, promises) and emits an update whenever a fact changes it, an action or promise alone included.
 * The rules live in core; this operator only loads, applies and stores.
 *
 * <p>A snapshot judges promises as of the business day it is taken (in {@code zone}, with the client's grace
 * days). A promise whose grace runs out later changes no fact, so a timer at the start of that day emits the
 * invoice again (a new version) and the warehouse row's broken promises stay current.
 *
 * <p>A payment or credit note whose invoice has not arrived within {@code orphanWait} is reported once on
 * {@link #ORPHANS} (for the dead-letter sinks); it is kept, and counts as soon as its invoice arrives.
 */
public final class InvoiceStateFunction extends KeyedProcessFunction<String, CanonicalEvent, InvoiceUpdate> {
    /** Payments and credit notes still waiting for their invoice after the configured wait. */
    public static final OutputTag<DeadLetter> ORPHANS = new OutputTag<>("orphaned-facts") { };

    private final long orphanWaitMillis;
    private final ZoneId zone;
    private final TermsBook terms;
    private transient ValueState<byte[]> state;
    private transient ValueState<Long> orphanCheckAt;
    private transient ValueState<Long> promiseCheckAt;

    /**
     * Reports facts whose invoice has not arrived within {@code orphanWait}; judges promises by the business
     * day in {@code zone} and each client's grace days in {@code terms}.
     */
    public InvoiceStateFunction(Duration orphanWait, ZoneId zone, TermsBook terms) {
        this.orphanWaitMillis = orphanWait.toMillis();
        this.zone = Objects.requireNonNull(zone, "zone");
        this.terms = Objects.requireNonNull(terms, "terms");
    }

    /** The key of an invoice-level fact: client and invoice id. */
    public static String key(CanonicalEvent e) {
        return e.clientId() + '\u0000' + e.invoiceId();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("invoice-state", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        orphanCheckAt = getRuntimeContext().getState(new ValueStateDescriptor<>("orphan-check-at", Types.LONG));
        promiseCheckAt = getRuntimeContext().getState(new ValueStateDescriptor<>("promise-check-at", Types.LONG));
    }

    @Override
    public void processElement(CanonicalEvent event, Context ctx, Collector<InvoiceUpdate> out) throws Exception {
        byte[] stored = state.value();
        InvoiceState invoice = stored == null ? new InvoiceState() : InvoiceState.decode(stored);
        if (!invoice.apply(event)) {
            return;
        }
        emit(invoice, event.clientId(), event.invoiceId(), ctx.timerService(), out);
        if (!invoice.hasHeader() && !event.deleted()
                && (event instanceof PaymentChanged || event instanceof CreditNoteChanged)
                && orphanCheckAt.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + orphanWaitMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            orphanCheckAt.update(at);
        }
    }

    /**
     * Stores the state with a new version and emits it (with its snapshot once the header is known), then
     * sets the timer for the next promise to be judged.
     */
    private void emit(InvoiceState invoice, String clientId, String invoiceId, TimerService timers,
                      Collector<InvoiceUpdate> out) throws Exception {
        long now = timers.currentProcessingTime();
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        int grace = terms.of(clientId).promiseGraceDays();
        invoice.nextVersion(now);
        byte[] encoded = invoice.encode();
        state.update(encoded);
        out.collect(new InvoiceUpdate(clientId, invoiceId, encoded,
                invoice.hasHeader() ? invoice.snapshot(clientId, invoiceId, today, grace) : null));

        LocalDate judged = invoice.isLive() ? invoice.nextPromiseJudgedAfter(today, grace) : null; // none for tombstones
        Long at = judged == null ? null : judged.atStartOfDay(zone).toInstant().toEpochMilli();
        Long scheduled = promiseCheckAt.value();
        if (!Objects.equals(at, scheduled)) {
            if (scheduled != null) {
                timers.deleteProcessingTimeTimer(scheduled);
            }
            if (at != null) {
                timers.registerProcessingTimeTimer(at);
            }
            promiseCheckAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<InvoiceUpdate> out) throws Exception {
        String[] key = ctx.getCurrentKey().split("\u0000", 2);
        String clientId = key[0];
        String invoiceId = key.length > 1 ? key[1] : "";
        byte[] stored = state.value();
        InvoiceState invoice = stored == null ? null : InvoiceState.decode(stored);
        if (Objects.equals(promiseCheckAt.value(), timestamp)) {
            promiseCheckAt.clear();
            if (invoice != null) {
                emit(invoice, clientId, invoiceId, ctx.timerService(), out); // a promise's grace ran out today
            }
        }
        if (Objects.equals(orphanCheckAt.value(), timestamp)) {
            // the check stays set: an invoice is reported at most once (the facts are kept either way)
            orphanCheckAt.update(Long.MAX_VALUE);
            reportOrphans(invoice, clientId, invoiceId, timestamp, ctx);
        }
    }

    private void reportOrphans(InvoiceState invoice, String clientId, String invoiceId, long timestamp,
                               OnTimerContext ctx) {
        if (invoice == null || invoice.hasHeader()) {
            return;
        }
        long paid = invoice.livePayments().stream().mapToLong(InvoiceState.Dated::amountClp).sum();
        long credited = invoice.liveCreditNotes().stream().mapToLong(InvoiceState.Dated::amountClp).sum();
        if (paid == 0 && credited == 0) {
            return; // everything that was waiting was reversed or deleted meanwhile
        }
        DeadLetter d = new DeadLetter();
        d.clientId = clientId;
        d.topic = "orphan:" + invoiceId; // one report per invoice: replays collapse in the dead-letter table
        d.partition = 0;
        d.offset = 0;
        d.table = paid > 0 ? "payments" : "credit_notes";
        d.key = invoiceId;
        d.field = "invoice_id";
        d.reason = String.format("%s of %,d CLP reference invoice %s, which has not arrived within %d min: check that "
                        + "the ERP's invoices are captured and that invoice_id is right; they are kept and count as soon "
                        + "as the invoice arrives", paid > 0 ? "payments" : "credit notes", paid > 0 ? paid : credited,
                invoiceId, Math.max(1, orphanWaitMillis / 60_000));
        d.value = "{\"invoiceId\":\"" + invoiceId.replace("\"", "'") + "\",\"paidClp\":" + paid
                + ",\"creditedClp\":" + credited + "}";
        d.rejectedAtMillis = timestamp;
        ctx.output(ORPHANS, d);
    }
}
