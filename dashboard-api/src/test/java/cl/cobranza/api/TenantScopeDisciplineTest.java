package cl.cobranza.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant isolation in one place: only {@code Tenancy} turns a user into a scope. The few other places that
 * build one do so on purpose and are named here with their reason; a new one fails this test until it is
 * justified (or, better, goes through Tenancy).
 */
class TenantScopeDisciplineTest {
    private static final Map<String, String> ALLOWED = Map.of(
            "Tenancy.java", "the one place that maps users to scopes",
            "PortfolioCache.java", "percentiles within the agency read every client's values server-side; only the caller's rows are returned",
            "KpiScopes.java", "the agency's client list is read once per KPI table change and filtered with the caller's Tenancy scope",
            "PipelineMetrics.java", "Prometheus gauges for operators (/actuator/prometheus is ADMIN only)");

    @Test
    void onlyTenancyBuildsScopesFromUsers() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                boolean builds = text.contains("TenantScope.of(") || text.contains("TenantScope.everyClient()");
                if (builds && !ALLOWED.containsKey(f.getFileName().toString())) {
                    offenders.add(f.toString());
                }
            }
        }
        assertThat(offenders).as("classes that build a TenantScope themselves instead of asking Tenancy").isEmpty();
    }
}
