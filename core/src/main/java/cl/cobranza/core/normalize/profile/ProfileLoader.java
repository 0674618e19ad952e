package cl.cobranza.core.normalize.profile;

import cl.cobranza.core.normalize.DateForm;
import cl.cobranza.core.normalize.RejectedRowException;
import cl.cobranza.core.normalize.profile.EventKind.FieldSpec;
import cl.cobranza.core.normalize.profile.RowMapping.Condition;
import cl.cobranza.core.normalize.profile.RowMapping.FieldMapping;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a profile's YAML into a {@link MappingProfile}, checking everything that can be checked before the first
 * row arrives: unknown keys, events, fields and converters, missing required mappings, constants, overlapping
 * filters. Each failure names the YAML path and the fix.
 */
final class ProfileLoader {
    /** The profiles in {@code src/main/resources/profiles}. */
    static final List<String> SHIPPED = List.of("demo-erp", "erp-espanol");
    static final String DEFAULT_ZONE = "America/Santiago";
    static final List<DateForm> DEFAULT_DATE_FORMS = List.of(DateForm.EPOCH_DAY, DateForm.ISO_DATE);

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final List<String> CONDITION_CONVERTERS = List.of("text", "integer", "dte", "flag");
    private static final Set<String> ALL_CONVERTERS =
            Set.of("integer", "text", "rut", "rut-split", "dte", "date", "clp", "currency", "flag");

    private ProfileLoader() {
    }

    static MappingProfile load(String nameOrPath) {
        if (nameOrPath == null || nameOrPath.isBlank()) {
            throw new ProfileException("(no profile)", "", "no profile given: name a shipped profile ("
                    + String.join(", ", SHIPPED) + ") or give the path of a .yaml file");
        }
        String s = nameOrPath.trim();
        if (BARE_NAME.matcher(s).matches()) {
            String resource = "profiles/" + s + ".yaml";
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            InputStream in = cl == null ? null : cl.getResourceAsStream(resource);
            if (in == null) {
                in = ProfileLoader.class.getClassLoader().getResourceAsStream(resource);
            }
            if (in == null) {
                throw new ProfileException(resource, "", "no such profile on the classpath: the shipped ones are "
                        + String.join(", ", SHIPPED) + "; for another, give the path of its .yaml file");
            }
            try (InputStream stream = in) {
                return parse(new String(stream.readAllBytes(), StandardCharsets.UTF_8), resource, s);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + resource, e);
            }
        }
        Path path = Path.of(s);
        if (!Files.isRegularFile(path)) {
            throw new ProfileException(s, "", "no such file: give the path of a profile .yaml file, or the name of a"
                    + " shipped profile (" + String.join(", ", SHIPPED) + ")");
        }
        try {
            return parse(Files.readString(path), s, null);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    /** {@code expectedName}, when not null, must be the profile's {@code profile:} (its file name). */
    static MappingProfile parse(String yaml, String origin, String expectedName) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            Object line = e.getLocation() == null ? "?" : e.getLocation().getLineNr();
            throw new ProfileException(origin, "", "not valid YAML at line " + line + " ("
                    + e.getOriginalMessage().replaceAll("\\s+", " ").trim() + "): correct the syntax");
        }
        Node top = new Node(origin, "", root);
        if (root == null || !root.isObject()) {
            throw top.error("not a profile: expected a YAML mapping that starts with profile: <name> and tables:");
        }
        top.allow("profile", "title", "zone", "defaults", "dte_codes", "ignore_tables", "tables");
        String name = top.require("profile", "name the profile, e.g. profile: my-erp").text();
        if (expectedName != null && !name.equals(expectedName)) {
            throw top.child("profile").error("the profile is named '" + name + "' but its file is " + expectedName
                    + ".yaml: make the two names equal");
        }
        String title = top.has("title") ? top.child("title").text() : name;
        Context ctx = context(top, name);

        Set<String> ignored = new LinkedHashSet<>();
        if (top.has("ignore_tables")) {
            for (Node t : top.child("ignore_tables").list()) {
                ignored.add(t.text());
            }
        }
        Node tablesNode = top.require("tables",
                "map each captured table to an event, e.g. tables: {customers: {event: debtor, fields: ...}}");
        if (!tablesNode.json.isObject() || tablesNode.json.isEmpty()) {
            throw tablesNode.error("expected a mapping of table names to their events, e.g. customers: {event: debtor, ...}");
        }
        Map<String, List<RowMapping>> tables = new LinkedHashMap<>();
        for (Iterator<String> it = tablesNode.json.fieldNames(); it.hasNext(); ) {
            String table = it.next();
            Node t = tablesNode.child(table);
            if (ignored.contains(table)) {
                throw t.error("the table is also in ignore_tables: either map it or ignore it");
            }
            List<RowMapping> mappings = new ArrayList<>();
            if (t.json.isArray()) {
                if (t.json.isEmpty()) {
                    throw t.error("empty: give the table a mapping, or list it in ignore_tables");
                }
                for (Node item : t.list()) {
                    mappings.add(mapping(item, ctx));
                }
            } else {
                mappings.add(mapping(t, ctx));
            }
            checkFilters(t, mappings);
            tables.put(table, List.copyOf(mappings));
        }
        return new MappingProfile(name, title, tables, ignored);
    }

    private static Context context(Node top, String name) {
        ZoneId zone;
        String zoneText = top.has("zone") ? top.child("zone").text() : DEFAULT_ZONE;
        try {
            zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            throw top.child("zone").error("unknown time zone '" + zoneText + "': use a region id such as " + DEFAULT_ZONE);
        }
        List<DateForm> forms = DEFAULT_DATE_FORMS;
        boolean roundHalfUp = false;
        boolean chilean = false;
        if (top.has("defaults")) {
            Node d = top.child("defaults").object("date_formats, rounding, amount_format");
            d.allow("date_formats", "rounding", "amount_format");
            if (d.has("date_formats")) {
                forms = dateForms(d.child("date_formats"));
            }
            if (d.has("rounding")) {
                roundHalfUp = rounding(d.child("rounding"));
            }
            if (d.has("amount_format")) {
                chilean = amountFormat(d.child("amount_format"));
            }
        }
        Map<String, Integer> codes = new TreeMap<>();
        if (top.has("dte_codes")) {
            Node c = top.child("dte_codes").object("code: number pairs, e.g. {FAC: 33, NC: 61}");
            for (Iterator<String> it = c.json.fieldNames(); it.hasNext(); ) {
                String code = it.next();
                Node v = c.child(code);
                if (code.isBlank() || code.trim().chars().allMatch(Character::isDigit)) {
                    throw v.error("'" + code + "' is not a text code: numbers are read as SII DTE types already;"
                            + " list only the ERP's own codes, e.g. FAC: 33");
                }
                if (!v.json.canConvertToInt() || !v.json.isIntegralNumber() || v.json.asInt() < 1 || v.json.asInt() > 999) {
                    throw v.error("'" + v.json.asText() + "' is not an SII DTE type: give the number, e.g. "
                            + code + ": 33 (factura), 34 (exenta), 56 (nota de débito), 61 (nota de crédito)");
                }
                codes.put(code.trim(), v.json.asInt());
            }
        }
        return new Context(name, zone, forms, roundHalfUp, chilean, codes);
    }

    private static RowMapping mapping(Node m, Context ctx) {
        Node obj = m.object("event:, fields: and optionally where: and soft_delete:");
        obj.allow("event", "where", "soft_delete", "fields");
        Node eventNode = obj.require("event", "name the event: debtor, invoice, credit-note or payment");
        EventKind kind = EventKind.byLabel(eventNode.text());
        if (kind == null) {
            throw eventNode.error("unknown event '" + eventNode.text() + "': expected one of "
                    + Arrays.stream(EventKind.values()).map(EventKind::label).collect(Collectors.joining(", ")));
        }
        Condition where = obj.has("where") ? condition(obj.child("where"), ctx, true) : null;
        Condition softDelete = obj.has("soft_delete") ? condition(obj.child("soft_delete"), ctx, false) : null;
        Node fieldsNode = obj.require("fields", "map the " + kind.label() + "'s fields to columns: "
                + String.join(", ", kind.fields().keySet())).object("field: column pairs");
        Map<String, FieldMapping> fields = new LinkedHashMap<>();
        for (Iterator<String> it = fieldsNode.json.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            FieldSpec spec = kind.fields().get(f);
            if (spec == null) {
                throw fieldsNode.child(f).error("unknown field '" + f + "' for a " + kind.label() + ": expected one of "
                        + String.join(", ", kind.fields().keySet()));
            }
            fields.put(f, field(fieldsNode.child(f), spec, kind, ctx));
        }
        List<String> missing = kind.fields().values().stream()
                .filter(s -> s.required() && !fields.containsKey(s.name())).map(FieldSpec::name).toList();
        if (!missing.isEmpty()) {
            throw fieldsNode.error("missing required field" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " of a " + kind.label() + ": map each to the column that holds it, e.g. " + missing.get(0)
                    + ": <column>");
        }
        return new RowMapping(m.path, kind, where, softDelete, Collections.unmodifiableMap(fields));
    }

    private static FieldMapping field(Node n, FieldSpec spec, EventKind kind, Context ctx) {
        if (n.json.isValueNode()) {
            String convert = spec.converters().get(0);
            return new FieldMapping(spec.name(), n.text(), converter(convert, null, ctx, kind), null);
        }
        Node f = n.object("a column name, or column: with options");
        f.allow("column", "constant", "convert", "formats", "rounding", "format", "body", "dv");
        String convert = f.has("convert") ? f.child("convert").text()
                : f.has("body") || f.has("dv") ? "rut-split" : spec.converters().get(0);
        if (!spec.converters().contains(convert)) {
            throw f.child(f.has("convert") ? "convert" : "body").error((ALL_CONVERTERS.contains(convert)
                    ? "converter '" + convert + "' does not apply to " + spec.name()
                    : "unknown converter '" + convert + "'") + ": " + spec.name() + " takes "
                    + String.join(" or ", spec.converters()));
        }
        requireOption(f, "formats", convert.equals("date"), "date");
        requireOption(f, "rounding", convert.equals("clp"), "clp");
        requireOption(f, "format", convert.equals("clp"), "clp");
        requireOption(f, "body", convert.equals("rut-split"), "rut-split");
        requireOption(f, "dv", convert.equals("rut-split"), "rut-split");
        if (convert.equals("rut-split")) {
            if (f.has("column") || f.has("constant")) {
                throw f.child(f.has("column") ? "column" : "constant").error("a split RUT is read from body: and dv:,"
                        + " not column: or constant:; remove it");
            }
            String body = f.require("body", "name the column holding the RUT without its check digit").text();
            String dv = f.require("dv", "name the column holding the RUT's check digit").text();
            return new FieldMapping(spec.name(), body, new Converter.RutSplit(dv), null);
        }
        if (f.has("column") == f.has("constant")) {
            throw f.error(f.has("column") ? "both column: and constant: given: keep one"
                    : "no column: given: name the column that holds " + spec.name()
                    + (EventKind.CONSTANT_FIELDS.contains(spec.name()) ? " (or give a constant:)" : ""));
        }
        Converter converter = converter(convert, f, ctx, kind);
        if (f.has("column")) {
            return new FieldMapping(spec.name(), f.child("column").text(), converter, null);
        }
        Node c = f.child("constant");
        if (!EventKind.CONSTANT_FIELDS.contains(spec.name())) {
            throw c.error("a constant is allowed only for " + String.join(" and ", EventKind.CONSTANT_FIELDS)
                    + ": map " + spec.name() + " to a column");
        }
        Object raw = c.scalar();
        Map<String, Object> row = new HashMap<>();
        row.put(spec.name(), raw);
        try {
            Object value = converter.read(row, spec.name(), true);
            if (kind == EventKind.INVOICE && spec.name().equals("dte_type")) {
                ProfileNormalizer.requireReceivable((Integer) value, spec.name());
            }
            return new FieldMapping(spec.name(), null, converter, value);
        } catch (RejectedRowException e) {
            throw c.error(e.reason() + " (in the constant)");
        }
    }

    private static void requireOption(Node f, String key, boolean applies, String converter) {
        if (f.has(key) && !applies) {
            throw f.child(key).error(key + ": applies only to convert: " + converter + "; remove it");
        }
    }

    private static Converter converter(String label, Node options, Context ctx, EventKind kind) {
        switch (label) {
            case "integer":
                return new Converter.WholeNumber();
            case "text":
                return new Converter.Text();
            case "rut":
                return new Converter.RutText();
            case "dte":
                return new Converter.DteCode(ctx.name, ctx.dteCodes);
            case "date":
                return new Converter.DateValue(options != null && options.has("formats")
                        ? dateForms(options.child("formats")) : ctx.dateForms, ctx.zone);
            case "clp":
                boolean roundHalfUp = options != null && options.has("rounding")
                        ? rounding(options.child("rounding")) : ctx.roundHalfUp;
                boolean chilean = options != null && options.has("format")
                        ? amountFormat(options.child("format")) : ctx.chileanAmounts;
                return new Converter.Amount(roundHalfUp, chilean);
            case "currency":
                return new Converter.Currency(kind == EventKind.INVOICE ? "invoices"
                        : kind == EventKind.CREDIT_NOTE ? "credit notes" : "payments");
            case "flag":
                return new Converter.Flag();
            default:
                throw new IllegalStateException("no converter " + label);
        }
    }

    private static Condition condition(Node n, Context ctx, boolean isWhere) {
        if (n.json.isValueNode() && !isWhere) {
            return new Condition(n.text(), new Converter.Flag(), Set.of("TRUE"));
        }
        Node c = n.object(isWhere ? "column: and in:, e.g. {column: tipo_dte, convert: dte, in: [33, 34, 56]}"
                : "a flag column, or column: and in:, e.g. {column: estado, in: [ANULADA]}");
        c.allow("column", "convert", "in");
        String column = c.require("column", "name the column to test").text();
        if (isWhere && !c.has("in")) {
            throw c.error("missing in: list the values that select these rows, e.g. in: [33, 34, 56]");
        }
        String convert = c.has("convert") ? c.child("convert").text() : c.has("in") ? "text" : "flag";
        if (!CONDITION_CONVERTERS.contains(convert)) {
            throw c.child("convert").error((ALL_CONVERTERS.contains(convert) ? "converter '" + convert
                    + "' does not apply to a condition" : "unknown converter '" + convert + "'") + ": use "
                    + String.join(", ", CONDITION_CONVERTERS));
        }
        Converter converter = converter(convert, null, ctx, null);
        if (!c.has("in")) {
            if (!convert.equals("flag")) {
                throw c.error("missing in: list the values that mean deleted, or use convert: flag for a yes/no column");
            }
            return new Condition(column, converter, Set.of("TRUE"));
        }
        Set<String> values = new LinkedHashSet<>();
        for (Node v : c.child("in").list()) {
            Map<String, Object> row = new HashMap<>();
            row.put(column, v.scalar());
            try {
                values.add(Condition.key(converter.read(row, column, true)));
            } catch (RejectedRowException e) {
                throw v.error(e.reason());
            }
        }
        if (values.isEmpty()) {
            throw c.child("in").error("empty: list at least one value");
        }
        return new Condition(column, converter, Collections.unmodifiableSet(values));
    }

    /** Several mappings of one table need a {@code where} each, and no row may match two of them on the same column. */
    private static void checkFilters(Node table, List<RowMapping> mappings) {
        if (mappings.size() < 2) {
            return;
        }
        Map<String, String> seen = new HashMap<>(); // column|converter|value → path of the mapping that selects it
        for (RowMapping m : mappings) {
            if (m.where() == null) {
                throw new ProfileException(table.origin, m.path(), "no where: a table with several mappings needs a"
                        + " where: on each, to tell which rows are which (e.g. by DTE type)");
            }
            for (String v : m.where().values()) {
                String key = m.where().column() + "|" + m.where().converter().label() + "|" + v;
                String other = seen.putIfAbsent(key, m.path());
                if (other != null) {
                    throw new ProfileException(table.origin, m.path() + ".where.in", "value " + v + " also selects "
                            + other + ": each row must match exactly one mapping; remove it from one of them");
                }
            }
        }
    }

    private static List<DateForm> dateForms(Node n) {
        List<DateForm> forms = new ArrayList<>();
        for (Node f : n.list()) {
            DateForm form = DateForm.byLabel(f.text());
            if (form == null) {
                throw f.error("unknown date form '" + f.text() + "': use " + Arrays.stream(DateForm.values())
                        .map(DateForm::label).collect(Collectors.joining(", ")));
            }
            forms.add(form);
        }
        if (forms.isEmpty()) {
            throw n.error("empty: list at least one date form, e.g. [epoch-day, yyyy-MM-dd]");
        }
        List<String> numeric = forms.stream().filter(DateForm::numeric).map(DateForm::label).toList();
        if (numeric.size() > 1) {
            throw n.error("lists " + String.join(" and ", numeric) + ": a number can be read only one way;"
                    + " keep the one the column holds");
        }
        return List.copyOf(forms);
    }

    private static boolean rounding(Node n) {
        String s = n.text();
        if (!s.equals("reject") && !s.equals("half-up")) {
            throw n.error("unknown rounding '" + s + "': use reject (a fraction of a peso is a bad row) or half-up");
        }
        return s.equals("half-up");
    }

    private static boolean amountFormat(Node n) {
        String s = n.text();
        if (!s.equals("plain") && !s.equals("chilean")) {
            throw n.error("unknown amount format '" + s + "': use plain (1234567.00) or chilean (1.234.567,00)");
        }
        return s.equals("chilean");
    }

    /** What every mapping of one profile shares. */
    private record Context(String name, ZoneId zone, List<DateForm> dateForms, boolean roundHalfUp,
                           boolean chileanAmounts, Map<String, Integer> dteCodes) {
    }

    /** A YAML node with its path, for messages such as {@code tables.documentos[1].fields.total: ...}. */
    private record Node(String origin, String path, JsonNode json) {
        ProfileException error(String problem) {
            return new ProfileException(origin, path, problem);
        }

        Node child(String key) {
            return new Node(origin, path.isEmpty() ? key : path + "." + key, json == null ? null : json.get(key));
        }

        boolean has(String key) {
            return json != null && json.hasNonNull(key);
        }

        Node require(String key, String fix) {
            if (!has(key)) {
                throw child(key).error("missing: " + fix);
            }
            return child(key);
        }

        Node object(String expected) {
            if (json == null || !json.isObject()) {
                throw error("expected " + expected);
            }
            return this;
        }

        void allow(String... keys) {
            List<String> allowed = List.of(keys);
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw child(k).error("unknown key '" + k + "': expected one of " + String.join(", ", allowed));
                }
            }
        }

        /** A list's items; a single value counts as a list of one. */
        List<Node> list() {
            List<Node> items = new ArrayList<>();
            if (json != null && json.isArray()) {
                for (int i = 0; i < json.size(); i++) {
                    items.add(new Node(origin, path + "[" + i + "]", json.get(i)));
                }
            } else if (json != null && json.isValueNode() && !json.isNull()) {
                items.add(this);
            } else {
                throw error("expected a list, e.g. [a, b]");
            }
            return items;
        }

        String text() {
            if (json == null || json.isNull()) {
                throw error("empty: give a value");
            }
            if (!json.isValueNode()) {
                throw error("expected a single value, not a list or mapping");
            }
            String s = json.asText().trim();
            if (s.isEmpty()) {
                throw error("empty: give a value");
            }
            return s;
        }

        /** A scalar as the row would carry it: a number stays a number, anything else is text. */
        Object scalar() {
            text();
            if (json.isIntegralNumber()) {
                return json.asLong();
            }
            if (json.isNumber()) {
                return json.decimalValue();
            }
            return json.isBoolean() ? (Object) json.asBoolean() : json.asText().trim();
        }
    }
}
