package cl.cobranza.launcher;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.List;
import java.util.Map;

/**
 * One local stack (real PostgreSQL, Kafka, Debezium, Flink MiniCluster, ClickHouse, API) for the whole
 * test run, started by the first test class that asks for it and stopped when the run ends. The demo
 * generator is off; each test adds its own client, so tests never see each other's data.
 */
public final class SharedStack implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedStack.class);

    /** The store entry that closes the stack when the root context closes. */
    private record Handle(LocalStack stack) implements AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    static LocalStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("stack", k -> {
            try {
                return new Handle(StackFixture.start(StackFixture.config("shared", 0,
                        Map.of("cobranza.capture.profiles", BadRowsEndToEndTest.PROFILES + ";" + ProfilesEndToEndTest.PROFILES)), List.of()));
            } catch (Exception e) {
                throw new IllegalStateException("the shared test stack did not start", e);
            }
        }, Handle.class).stack();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return stack(e);
    }
}
