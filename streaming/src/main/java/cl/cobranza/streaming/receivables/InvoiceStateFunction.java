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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;

/**
 * Keeps each invoice's {@link InvoiceState} (keyed by client and invoice: header, credit notes, payments,
 * actions, promises) and emits an update whenever a fact changes it. The rules live in core; this operator only loads, applies and stores.
 *
 * <p>A payment or credit note whose invoice has not arrived within {@code orphanWait} is reported once on
 * {@link #ORPHANS} (for the dead-letter sinks); it is kept, and counts as soon as its invoice arrives.
 */
public final class InvoiceStateFunction extends KeyedProcessFunction<String, CanonicalEvent, InvoiceUpdate> {
    /** Payments and credit notes still waiting for their invoice after the configured wait. */
    public static final OutputTag<DeadLetter> ORPHANS = new OutputTag<>("orphaned-facts") { };

    private final long orphanWaitMillis;
    private transient ValueState<byte[]> state;
    private transient ValueState<Long> orphanCheckAt;

    /** Reports facts whose invoice has not arrived within {@code orphanWait}. */
    public InvoiceStateFunction(Duration orphanWait) {
        this.orphanWaitMillis = orphanWait.toMillis();
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
    }

    @Override
    public void processElement(CanonicalEvent event, Context ctx, Collector<InvoiceUpdate> out) throws Exception {
        byte[] stored = state.value();
        InvoiceState invoice = stored == null ? new InvoiceState() : InvoiceState.decode(stored);
        if (!invoice.apply(event)) {
            return;
        }
        invoice.nextVersion(ctx.timerService().currentProcessingTime());
        byte[] encoded = invoice.encode();
        state.update(encoded);
        out.collect(new InvoiceUpdate(event.clientId(), event.invoiceId(), encoded,
                invoice.hasHeader() ? invoice.snapshot(event.clientId(), event.invoiceId()) : null));
        if (!invoice.hasHeader() && !event.deleted()
                && (event instanceof PaymentChanged || event instanceof CreditNoteChanged)
                && orphanCheckAt.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + orphanWaitMillis;
            ctx.timerService().registerProcessingTimeTimer(at);
            orphanCheckAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<InvoiceUpdate> out) throws Exception {
        byte[] stored = state.value();
        InvoiceState invoice = stored == null ? null : InvoiceState.decode(stored);
        // the check stays set: an invoice is reported at most once (the facts are kept either way)
        orphanCheckAt.update(Long.MAX_VALUE);
        if (invoice == null || invoice.hasHeader()) {
            return;
        }
        String[] key = ctx.getCurrentKey().split("\u0000", 2);
        String clientId = key[0];
        String invoiceId = key.length > 1 ? key[1] : "";
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
