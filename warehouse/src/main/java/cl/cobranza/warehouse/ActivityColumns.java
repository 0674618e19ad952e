package cl.cobranza.warehouse;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.state.Activity;
import cl.cobranza.core.state.Activity.LastAction;
import cl.cobranza.core.state.Activity.Movement;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Activity} columns of {@code invoice_state} (migration V005), written and read in one place:
 * "none" is the zero Date, {@code ''} and 0 in the table and null in Java; the movements are a compact
 * JSON array of {@code {date, kind, amountClp}}; every contact and promise (V007) JSON arrays of the records.
 */
final class ActivityColumns {
    /** The column list, for SELECTs. */
    static final String COLUMNS = "last_action_date, last_channel, last_outcome, actions, promise_made_on, "
            + "promise_date, promise_clp, broken_promises, movements, contacts, promises";

    /** The zero Date as written; 18.16 shows it as 0000-00-00, current servers as 1970-01-01. */
    private static final String NO_DATE = "1970-01-01";
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ActivityColumns() {
    }

    /** Writes the activity's fields into the current JSONEachRow object. */
    static void write(JsonGenerator g, Activity a) throws IOException {
        LastAction last = a.lastAction();
        g.writeStringField("last_action_date", last == null ? NO_DATE : last.date().toString());
        g.writeStringField("last_channel", last == null ? "" : last.channel().name());
        g.writeStringField("last_outcome", last == null ? "" : last.outcome().name());
        g.writeNumberField("actions", a.actions());
        PromiseToPay p = a.promise();
        g.writeStringField("promise_made_on", p == null ? NO_DATE : p.madeOn().toString());
        g.writeStringField("promise_date", p == null ? NO_DATE : p.promisedDate().toString());
        g.writeNumberField("promise_clp", p == null ? 0 : p.amountClp());
        g.writeNumberField("broken_promises", a.brokenPromises());
        g.writeStringField("movements", movementsJson(a.movements()));
        g.writeStringField("contacts", contactsJson(a));
        g.writeStringField("promises", promisesJson(a));
    }

    /** The same fields as {@link #write}, in {@link #COLUMNS} order, as TabSeparated values each preceded by a tab. */
    static void writeTsv(StringBuilder b, Activity a) {
        LastAction last = a.lastAction();
        b.append('\t').append(last == null ? NO_DATE : last.date().toString());
        b.append('\t').append(last == null ? "" : last.channel().name());
        b.append('\t').append(last == null ? "" : last.outcome().name());
        b.append('\t').append(a.actions());
        PromiseToPay p = a.promise();
        b.append('\t').append(p == null ? NO_DATE : p.madeOn().toString());
        b.append('\t').append(p == null ? NO_DATE : p.promisedDate().toString());
        b.append('\t').append(p == null ? 0 : p.amountClp());
        b.append('\t').append(a.brokenPromises());
        b.append('\t');
        Tsv.append(b, movementsJson(a.movements()));
        b.append('\t');
        Tsv.append(b, contactsJson(a));
        b.append('\t');
        Tsv.append(b, promisesJson(a));
    }

    private static String contactsJson(Activity a) {
        return jsonArray(a.contacts(), (c, o) -> {
            o.writeStringField("date", c.date().toString());
            o.writeStringField("channel", c.channel().name());
            o.writeStringField("outcome", c.outcome().name());
        });
    }

    private static String promisesJson(Activity a) {
        return jsonArray(a.promises(), (pr, o) -> {
            o.writeStringField("madeOn", pr.madeOn().toString());
            o.writeStringField("promisedDate", pr.promisedDate().toString());
            o.writeNumberField("amountClp", pr.amountClp());
        });
    }

    static String movementsJson(List<Movement> movements) {
        return jsonArray(movements, (m, g) -> {
            g.writeStringField("date", m.date().toString());
            g.writeStringField("kind", m.kind().name());
            g.writeNumberField("amountClp", m.amountClp());
        });
    }

    /** Writes one JSON object's fields. */
    private interface Fields<T> {
        void write(T value, JsonGenerator g) throws IOException;
    }

    /** A compact JSON array of one object per value. */
    private static <T> String jsonArray(List<T> values, Fields<T> fields) {
        if (values.isEmpty()) {
            return "[]"; // most rows: no generator needed (measured: 3 generators per row were a visible share of the sink)
        }
        StringWriter text = new StringWriter(16 + 64 * values.size());
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartArray();
            for (T v : values) {
                g.writeStartObject();
                fields.write(v, g);
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JSON array", e);
        }
        return text.toString();
    }

    /** The activity of a row that has the {@link #COLUMNS}. */
    static Activity read(JsonNode row) {
        LocalDate lastDate = date(row, "last_action_date");
        LastAction last = lastDate == null ? null : new LastAction(lastDate,
                known(Channel.parse(row.get("last_channel").asText()), "last_channel", row),
                known(Outcome.parse(row.get("last_outcome").asText()), "last_outcome", row));
        return new Activity(last, row.get("actions").asInt(), promise(row), row.get("broken_promises").asInt(),
                movements(row.get("movements").asText()), contacts(row), promises(row));
    }

    /** The latest promise of a row that has the promise columns, null when none. */
    static PromiseToPay promise(JsonNode row) {
        LocalDate promised = date(row, "promise_date");
        return promised == null ? null
                : new PromiseToPay(date(row, "promise_made_on"), promised, row.get("promise_clp").asLong());
    }

    /** A Date column, null for the zero Date. */
    private static LocalDate date(JsonNode row, String column) {
        String text = row.get(column).asText();
        return text.isEmpty() || text.equals("0000-00-00") || text.equals(NO_DATE) ? null : LocalDate.parse(text);
    }

    private static <T> T known(T value, String column, JsonNode row) {
        if (value == null) {
            throw new IllegalStateException("invoice_state." + column + " holds '" + row.get(column).asText()
                    + "', which this build does not know: upgrade the API to the pipeline's version");
        }
        return value;
    }

    private static List<LastAction> contacts(JsonNode row) {
        List<LastAction> out = new ArrayList<>();
        for (JsonNode c : array(row, "contacts")) {
            out.add(new LastAction(LocalDate.parse(c.get("date").asText()),
                    known(Channel.parse(c.get("channel").asText()), "contacts", row),
                    known(Outcome.parse(c.get("outcome").asText()), "contacts", row)));
        }
        return out;
    }

    private static List<PromiseToPay> promises(JsonNode row) {
        List<PromiseToPay> out = new ArrayList<>();
        for (JsonNode p : array(row, "promises")) {
            out.add(new PromiseToPay(LocalDate.parse(p.get("madeOn").asText()),
                    LocalDate.parse(p.get("promisedDate").asText()), p.get("amountClp").asLong()));
        }
        return out;
    }

    /** A JSON array column; empty for rows written before V007. */
    private static JsonNode array(JsonNode row, String column) {
        String json = row.path(column).asText("");
        if (json.isEmpty()) {
            return MAPPER.createArrayNode();
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("invoice_state." + column + " is not a JSON array: " + json, e);
        }
    }

    private static List<Movement> movements(String json) {
        if (json.isEmpty()) {
            return List.of(); // rows written before V005
        }
        try {
            List<Movement> out = new ArrayList<>();
            for (JsonNode m : MAPPER.readTree(json)) {
                out.add(new Movement(LocalDate.parse(m.get("date").asText()),
                        Movement.Kind.valueOf(m.get("kind").asText()), m.get("amountClp").asLong()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("invoice_state.movements is not a JSON array: " + json, e);
        }
    }
}
