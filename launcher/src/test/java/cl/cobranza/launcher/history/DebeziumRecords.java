package cl.cobranza.launcher.history;

import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.CreditNoteChanged;
import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PaymentChanged;
import cl.cobranza.core.events.PromiseChanged;
import cl.cobranza.core.normalize.PlatformNormalizer;
import cl.cobranza.core.rut.Rut;
import cl.cobranza.core.testkit.RandomHistory;
import cl.cobranza.streaming.kafka.RawRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns canonical events back into the Kafka records the Debezium capture would have written for them
 * ({@code DebeziumCapture}: pgoutput, JSON with schemas disabled, {@code decimal.handling.mode=string}, no
 * tombstones): topic {@code raw.<client>.public.<table>} for a client's demo ERP, or
 * {@code raw.platform.collections.<table>} for actions and promises; key {@code {"id": …}}; value the change
 * envelope with the full row images of {@code demo/erp-schema.sql} and {@code db/platform/V1__collections.sql}
 * (REPLICA IDENTITY FULL), DATE as epoch days, NUMERIC as text, and the event's position as the LSN.
 *
 * <p>Stateful, like the database it stands in for: an update's before-image is the row's previous version,
 * so a history must be encoded in source order. Columns the canonical events drop (an e-mail, a credit note's
 * folio and reason, a payment's method, notes) are filled in plausibly and kept across a row's versions.
 */
public final class DebeziumRecords {
    /** The schema of the demo ERP's tables ({@code DemoErp.TABLES} captures {@code public.*}). */
    public static final String ERP_SCHEMA = "public";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ZONED_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** Wall-clock base of {@code ts_ms}: a history has positions but no clock, so time grows with the position. */
    private static final long TS_BASE_MS = Instant.parse("2025-01-01T12:00:00Z").toEpochMilli();
    /** Marks a stored image as a deleted row's; never written to a record. */
    private static final String DELETED = "\u0000deleted";
    private static final String[] METHODS = {"transferencia", "transferencia", "transferencia", "cheque", "webpay",
            "efectivo"};

    /** One record of a raw topic, and the canonical events the normaliser must read back from it. */
    public record Record(String topic, String key, String value, char op, List<CanonicalEvent> events) {
        public Record {
            events = List.copyOf(events);
        }

        /** The record as the job's Kafka source hands it over. */
        public RawRecord raw(int partition, long offset) {
            return new RawRecord(topic, partition, offset, key, value);
        }
    }

    private final Map<String, Map<String, Object>> rows = new HashMap<>();
    private final Map<String, Long> invoiceTotals = new HashMap<>();
    private final Map<String, Long> nextCreditNoteFolio = new HashMap<>();

    /** Encodes a whole history given in source order; a move's two events become one update record. */
    public static List<Record> encode(List<CanonicalEvent> sourceOrder) {
        DebeziumRecords encoder = new DebeziumRecords();
        List<Record> records = new ArrayList<>();
        int i = 0;
        while (i < sourceOrder.size()) {
            CanonicalEvent e = sourceOrder.get(i);
            CanonicalEvent next = i + 1 < sourceOrder.size() ? sourceOrder.get(i + 1) : null;
            if (next != null && isMove(e, next)) {
                records.add(encoder.next(List.of(e, next)));
                i += 2;
            } else {
                records.add(encoder.next(List.of(e)));
                i++;
            }
        }
        return records;
    }

    /**
     * The records of {@code encoded} in the order {@code arrival} (a {@link RandomHistory#arrivalOrder}, with
     * its duplicates) delivers their events: a duplicated event is a record delivered twice.
     */
    public static List<Record> inArrivalOrder(List<Record> encoded, List<CanonicalEvent> arrival) {
        Map<CanonicalEvent, Record> recordOf = new HashMap<>();
        for (Record r : encoded) {
            for (CanonicalEvent e : r.events()) {
                recordOf.put(e, r);
            }
        }
        List<Record> out = new ArrayList<>(arrival.size());
        for (int i = 0; i < arrival.size(); i += out.get(out.size() - 1).events().size()) {
            Record r = recordOf.get(arrival.get(i));
            if (r == null || !arrival.subList(i, Math.min(arrival.size(), i + r.events().size())).equals(r.events())) {
                throw new IllegalArgumentException("event " + i + " of the arrival order, " + arrival.get(i)
                        + ", is not the start of an encoded record");
            }
            out.add(r);
        }
        return out;
    }

    /**
     * The record of one row change: one event, or a move (the retraction from the old invoice, then the
     * row on the new one, at one position) as the one update that the normaliser splits into those two.
     */
    public Record next(List<CanonicalEvent> change) {
        CanonicalEvent current = change.get(change.size() - 1);
        String source = RandomHistory.sourceOf(current);
        String table = table(current);
        String rowKey = source + "/" + current.clientId() + "/" + table + "/" + id(current);
        Map<String, Object> previous = rows.get(rowKey);
        Map<String, Object> before;
        Map<String, Object> after;
        char op;
        if (change.size() == 2) {
            if (previous == null) {
                throw new IllegalArgumentException("a move of a row never written before: " + change);
            }
            op = 'u';
            before = row(change.get(0), previous);
            after = row(current, previous);
        } else if (!current.deleted()) {
            op = previous == null || previous.containsKey(DELETED) ? 'c' : 'u';
            before = op == 'u' ? previous : null;
            after = row(current, op == 'u' ? previous : null);
        } else if (current instanceof PaymentChanged && previous != null
                && Boolean.FALSE.equals(previous.get("reversed"))) {
            op = 'u'; // the ERP reverses a payment by flagging it, and keeps the row
            before = previous;
            after = row(current, previous);
            after.put("reversed", Boolean.TRUE);
        } else {
            op = 'd';
            before = row(current, previous);
            after = null;
        }
        Map<String, Object> stored = after != null ? new LinkedHashMap<>(after) : new LinkedHashMap<>(before);
        if (after == null) {
            stored.put(DELETED, Boolean.TRUE);
        }
        rows.put(rowKey, stored);
        if (current instanceof InvoiceChanged i) {
            invoiceTotals.put(i.clientId() + "/" + i.invoiceId(), i.totalClp());
        }
        return new Record(topic(source, current, table), key(current), envelope(source, current, table, op,
                clean(before), clean(after)), op, change);
    }

    private static Map<String, Object> clean(Map<String, Object> row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.remove(DELETED);
        return copy;
    }

    private static boolean isMove(CanonicalEvent retraction, CanonicalEvent moved) {
        return retraction.deleted() && !moved.deleted() && retraction.getClass() == moved.getClass()
                && retraction.sourcePosition() == moved.sourcePosition()
                && retraction.clientId().equals(moved.clientId()) && id(retraction).equals(id(moved))
                && !retraction.invoiceId().equals(moved.invoiceId());
    }

    private static String topic(String source, CanonicalEvent e, String table) {
        return "raw." + source + "." + (isPlatform(e) ? PlatformNormalizer.SCHEMA : ERP_SCHEMA) + "." + table;
    }

    private static boolean isPlatform(CanonicalEvent e) {
        return e instanceof ActionRecorded || e instanceof PromiseChanged;
    }

    private static String table(CanonicalEvent e) {
        if (e instanceof DebtorChanged) {
            return "customers";
        }
        if (e instanceof InvoiceChanged) {
            return "invoices";
        }
        if (e instanceof CreditNoteChanged) {
            return "credit_notes";
        }
        if (e instanceof PaymentChanged) {
            return "payments";
        }
        return e instanceof ActionRecorded ? "collection_actions" : "promises";
    }

    private static String id(CanonicalEvent e) {
        if (e instanceof DebtorChanged d) {
            return d.debtorId();
        }
        if (e instanceof InvoiceChanged i) {
            return i.invoiceId();
        }
        if (e instanceof CreditNoteChanged n) {
            return n.creditNoteId();
        }
        if (e instanceof PaymentChanged p) {
            return p.paymentId();
        }
        return e instanceof ActionRecorded a ? a.actionId() : ((PromiseChanged) e).promiseId();
    }

    /** A BIGSERIAL id: the canonical id as the number the table holds. */
    private static long numeric(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("id '" + id + "' is not a BIGSERIAL value: the tables key rows by number");
        }
    }

    private static String key(CanonicalEvent e) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("id", numeric(id(e)));
        return json(key);
    }

    /**
     * The full row image of an event's version; columns the event does not carry come from the row's
     * {@code previous} image, or are made up on first sight.
     */
    private Map<String, Object> row(CanonicalEvent e, Map<String, Object> previous) {
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Object> prev = previous != null ? previous : Map.of();
        row.put("id", numeric(id(e)));
        if (e instanceof DebtorChanged d) {
            row.put("rut", Rut.parse(d.rut()).toString()); // as typed by the clerk: 12.345.678-5
            row.put("name", d.name());
            row.put("email", prev.getOrDefault("email", "pagos@" + d.name().toLowerCase()
                    .replaceAll("[^a-z]", "") + ".cl"));
            row.put("created_at", prev.getOrDefault("created_at", timestamp(e)));
        } else if (e instanceof InvoiceChanged i) {
            row.put("dte_type", i.dteType());
            row.put("folio", i.folio());
            row.put("customer_id", numeric(i.debtorId()));
            row.put("issue_date", epochDay(i.issueDate()));
            row.put("due_date", epochDay(i.dueDate()));
            row.put("total_clp", i.totalClp());
            row.put("currency", "CLP");
        } else if (e instanceof CreditNoteChanged n) {
            row.put("folio", prev.containsKey("folio") ? prev.get("folio")
                    : nextCreditNoteFolio.merge(n.clientId(), 1L, Long::sum) + 8_000L);
            row.put("invoice_id", numeric(n.invoiceId()));
            row.put("issue_date", epochDay(n.issueDate()));
            row.put("amount_clp", n.amountClp());
            // 1 = anula (cancels the whole invoice), 3 = corrige montos
            row.put("reason_code", prev.containsKey("reason_code") ? prev.get("reason_code")
                    : n.amountClp() == invoiceTotals.getOrDefault(n.clientId() + "/" + n.invoiceId(), -1L) ? 1 : 3);
        } else if (e instanceof PaymentChanged p) {
            row.put("invoice_id", numeric(p.invoiceId()));
            row.put("paid_on", epochDay(p.paidOn()));
            row.put("amount_clp", p.amountClp());
            row.put("method", prev.getOrDefault("method",
                    METHODS[(int) Math.floorMod(numeric(p.paymentId()), (long) METHODS.length)]));
            // a live version stands; a deletion's before-image is the row as it was
            row.put("reversed", p.deleted() ? prev.getOrDefault("reversed", Boolean.FALSE) : Boolean.FALSE);
        } else if (e instanceof ActionRecorded a) {
            row.put("client_id", a.clientId());
            row.put("invoice_id", a.invoiceId());
            row.put("action_date", epochDay(a.actionDate()));
            row.put("channel", a.channel().name());
            row.put("outcome", a.outcome().name());
            row.put("agent_minutes", a.agentMinutes());
            row.put("notes", a.outcome().isRightPartyContact() ? "habló con " + (a.outcome().ordinal() % 2 == 0
                    ? "el encargado de pagos" : "la contadora") : null);
            row.put("recorded_by", prev.getOrDefault("recorded_by", agent(a.actionId())));
            row.put("recorded_at", prev.getOrDefault("recorded_at", timestamp(e)));
        } else {
            PromiseChanged q = (PromiseChanged) e;
            row.put("client_id", q.clientId());
            row.put("invoice_id", q.invoiceId());
            row.put("made_on", epochDay(q.madeOn()));
            row.put("promised_date", epochDay(q.promisedDate()));
            row.put("amount_clp", Long.toString(q.amountClp())); // NUMERIC(18,0), decimal.handling.mode=string
            row.put("recorded_by", prev.getOrDefault("recorded_by", agent(q.promiseId())));
            row.put("recorded_at", prev.getOrDefault("recorded_at", timestamp(e)));
        }
        return row;
    }

    private static String agent(String id) {
        return "agente-" + (1 + Math.floorMod(numeric(id), 7L));
    }

    /** Debezium's io.debezium.time.Date: days since 1970-01-01. */
    private static Integer epochDay(LocalDate d) {
        return d == null ? null : Math.toIntExact(d.toEpochDay());
    }

    private static long tsMs(CanonicalEvent e) {
        return TS_BASE_MS + e.sourcePosition();
    }

    /** A TIMESTAMPTZ as Debezium's ZonedTimestamp text. */
    private static String timestamp(CanonicalEvent e) {
        return ZONED_TIMESTAMP.format(Instant.ofEpochMilli(tsMs(e)));
    }

    private static String envelope(String source, CanonicalEvent e, String table, char op, Map<String, Object> before,
                                   Map<String, Object> after) {
        long ts = tsMs(e);
        Map<String, Object> src = new LinkedHashMap<>();
        src.put("version", "3.6.1.Final");
        src.put("connector", "postgresql");
        src.put("name", "raw." + source);
        src.put("ts_ms", ts);
        src.put("snapshot", "false");
        src.put("db", isPlatform(e) ? "cobranza" : "erp_" + source.replaceAll("[^A-Za-z0-9]", "_").toLowerCase());
        src.put("sequence", "[null,\"" + e.sourcePosition() + "\"]");
        src.put("ts_us", ts * 1_000);
        src.put("ts_ns", ts * 1_000_000);
        src.put("schema", isPlatform(e) ? PlatformNormalizer.SCHEMA : ERP_SCHEMA);
        src.put("table", table);
        src.put("txId", 700L + e.sourcePosition() / 1_000);
        src.put("lsn", e.sourcePosition());
        src.put("xmin", null);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("before", before);
        value.put("after", after);
        value.put("source", src);
        value.put("transaction", null);
        value.put("op", String.valueOf(op));
        value.put("ts_ms", ts + 3);
        value.put("ts_us", (ts + 3) * 1_000);
        value.put("ts_ns", (ts + 3) * 1_000_000);
        return json(value);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
