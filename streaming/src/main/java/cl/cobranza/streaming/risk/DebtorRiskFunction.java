package cl.cobranza.streaming.risk;

import cl.cobranza.core.collection.DebtorStatus;
import cl.cobranza.core.risk.DebtorFeatures;
import cl.cobranza.core.risk.DebtorInvoice;
import cl.cobranza.core.risk.RiskFeature;
import cl.cobranza.core.risk.RiskModel;
import cl.cobranza.core.risk.RiskScore;
import cl.cobranza.core.state.InvoiceState;
import cl.cobranza.streaming.receivables.BatchTimers;
import cl.cobranza.warehouse.DebtorRisk;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each debtor's invoices (keyed by client and debtor) and writes its live risk: the features as of the
 * day (core's {@link DebtorFeatures}), the model's debtor part of the logit and the debtor's reasons. Changes
 * are collected for a short interval so a burst costs one computation; just after midnight the row is written
 * again, because days since the last contact or payment grow with no event. The rules live in core.
 */
public final class DebtorRiskFunction extends KeyedProcessFunction<String, DebtorFact, DebtorRisk> {
    private final ZoneId zone;
    private final String modelText;
    private final int promiseGraceDays;
    private final long batchMillis;

    private transient RiskModel model;
    private transient MapState<String, byte[]> invoices;
    private transient ValueState<String> rut;
    private transient ValueState<Long> flushAt;
    private transient ValueState<Long> midnightAt;

    /** The operator scoring with the model in {@code modelText} ({@link RiskModel#write()} form). */
    public DebtorRiskFunction(ZoneId zone, String modelText, int promiseGraceDays, long batchMillis) {
        this.zone = zone;
        this.modelText = modelText;
        this.promiseGraceDays = promiseGraceDays;
        this.batchMillis = batchMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        model = RiskModel.parse(modelText);
        invoices = getRuntimeContext().getMapState(new MapStateDescriptor<>("debtor-invoices", Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        rut = getRuntimeContext().getState(new ValueStateDescriptor<>("debtor-rut", Types.STRING));
        flushAt = getRuntimeContext().getState(new ValueStateDescriptor<>("risk-flush-at", Types.LONG));
        midnightAt = getRuntimeContext().getState(new ValueStateDescriptor<>("risk-midnight-at", Types.LONG));
    }

    @Override
    public void processElement(DebtorFact fact, Context ctx, Collector<DebtorRisk> out) throws Exception {
        if (fact.invoiceId() == null) {
            rut.update(fact.deleted() ? null : fact.rut());
        } else if (fact.deleted()) {
            invoices.remove(fact.invoiceId());
        } else {
            invoices.put(fact.invoiceId(), fact.invoiceState());
        }
        BatchTimers.onChange(flushAt, midnightAt, ctx.timerService(), batchMillis, zone);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DebtorRisk> out) throws Exception {
        BatchTimers.onTimer(flushAt, midnightAt, timestamp, ctx.timerService(), zone);
        List<DebtorInvoice> list = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : invoices.entries()) {
            InvoiceState state = InvoiceState.decode(e.getValue());
            if (state.isLive()) {
                list.add(DebtorInvoice.from(e.getKey(), state));
            }
        }
        if (list.isEmpty()) {
            return; // a debtor known only by name: nothing to score
        }
        String key = ctx.getCurrentKey();
        int cut = key.indexOf('\u0000');
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(timestamp), zone);
        boolean consumer = DebtorStatus.consumerByRut(rut.value());
        out.collect(risk(model, key.substring(0, cut), key.substring(cut + 1), list, consumer, today,
                promiseGraceDays, timestamp));
    }

    /** The debtor's risk row as of {@code today}; {@code version} orders rewrites (the processing time). */
    static DebtorRisk risk(RiskModel model, String clientId, String debtorId, List<DebtorInvoice> invoices,
                           boolean consumer, LocalDate today, int promiseGraceDays, long version) {
        DebtorFeatures f = DebtorFeatures.asOf(invoices, consumer, today, promiseGraceDays);
        Map<String, Double> values = new LinkedHashMap<>();
        for (RiskFeature feature : RiskFeature.values()) {
            if (feature.scope() == RiskFeature.Scope.DEBTOR) {
                double v = feature.valueOf(f, 0, 0);
                if (!Double.isNaN(v)) {
                    values.put(feature.name(), v);
                }
            }
        }
        List<DebtorRisk.Reason> reasons = new ArrayList<>();
        for (RiskScore.Reason r : model.score(f, 0, 0).reasons()) {
            if (r.feature().scope() == RiskFeature.Scope.DEBTOR) {
                reasons.add(new DebtorRisk.Reason(r.feature().name(), r.text(), r.impact()));
            }
        }
        return new DebtorRisk(clientId, debtorId, today, model.version(), model.debtorLogit(f), consumer, values,
                reasons, version);
    }
}
