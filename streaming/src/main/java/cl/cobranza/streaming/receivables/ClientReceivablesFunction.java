package cl.cobranza.streaming.receivables;

import cl.cobranza.core.kpi.ClientReceivables;
import cl.cobranza.core.kpi.ReceivablesBook;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Keeps each client's {@link ReceivablesBook} and emits its open and overdue receivables as of today
 * (America/Santiago) on every change, and again just after midnight, when invoices become overdue with
 * no event at all.
 */
public final class ClientReceivablesFunction extends KeyedProcessFunction<String, InvoiceUpdate, ClientReceivables> {
    private final ZoneId zone;
    private transient ValueState<byte[]> book;
    private transient ValueState<Long> midnightTimer;

    public ClientReceivablesFunction(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        book = getRuntimeContext().getState(
                new ValueStateDescriptor<>("receivables-book", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        midnightTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("midnight-timer", Long.class));
    }

    @Override
    public void processElement(InvoiceUpdate update, Context ctx, Collector<ClientReceivables> out) throws Exception {
        ReceivablesBook b = load();
        b.replace(update.before(), update.now());
        emit(b, ctx.getCurrentKey(), ctx.timerService().currentProcessingTime(), out);
        if (midnightTimer.value() == null) {
            scheduleMidnight(ctx.timerService().currentProcessingTime(), ctx.timerService());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ClientReceivables> out) throws Exception {
        emit(load(), ctx.getCurrentKey(), timestamp, out);
        scheduleMidnight(timestamp, ctx.timerService());
    }

    private ReceivablesBook load() throws Exception {
        byte[] stored = book.value();
        return stored == null ? new ReceivablesBook() : ReceivablesBook.decode(stored);
    }

    private void emit(ReceivablesBook b, String clientId, long now, Collector<ClientReceivables> out) throws Exception {
        b.nextVersion(now);
        book.update(b.encode());
        out.collect(b.asOf(clientId, LocalDate.ofInstant(Instant.ofEpochMilli(now), zone)));
    }

    private void scheduleMidnight(long now, org.apache.flink.streaming.api.TimerService timers) throws Exception {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        long next = today.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() + 1_000;
        timers.registerProcessingTimeTimer(next);
        midnightTimer.update(next);
    }
}
