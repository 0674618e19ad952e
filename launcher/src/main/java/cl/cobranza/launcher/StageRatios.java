package cl.cobranza.launcher;

/** Stage ratios of issue 7: the Flink job against a plain Kafka consumer, the ClickHouse sink against a bulk insert. */
final class StageRatios {
    private StageRatios() {
    }

    static void run(int events, int clients, int sinkRows) throws Exception {
        throw new UnsupportedOperationException("not written yet");
    }
}
