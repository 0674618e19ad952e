package cl.cobranza.warehouse;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Starts ONE real ClickHouse server per test run (ephemeral ports, temporary folder, platform schema
 * migrated) and injects it as a {@link ClickHouseServer} parameter. The server lives in the root store,
 * so every test class of the run shares it and JUnit stops it at the end. Tests keep out of each
 * other's way by using their own client ids. Shipped in the warehouse test-jar for other modules.
 */
public final class ClickHouseExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClickHouseExtension.class);

    /** The run's server, started on first use. */
    public static ClickHouseServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedServer.class, key -> new SharedServer(), SharedServer.class)
                .server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context); // start before the first test so its start-up time is not charged to one test
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClickHouseServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The server and its folder; JUnit closes AutoCloseable values of the root store when the run ends. */
    static final class SharedServer implements AutoCloseable {
        private final Path dir;
        private final ClickHouseServer server;

        SharedServer() {
            try {
                dir = Files.createTempDirectory("cobranza-clickhouse-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int http = ClickHouseServer.freePort();
            int tcp = ClickHouseServer.freePort();
            while (tcp == http) {
                tcp = ClickHouseServer.freePort();
            }
            server = ClickHouseServer.start(ClickHouseServer.Config.local(dir, http, tcp));
            try {
                Migrations.migrate(server.writerSettings());
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            server.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp folder is not worth failing the run for
            }
        }
    }
}
