package cl.cobranza.streaming.receivables;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.normalize.Normalizer;
import cl.cobranza.core.normalize.RawChange;
import cl.cobranza.core.normalize.RejectedRowException;
import cl.cobranza.core.normalize.PlatformNormalizer;
import cl.cobranza.streaming.kafka.DeadLetter;
import cl.cobranza.streaming.kafka.DebeziumEnvelope;
import cl.cobranza.streaming.kafka.RawRecord;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Raw CDC record → canonical events; anything that cannot be understood goes to the dead-letter output with its reason. */
public final class NormalizeFunction extends ProcessFunction<RawRecord, CanonicalEvent> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") { };

    private final Normalizer normalizer;

    public NormalizeFunction(Normalizer normalizer) {
        this.normalizer = normalizer;
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<CanonicalEvent> out) {
        String clientId = null;
        String table = null;
        RawChange change = null;
        try {
            String[] parts = DebeziumEnvelope.topicParts(record.topic);
            clientId = parts[0];
            table = parts[2];
            change = DebeziumEnvelope.parse(record);
            for (CanonicalEvent e : normalizer.normalize(change)) {
                out.collect(e);
            }
        } catch (RejectedRowException e) {
            ctx.output(DEAD_LETTERS, DeadLetter.of(record, owner(clientId, change), table, e.field(), e.reason(),
                    System.currentTimeMillis()));
        } catch (RuntimeException e) {
            // an unexpected shape must not stop the job either: dead-letter it with what was thrown
            ctx.output(DEAD_LETTERS, DeadLetter.of(record, owner(clientId, change), table, "value",
                    "could not be read: " + e, System.currentTimeMillis()));
        }
    }

    /**
     * The client a rejected record belongs to: the topic's source for an ERP, the row's {@code client_id}
     * for the platform's shared tables (so dead letters are counted per client there too).
     */
    static String owner(String source, RawChange change) {
        if (change != null && PlatformNormalizer.SOURCE.equals(source)) {
            java.util.Map<String, Object> row = change.row();
            Object client = row == null ? null : row.get("client_id");
            if (client != null && !client.toString().isBlank()) {
                return client.toString().trim();
            }
        }
        return source;
    }
}
