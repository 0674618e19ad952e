package cl.cobranza.api;

import cl.cobranza.api.security.CobranzaUser;
import cl.cobranza.api.security.UserStore;
import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.core.access.Role;
import cl.cobranza.warehouse.ClickHouseExtension;
import cl.cobranza.warehouse.ClickHouseServer;
import cl.cobranza.warehouse.WarehouseSettings;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * ONE API per test run, as the launcher starts it ({@link CobranzaApi#start}), on a free port, over the run's
 * real ClickHouse ({@link ClickHouseExtension}) and one real PostgreSQL for the platform database (users,
 * recorded work; Flyway migrates it at start). Injected as {@link Api}. Test classes keep their data apart by
 * client id and create the users they need with {@link Api#user}.
 */
public final class ApiExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ApiExtension.class);
    /** The administrator every test may use. */
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "clave-admin-prueba";
    /** Groups of KpiApiTest's clients, configured once for the run. */
    static final Map<String, String> GROUPS = Map.of(
            "norte", "kt-norte-a,kt-norte-b",
            "mixta", "kt-norte-a,kt-sur-c",
            "fantasma", "kt-nadie");

    /** The running API and what tests need to reach it. */
    public static final class Api implements AutoCloseable {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final Path dir;
        private final PostgresServer postgres;
        private final ClickHouseServer clickhouse;
        private final ConfigurableApplicationContext app;
        private final String base;

        Api(ClickHouseServer clickhouse) throws Exception {
            this.clickhouse = clickhouse;
            dir = Files.createTempDirectory("cobranza-api-test-");
            postgres = PostgresServer.start(dir.resolve("postgres"), ClickHouseServer.freePort());
            postgres.createDatabaseIfMissing("cobranza_platform");
            WarehouseSettings reader = clickhouse.readerSettings();
            Map<String, Object> properties = new HashMap<>();
            properties.put("server.port", 0);
            properties.put("server.address", "127.0.0.1");
            properties.put("cobranza.clickhouse.url", reader.url());
            properties.put("cobranza.clickhouse.database", reader.database());
            properties.put("cobranza.clickhouse.user", reader.user());
            properties.put("cobranza.clickhouse.password", reader.password());
            properties.put("cobranza.demo.user", ADMIN);
            properties.put("cobranza.demo.password", ADMIN_PASSWORD);
            properties.put("cobranza.live.interval-ms", 200);
            GROUPS.forEach((id, members) -> properties.put("cobranza.groups." + id, members));
            properties.put("spring.datasource.url", postgres.jdbcUrl("cobranza_platform"));
            properties.put("spring.datasource.username", PostgresServer.SUPERUSER);
            properties.put("spring.datasource.password", "postgres");
            app = CobranzaApi.start(properties);
            base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        }

        /** {@code http://127.0.0.1:<port>}. */
        public String base() {
            return base;
        }

        public ClickHouseServer clickhouse() {
            return clickhouse;
        }

        public PostgresServer postgres() {
            return postgres;
        }

        /** The platform database's JDBC URL (users, recorded work). */
        public String platformJdbcUrl() {
            return postgres.jdbcUrl("cobranza_platform");
        }

        /** Creates (or replaces) a user with this role and clients; the password is the username + "-clave". */
        public String user(String username, Role role, String... clients) {
            PasswordEncoder encoder = app.getBean(PasswordEncoder.class);
            app.getBean(UserStore.class).save(new CobranzaUser(username, username, encoder.encode(password(username)),
                    role, Set.of(clients), true));
            return username;
        }

        /** The password {@link #user} gives {@code username}. */
        public static String password(String username) {
            return ADMIN.equals(username) ? ADMIN_PASSWORD : username + "-clave";
        }

        /** GET as {@code user} with HTTP Basic (null: anonymous). */
        public HttpResponse<String> get(String path, String user) {
            return send(request(path, user).GET().build());
        }

        /** POST of a JSON body as {@code user} with HTTP Basic (null: anonymous). */
        public HttpResponse<String> post(String path, String user, String json) {
            return send(request(path, user).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        /** PUT of a JSON body as {@code user} with HTTP Basic (null: anonymous). */
        public HttpResponse<String> put(String path, String user, String json) {
            return send(request(path, user).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
        }

        private HttpRequest.Builder request(String path, String user) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8)));
            }
            return b;
        }

        private static HttpResponse<String> send(HttpRequest request) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public <T> T bean(Class<T> type) {
            return app.getBean(type);
        }

        @Override
        public void close() throws Exception {
            try {
                app.close();
            } finally {
                postgres.close();
            }
        }
    }

    /** The run's API, started on first use and closed by JUnit when the run ends. */
    public static Api api(ExtensionContext context) {
        ClickHouseServer clickhouse = ClickHouseExtension.server(context);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Api.class, key -> {
            try {
                return new Api(clickhouse);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("could not start the API for the tests", e);
            }
        }, Api.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        api(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Api.class || type == ClickHouseServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Api.class ? api(context) : ClickHouseExtension.server(context);
    }

}
