package cl.cobranza.launcher;

import cl.cobranza.connectors.demo.DemoClient;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Settings for a test stack: its own folder under target/ and free ports, so it runs beside anything else. */
final class StackFixture {
    private StackFixture() {
    }

    static StackConfig config(String name, double generatorRate, Map<String, String> extra) throws Exception {
        Path dir = Path.of("target", "stacks", name + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        Files.createDirectories(dir);
        Map<String, String> m = new HashMap<>();
        m.put("cobranza.flink.checkpoint-interval-ms", "1000");
        m.put("cobranza.capture.orphan-wait-seconds", "3");
        m.put("cobranza.capture.health-report-ms", "1000");
        m.put("cobranza.generator.rate", Double.toString(generatorRate));
        m.putAll(extra);
        return StackConfig.withFreePorts(dir, m);
    }

    static LocalStack start(StackConfig config, List<DemoClient> clients) throws Exception {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        return LocalStack.start(config, clients, new PrintStream(System.out, true));
    }

    /** A demo client whose ERP database is named after its id. */
    static DemoClient client(String id) {
        return new DemoClient(id, "Cliente de prueba " + id, "76.543.210-3", "erp_" + id.replace('-', '_'));
    }
}
