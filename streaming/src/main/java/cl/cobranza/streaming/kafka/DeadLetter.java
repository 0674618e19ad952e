package cl.cobranza.streaming.kafka;

/** A rejected input record with the reason, for the dead-letter topic {@code cobranza.dlq}. */
public class DeadLetter {
    public String clientId;
    public String topic;
    public int partition;
    public long offset;
    public String table;
    public String key;
    public String field;
    public String reason;
    public String value;
    public long rejectedAtMillis;

    public DeadLetter() {
    }

    /** Keeps at most this many characters of a rejected value: enough to see it, not enough to flood the topic. */
    public static final int MAX_VALUE_CHARS = 4096;

    public static DeadLetter of(RawRecord r, String clientId, String table, String field, String reason, long now) {
        DeadLetter d = new DeadLetter();
        d.clientId = clientId;
        d.topic = r.topic;
        d.partition = r.partition;
        d.offset = r.offset;
        d.table = table;
        d.key = r.key;
        d.field = field;
        d.reason = reason;
        d.value = r.value == null || r.value.length() <= MAX_VALUE_CHARS ? r.value : r.value.substring(0, MAX_VALUE_CHARS);
        d.rejectedAtMillis = now;
        return d;
    }
}
