package cl.cobranza.launcher;

import cl.cobranza.connectors.debezium.SourceCapture;
import cl.cobranza.connectors.demo.DemoClient;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Load harness of issue 7: end-to-end throughput with per-stage progress ({@code throughput}) and the stage
 * ratios of the Flink job and the ClickHouse sink ({@code stages}, see {@link StageRatios}). Each mode starts
 * its own stack on free ports in a scratch folder.
 * <pre>
 * java -cp launcher/target/cobranza-local.jar cl.cobranza.launcher.LoadHarness throughput &lt;events/s|max&gt; &lt;seconds&gt; [clients] [writers per client] [batch]
 * java -cp launcher/target/cobranza-local.jar cl.cobranza.launcher.LoadHarness stages [events] [clients] [sink rows]
 * </pre>
 */
public final class LoadHarness {
    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "throughput";
        switch (mode) {
            case "throughput" -> throughput(args.length > 1 && !args[1].equals("max") ? Double.parseDouble(args[1]) : 0,
                    args.length > 2 ? Integer.parseInt(args[2]) : 60, args.length > 3 ? Integer.parseInt(args[3]) : 3,
                    args.length > 4 ? Integer.parseInt(args[4]) : 2, args.length > 5 ? Integer.parseInt(args[5]) : 200);
            case "stages" -> StageRatios.run(args.length > 1 ? Integer.parseInt(args[1]) : 200_000,
                    args.length > 2 ? Integer.parseInt(args[2]) : 3, args.length > 3 ? Integer.parseInt(args[3]) : 200_000);
            default -> throw new IllegalArgumentException("mode must be throughput or stages, got " + mode);
        }
        System.exit(0);
    }

    /** Settings of a harness stack: its own scratch folder and free ports, generator off, plus {@code extra}. */
    static StackConfig config(String name, Map<String, String> extra) throws Exception {
        Map<String, String> m = new HashMap<>(extra);
        m.putIfAbsent("cobranza.generator.rate", "0");
        return StackConfig.withFreePorts(Files.createTempDirectory("cobranza-" + name), m);
    }

    /** Load clients {@code carga-1 … carga-n}, each with its own demo ERP database. */
    static List<DemoClient> loadClients(int n) {
        List<DemoClient> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(new DemoClient("carga-" + i, "Carga " + i + " SpA", "76.543.210-3", "erp_carga_" + i));
        }
        return out;
    }

    /**
     * Writes at {@code rate} events/s (0 = as fast as the writers go) for {@code seconds}, printing every stage's
     * progress each second, then waits until ClickHouse has every event and prints the sustained rates.
     */
    static void throughput(double rate, int seconds, int clients, int writersPerClient, int batch) throws Exception {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        StackConfig config = config("load-throughput", Map.of());
        List<DemoClient> load = loadClients(clients);
        try (LocalStack stack = LocalStack.start(config, load, new PrintStream(System.out, true))) {
            System.out.printf("stack ready in %.1f s; load: %s events/s, %d s, %d clients × %d writers, %d events per "
                            + "transaction at most%n", stack.secondsSinceStart(), rate > 0 ? String.format("%,.0f", rate) : "max",
                    seconds, clients, writersPerClient, batch);
            LoadWriter writer = new LoadWriter(stack.postgres(), load, rate, writersPerClient, batch);
            writer.prepare();
            Thread.sleep(3_000); // the debtors captured and processed before the clock starts
            List<SourceCapture> captures = load.stream().map(c -> stack.captures().get(c.clientId())).toList();
            List<StageProgress.Sample> samples = new ArrayList<>();
            try (StageProgress progress = new StageProgress(stack.kafka().bootstrapServers(), stack.warehouseReader(),
                    load.stream().map(DemoClient::clientId).toList(), writer::committed, captures)) {
                System.out.println(StageProgress.header());
                writer.start();
                long t0 = System.nanoTime();
                StageProgress.Sample prev = null;
                long next = t0;
                boolean writing = true;
                long stopAt = t0 + seconds * 1_000_000_000L;
                double writeSeconds = seconds;
                long deadline = Long.MAX_VALUE;
                while (true) {
                    next += 1_000_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    if (writing && System.nanoTime() >= stopAt) {
                        writer.stop();
                        writing = false;
                        writeSeconds = (System.nanoTime() - t0) / 1e9;
                        deadline = System.nanoTime() + 600_000_000_000L;
                        System.out.printf("-- writers stopped after %.1f s: %,d events committed (%,d invoices, %,d payments,"
                                        + " %,d corrections) in %,d transactions%n", writeSeconds, writer.committed(),
                                writer.invoices(), writer.payments(), writer.corrections(), writer.transactions());
                    }
                    writer.check();
                    StageProgress.Sample s = progress.sample();
                    samples.add(s);
                    System.out.println(StageProgress.line(prev, s));
                    prev = s;
                    if (!writing && s.landed() >= writer.committed()) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        System.out.println("-- ClickHouse did not get every event within 10 minutes of the last commit");
                        break;
                    }
                }
                summary(samples, writer.committed(), writeSeconds);
            }
        }
    }

    /**
     * The summary: each stage's rate over the steady part of the writing window (from 5 s to the end of writing),
     * its backlog when writing stopped, and the end-to-end rate: every committed event over the time until the
     * last one was in ClickHouse.
     */
    static void summary(List<StageProgress.Sample> samples, long committed, double writeSeconds) {
        StageProgress.Sample from = samples.stream().filter(s -> s.seconds() >= 5).findFirst().orElse(samples.get(0));
        StageProgress.Sample to = samples.stream().filter(s -> s.seconds() <= writeSeconds + 0.5)
                .reduce((a, b) -> b).orElse(samples.get(samples.size() - 1));
        StageProgress.Sample last = samples.get(samples.size() - 1);
        double dt = Math.max(1e-3, to.seconds() - from.seconds());
        System.out.printf("steady window %.0f–%.0f s:%n", from.seconds(), to.seconds());
        System.out.printf("  committed  %,8.0f events/s%n", (to.committed() - from.committed()) / dt);
        System.out.printf("  captured   %,8.0f events/s, backlog at end of writing %,d%n",
                (to.captured() - from.captured()) / dt, to.committed() - to.captured());
        System.out.printf("  kafka      %,8.0f events/s, backlog %,d%n", (to.kafka() - from.kafka()) / dt,
                to.committed() - to.kafka());
        System.out.printf("  flink      %,8.0f events/s, backlog %,d (offsets committed at checkpoints)%n",
                (to.flink() - from.flink()) / dt, to.kafka() - to.flink());
        System.out.printf("  clickhouse %,8.0f events/s, backlog %,d%n", (to.landed() - from.landed()) / dt,
                to.committed() - to.landed());
        StageProgress.Sample done = samples.stream().filter(s -> s.landed() >= committed).findFirst().orElse(last);
        System.out.printf("end to end: %,d events committed in %.1f s, all in ClickHouse after %.1f s: %,.0f events/s"
                        + " sustained%s%n", committed, writeSeconds, done.seconds(), Math.min(committed, done.landed())
                        / done.seconds(), done.landed() >= committed ? "" : " (INCOMPLETE: " + done.landed() + " landed)");
    }
}
