package cl.cobranza.warehouse;

import cl.cobranza.core.kpi.ClientReceivables;
import cl.cobranza.core.state.InvoiceSnapshot;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Typed writes into the V001 tables, one JSONEachRow insert per call (batching is the caller's job).
 * Rows carry their full state and a version, so writing the same row twice, or an older version after
 * a newer one, is harmless: {@code ReplacingMergeTree(version)} keeps the newest.
 */
public final class WarehouseWriter {
    /** Table of current invoice state. */
    public static final String INVOICE_STATE = "invoice_state";
    /** Table of the receivables KPI per client and day. */
    public static final String CLIENT_RECEIVABLES_DAILY = "client_receivables_daily";
    /** Table of client names. */
    public static final String CLIENTS = "clients";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    // streaming generator, no databind: the sink writes tens of thousands of rows per second.
    // Root values separated by newlines: that is JSONEachRow.
    private static final JsonFactory JSON = new JsonFactoryBuilder().rootValueSeparator("\n").build();

    private final Warehouse warehouse;
    private final Clock clock;
    private final AtomicLong lastClientVersion = new AtomicLong();

    /** A writer stamping {@code updated_at} with the system clock. */
    public WarehouseWriter(Warehouse warehouse) {
        this(warehouse, Clock.systemUTC());
    }

    /** A writer with an explicit clock for {@code updated_at} and client versions. */
    public WarehouseWriter(Warehouse warehouse, Clock clock) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes the current state of these invoices (deleted ones as tombstones with {@code is_deleted = 1}). */
    public void writeInvoices(Collection<InvoiceSnapshot> invoices) {
        if (invoices.isEmpty()) {
            return;
        }
        String updatedAt = DATE_TIME.format(clock.instant());
        insert(INVOICE_STATE, invoices.size() * 260, g -> {
            for (InvoiceSnapshot i : invoices) {
                g.writeStartObject();
                g.writeStringField("client_id", i.clientId());
                g.writeStringField("invoice_id", i.invoiceId());
                g.writeStringField("debtor_id", i.debtorId());
                g.writeNumberField("dte_type", i.dteType());
                g.writeNumberField("folio", i.folio());
                g.writeStringField("issue_date", date(i.issueDate(), "issueDate", i.invoiceId()));
                g.writeStringField("due_date", date(i.dueDate(), "dueDate", i.invoiceId()));
                g.writeNumberField("total_clp", i.totalClp());
                g.writeNumberField("credited_clp", i.creditedClp());
                g.writeNumberField("paid_clp", i.paidClp());
                g.writeNumberField("open_clp", i.openClp());
                g.writeNumberField("is_deleted", i.deleted() ? 1 : 0);
                g.writeNumberField("version", i.version());
                g.writeStringField("updated_at", updatedAt);
                g.writeEndObject();
            }
        });
    }

    /** Writes the receivables KPI rows (one per client and {@code asOf} date). */
    public void writeReceivables(Collection<ClientReceivables> receivables) {
        if (receivables.isEmpty()) {
            return;
        }
        String updatedAt = DATE_TIME.format(clock.instant());
        insert(CLIENT_RECEIVABLES_DAILY, receivables.size() * 180, g -> {
            for (ClientReceivables r : receivables) {
                g.writeStartObject();
                g.writeStringField("client_id", r.clientId());
                g.writeStringField("as_of", date(r.asOf(), "asOf", r.clientId()));
                g.writeNumberField("open_clp", r.openClp());
                g.writeNumberField("overdue_clp", r.overdueClp());
                g.writeNumberField("open_invoices", r.openInvoices());
                g.writeNumberField("overdue_invoices", r.overdueInvoices());
                g.writeNumberField("version", r.version());
                g.writeStringField("updated_at", updatedAt);
                g.writeEndObject();
            }
        });
    }

    /**
     * Inserts or renames clients. The version is the current time in milliseconds, forced to grow
     * across calls of this writer so that two upserts in the same millisecond still order correctly.
     */
    public void upsertClients(Collection<ClientInfo> clients) {
        if (clients.isEmpty()) {
            return;
        }
        long version = lastClientVersion.updateAndGet(previous -> Math.max(previous + 1, clock.millis()));
        insert(CLIENTS, clients.size() * 80, g -> {
            for (ClientInfo c : clients) {
                g.writeStartObject();
                g.writeStringField("client_id", c.clientId());
                g.writeStringField("name", c.name());
                g.writeStringField("rut", c.rut());
                g.writeNumberField("version", version);
                g.writeEndObject();
            }
        });
    }

    private interface Rows {
        void write(JsonGenerator generator) throws IOException;
    }

    private void insert(String table, int sizeHint, Rows rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(256, sizeHint));
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            rows.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise rows for " + table, e);
        }
        warehouse.insertJsonEachRow(table, out.toByteArray());
    }

    private static String date(LocalDate date, String field, String owner) {
        if (date == null) {
            throw new IllegalArgumentException(field + " is missing for " + owner + ": the warehouse stores no null dates");
        }
        return date.toString();
    }
}
