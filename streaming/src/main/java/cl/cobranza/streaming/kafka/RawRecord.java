package cl.cobranza.streaming.kafka;

/** One record of a raw CDC topic as read from Kafka: where it came from and its JSON key and value. */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    public String key;
    public String value;

    public RawRecord() {
    }

    public RawRecord(String topic, int partition, long offset, String key, String value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.key = key;
        this.value = value;
    }
}
