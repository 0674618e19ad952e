package cl.cobranza.streaming.receivables;

import cl.cobranza.core.collection.ClientTerms;
import cl.cobranza.core.kpi.CohortRecovery;
import cl.cobranza.core.kpi.DailyKpis;
import cl.cobranza.core.kpi.MonthlyKpis;
import cl.cobranza.core.ledger.ClientLedger;
import cl.cobranza.core.state.InvoiceState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps each client's {@link ClientLedger} (keyed by client) and writes its KPI rows: daily rows on the
 * main output, monthly rows and cohorts on side outputs. Invoice changes are collected for a short
 * interval and applied together, so a burst of events costs one ledger update and one set of rows. Just
 * after midnight (America/Santiago) the new day's rows are written even if nothing happened, because
 * invoices become overdue with no event. The rules live in core; this operator loads, applies and stores.
 */
public final class ClientKpiFunction extends KeyedProcessFunction<String, InvoiceUpdate, DailyKpis> {
    public static final OutputTag<MonthlyKpis> MONTHLY = new OutputTag<>("monthly-kpis") { };
    public static final OutputTag<CohortRecovery> COHORTS = new OutputTag<>("cohort-recovery") { };

    private final ZoneId zone;
    private final TermsBook terms;
    private final long batchMillis;
    private transient ValueState<byte[]> ledger;
    private transient MapState<String, byte[]> applied;
    private transient MapState<String, byte[]> pending;
    private transient ValueState<Long> flushAt;
    private transient ValueState<Long> midnightAt;

    public ClientKpiFunction(ZoneId zone, TermsBook terms, long batchMillis) {
        this.zone = zone;
        this.terms = terms;
        this.batchMillis = batchMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        ledger = getRuntimeContext().getState(
                new ValueStateDescriptor<>("client-ledger", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        applied = getRuntimeContext().getMapState(new MapStateDescriptor<>("applied-invoices", Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-invoices", Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        flushAt = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-at", Types.LONG));
        midnightAt = getRuntimeContext().getState(new ValueStateDescriptor<>("midnight-at", Types.LONG));
    }

    @Override
    public void processElement(InvoiceUpdate update, Context ctx, Collector<DailyKpis> out) throws Exception {
        pending.put(update.invoiceId(), update.state());
        BatchTimers.onChange(flushAt, midnightAt, ctx.timerService(), batchMillis, zone);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DailyKpis> out) throws Exception {
        ClientLedger book = load(ctx.getCurrentKey());
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(timestamp), zone);
        if (BatchTimers.onTimer(flushAt, midnightAt, timestamp, ctx.timerService(), zone)) {
            book.touch(today);
        }
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : pending.entries()) {
            byte[] before = applied.get(e.getKey());
            book.replace(before == null ? null : InvoiceState.decode(before), InvoiceState.decode(e.getValue()));
            applied.put(e.getKey(), e.getValue());
            ids.add(e.getKey());
        }
        pending.clear();
        if (book.isDirty()) {
            ClientLedger.Emission rows = book.drain(ctx.getCurrentKey(), today, timestamp);
            rows.daily().forEach(out::collect);
            rows.monthly().forEach(m -> ctx.output(MONTHLY, m));
            rows.cohorts().forEach(c -> ctx.output(COHORTS, c));
        }
        ledger.update(book.encode());
    }

    /** The client's ledger; rebuilt from every invoice it has applied when its terms changed. */
    private ClientLedger load(String clientId) throws Exception {
        ClientTerms clientTerms = terms.of(clientId);
        byte[] stored = ledger.value();
        ClientLedger book = stored == null ? null : ClientLedger.decode(stored, clientTerms);
        if (book != null) {
            return book;
        }
        ClientLedger rebuilt = new ClientLedger(clientTerms);
        if (stored != null) {
            for (Map.Entry<String, byte[]> e : applied.entries()) {
                rebuilt.replace(null, InvoiceState.decode(e.getValue()));
            }
            rebuilt.continueVersionsOf(ClientLedger.storedVersion(stored));
        }
        return rebuilt;
    }
}
