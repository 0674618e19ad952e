package cl.cobranza.streaming.receivables;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.state.InvoiceState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps each invoice's {@link InvoiceState} (keyed by client and invoice: header, credit notes, payments,
 * actions, promises) and emits an update whenever a fact changes it. The rules live in core; this operator only loads, applies and stores.
 */
public final class InvoiceStateFunction extends KeyedProcessFunction<String, CanonicalEvent, InvoiceUpdate> {
    private transient ValueState<byte[]> state;

    /** The key of an invoice-level fact: client and invoice id. */
    public static String key(CanonicalEvent e) {
        return e.clientId() + '\u0000' + e.invoiceId();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("invoice-state", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
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
    }
}
