package cl.cobranza.launcher;


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Entry point of the one-command local stack: starts it, prints the URL and login, stops it on Ctrl-C. */
public final class CobranzaLocal {
    private CobranzaLocal() {
    }

    public static void main(String[] args) throws Exception {
        StackConfig config = StackConfig.load();
        // before the first logger: logs go to <data-dir>/logs, the terminal keeps only the readiness lines
        Files.createDirectories(config.dataDir().resolve("logs"));
        System.setProperty("cobranza.log.dir", config.dataDir().resolve("logs").toString());
        // the launcher owns logging; Spring Boot must not reconfigure it when the API starts in-process
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // Tomcat and a few libraries log through java.util.logging: route it to the same log file
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();

        System.out.println("cobranza — starting the local stack (data in " + config.dataDir() + ")");
        LocalStack stack;
        try {
            String file = config.get("cobranza.sources-file");
            List<SourcesFile.Source> sources = file.isBlank() ? SourcesFile.demoDefaults() : SourcesFile.read(Path.of(file));
            stack = LocalStack.startSources(config, sources, System.out);
        } catch (Exception e) {
            System.err.println();
            System.err.println("cobranza could not start: " + rootMessage(e));
            System.err.println("Details in " + config.dataDir().resolve("logs/cobranza.log"));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\ncobranza — stopping…");
            stack.close();
            System.out.println("cobranza — stopped.");
            stopped.countDown();
        }, "cobranza-stop"));
        System.out.printf("%ncobranza is ready in %.1f s%n", stack.secondsSinceStart());
        System.out.println("  Dashboard: " + stack.apiUrl());
        String password = config.get("cobranza.demo.password");
        System.out.println("  Logins (password " + password + "):");
        System.out.println("    " + config.get("cobranza.demo.user") + "  administrador: todos los clientes, usuarios, métricas");
        if (!stack.clientIds().isEmpty()) {
            System.out.println("    ejecutiva  ejecutiva de cuentas: cartera de " + stack.clientIds().size() + " clientes");
            System.out.println("    cobrador   cobrador: lista de trabajo de los mismos clientes");
            System.out.println("    dueno      dueño de " + stack.clientIds().get(0) + ": su panel");
        }
        System.out.println("  API docs:  " + stack.apiUrl() + "/swagger-ui.html");
        System.out.println("  Press Ctrl-C to stop.");
        stopped.await();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
