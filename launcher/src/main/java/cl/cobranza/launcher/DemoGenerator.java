package cl.cobranza.launcher;

import cl.cobranza.connectors.demo.DemoClient;
import cl.cobranza.connectors.demo.DemoDataGenerator;
import cl.cobranza.connectors.demo.DemoErp;
import cl.cobranza.connectors.demo.PlatformDb;
import cl.cobranza.connectors.postgres.PostgresServer;
import cl.cobranza.warehouse.ClientInfo;
import cl.cobranza.warehouse.Migrations;
import cl.cobranza.warehouse.Warehouse;
import cl.cobranza.warehouse.WarehouseSettings;
import cl.cobranza.warehouse.WarehouseWriter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The demo data of the distributed mode, against a PostgreSQL and a ClickHouse running elsewhere: applies the
 * warehouse migrations, creates the platform database and the three demo ERP databases (seeded once), registers
 * the demo clients in the warehouse, writes {@code COBRANZA_READY_FILE} (when set) and then keeps generating
 * changes until stopped. Settings as in the local stack ({@code COBRANZA_GENERATOR_RATE}, {@code
 * COBRANZA_CLICKHOUSE_URL}, {@code COBRANZA_CLICKHOUSE_WRITER_PASSWORD}, …) plus {@code COBRANZA_POSTGRES_HOST}
 * and {@code COBRANZA_POSTGRES_PASSWORD} (the superuser's); {@code COBRANZA_POSTGRES_PORT} is the server's port.
 */
public final class DemoGenerator {
    private DemoGenerator() {
    }

    public static void main(String[] args) throws Exception {
        StackConfig config = StackConfig.load();
        String host = env("COBRANZA_POSTGRES_HOST", "postgres");
        String password = System.getenv("COBRANZA_POSTGRES_PASSWORD");
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("set COBRANZA_POSTGRES_PASSWORD to the PostgreSQL superuser's password");
        }
        if (config.get("cobranza.clickhouse.url").isEmpty()) {
            throw new IllegalArgumentException("set COBRANZA_CLICKHOUSE_URL to the ClickHouse HTTP URL");
        }
        PostgresServer pg = PostgresServer.external(host, config.getInt("cobranza.postgres.port"), password);
        WarehouseSettings writer = new WarehouseSettings(config.get("cobranza.clickhouse.url"),
                config.get("cobranza.clickhouse.database"), config.get("cobranza.clickhouse.writer-user"),
                config.get("cobranza.clickhouse.writer-password"));
        System.out.println("warehouse migrations applied: " + Migrations.migrate(writer));
        PlatformDb.install(pg);
        List<DemoClient> clients = DemoClient.defaults();
        ZoneId zone = ZoneId.of(config.get("cobranza.timezone"));
        long seed = Long.parseLong(config.get("cobranza.generator.seed"));
        for (DemoClient c : clients) {
            DemoErp.install(pg, c);
            try (DemoDataGenerator seeder = new DemoDataGenerator(pg, List.of(c), 0, seed ^ c.clientId().hashCode(),
                    Clock.system(zone), true)) {
                seeder.seedIfEmpty(config.getInt("cobranza.generator.seed-customers"),
                        config.getInt("cobranza.generator.seed-invoices"));
            }
            try (Warehouse w = new Warehouse(writer)) {
                new WarehouseWriter(w).upsertClients(List.of(new ClientInfo(c.clientId(), c.name(), c.rut())));
            }
            System.out.println("demo ERP ready: " + c.clientId() + " (database " + c.database() + ")");
        }
        String ready = System.getenv("COBRANZA_READY_FILE");
        if (ready != null && !ready.isBlank()) {
            Files.writeString(Path.of(ready), "ready\n");
        }
        double rate = config.getDouble("cobranza.generator.rate");
        DemoDataGenerator generator = new DemoDataGenerator(pg, clients, rate, seed, Clock.system(zone), true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                generator.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }));
        if (rate > 0) {
            generator.start();
            System.out.println("generating " + rate + " changes/s across " + clients.size() + " demo ERPs");
        } else {
            System.out.println("generator off (COBRANZA_GENERATOR_RATE=0): demo data seeded only");
        }
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
