package cl.cobranza.launcher.browser;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that hands tests a {@link Browser}: one headless Chromium for the whole test run, started by the
 * first test class that asks for it and quit (listing the run's screenshots) when the run ends.
 */
public final class WithBrowser implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(WithBrowser.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(NS).getOrComputeIfAbsent("browser", k -> {
            try {
                return Browser.start();
            } catch (Exception ex) {
                throw new IllegalStateException("headless Chromium did not start", ex);
            }
        }, Browser.class);
    }
}
