package cl.cobranza.streaming;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterJobTest {
    private static final Map<String, String> ENV = Map.of(
            "COBRANZA_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
            "COBRANZA_CLICKHOUSE_URL", "http://clickhouse:8123",
            "COBRANZA_CLICKHOUSE_WRITER_PASSWORD", "from-env",
            "COBRANZA_CAPTURE_PROFILES", "distribuidora-sur:erp-espanol");

    @Test
    void argumentsOverrideEnvironmentOverDefaults() {
        ClusterJob.Settings s = ClusterJob.settings(new String[] {"--cobranza.flink.parallelism", "4",
                "--cobranza.timezone=UTC", "--cobranza.clickhouse.writer-password", "from-args"}, ENV);
        assertThat(s.parallelism()).isEqualTo(4);
        assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.job().zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(s.job().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(s.job().warehouse().url()).isEqualTo("http://clickhouse:8123");
        assertThat(s.job().warehouse().user()).isEqualTo("cobranza_writer");
        assertThat(s.job().warehouse().password()).isEqualTo("from-args");
        assertThat(s.job().profileBySource()).containsEntry("distribuidora-sur", "erp-espanol");
        assertThat(s.job().terms().defaults().agingEdges()).containsExactly(30, 60, 90, 120);
        assertThat(s.migrate()).isTrue();
    }

    @Test
    void missingAndUnknownSettingsAreNamed() {
        assertThatThrownBy(() -> ClusterJob.settings(new String[0], Map.of()))
                .hasMessageContaining("cobranza.kafka.bootstrap-servers is required")
                .hasMessageContaining("COBRANZA_KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> ClusterJob.settings(new String[] {"--cobranza.kafka.port", "1"}, ENV))
                .hasMessageContaining("unknown setting --cobranza.kafka.port");
    }

    /** The cluster job is the local job: the same stateful operators under the same uids (savepoints move across). */
    @Test
    void buildsTheSameOperatorsAsTheLocalRunner() {
        ClusterJob.Settings s = ClusterJob.settings(new String[] {"--cobranza.flink.parallelism", "3"}, ENV);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ClusterJob.configure(env, s);
        LocalJobRunner.buildJob(s.job()).build(env);
        StreamGraph graph = env.getStreamGraph();
        Set<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID)
                .filter(u -> u != null).collect(Collectors.toSet());
        assertThat(uids).contains("raw-cdc-source", "normalise", "invoice-state", "client-kpis", "debtor-risk",
                "invoice-state-sink", "dead-letter-sink");
        assertThat(env.getParallelism()).isEqualTo(3);
        assertThat(env.getCheckpointInterval()).isEqualTo(10_000);
    }
}
