package cl.cobranza.streaming.receivables;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.kpi.ClientReceivables;
import cl.cobranza.core.normalize.Normalizer;
import cl.cobranza.core.state.InvoiceSnapshot;
import cl.cobranza.streaming.kafka.DeadLetter;
import cl.cobranza.streaming.kafka.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.ZoneId;

/**
 * The receivables job: raw CDC → canonical events → invoice state → open and overdue receivables per
 * client, into the warehouse; rejected records to the dead-letter sink. Source and sinks are passed in,
 * so tests and the local stack plug in what they need.
 */
public final class ReceivablesJob {
    private final Source<RawRecord, ?, ?> source;
    private final Normalizer normalizer;
    private final Sink<InvoiceSnapshot> invoiceSink;
    private final Sink<ClientReceivables> receivablesSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final ZoneId zone;

    public ReceivablesJob(Source<RawRecord, ?, ?> source, Normalizer normalizer, Sink<InvoiceSnapshot> invoiceSink,
                          Sink<ClientReceivables> receivablesSink, Sink<DeadLetter> deadLetterSink, ZoneId zone) {
        this.source = source;
        this.normalizer = normalizer;
        this.invoiceSink = invoiceSink;
        this.receivablesSink = receivablesSink;
        this.deadLetterSink = deadLetterSink;
        this.zone = zone;
    }

    /** Adds the job's operators to the environment. Every stateful operator has a stable uid. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<RawRecord> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "raw-cdc")
                .uid("raw-cdc-source");

        SingleOutputStreamOperator<CanonicalEvent> events = raw
                .process(new NormalizeFunction(normalizer)).name("normalise").uid("normalise");

        events.getSideOutput(NormalizeFunction.DEAD_LETTERS)
                .sinkTo(deadLetterSink).name("dead-letters").uid("dead-letter-sink");

        SingleOutputStreamOperator<InvoiceUpdate> updates = events
                .filter(e -> !(e instanceof DebtorChanged)).name("invoice-facts")
                .keyBy(InvoiceStateFunction::key)
                .process(new InvoiceStateFunction()).name("invoice-state").uid("invoice-state");

        updates.map(InvoiceUpdate::snapshot).name("invoice-snapshots")
                // one writer per table: fewer, larger inserts mean fewer ClickHouse parts to merge
                .sinkTo(invoiceSink).name("invoice-state-sink").uid("invoice-state-sink").setParallelism(1);

        updates.keyBy(u -> u.snapshot().clientId())
                .process(new ClientReceivablesFunction(zone)).name("client-receivables").uid("client-receivables")
                .sinkTo(receivablesSink).name("client-receivables-sink").uid("client-receivables-sink").setParallelism(1);
    }
}
