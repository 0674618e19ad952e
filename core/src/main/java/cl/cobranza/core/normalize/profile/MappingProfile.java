package cl.cobranza.core.normalize.profile;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed and validated mapping profile: how one kind of ERP's tables and columns become canonical events
 * (see docs/mapping-profiles.md). Serializable, with no YAML left in it, so a Flink job ships it as it is.
 */
public final class MappingProfile implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String title;
    private final Map<String, List<RowMapping>> tables;
    private final Set<String> ignoredTables;

    MappingProfile(String name, String title, Map<String, List<RowMapping>> tables, Set<String> ignoredTables) {
        this.name = name;
        this.title = title;
        this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        this.ignoredTables = Set.copyOf(ignoredTables);
    }

    /**
     * Loads a profile: a bare name ({@code demo-erp}) is the classpath resource {@code profiles/<name>.yaml},
     * anything else is a file path. Fails with a {@link ProfileException} naming the YAML path and the fix.
     */
    public static MappingProfile load(String nameOrPath) {
        return ProfileLoader.load(nameOrPath);
    }

    /** Parses profile text; {@code origin} names it in error messages. */
    public static MappingProfile parse(String yaml, String origin) {
        return ProfileLoader.parse(yaml, origin, null);
    }

    /** The profile's {@code profile:} name. */
    public String name() {
        return name;
    }

    /** The profile's {@code title:}, used in rejection messages ("not mapped by the demo ERP profile"). */
    public String title() {
        return title;
    }

    /** The mapped tables, in the profile's order. */
    public List<String> tables() {
        return List.copyOf(tables.keySet());
    }

    /** Tables whose changes are expected and produce no events. */
    public Set<String> ignoredTables() {
        return ignoredTables;
    }

    /** The mappings of {@code table} in the profile's order, or null when the table is not mapped. */
    List<RowMapping> mappings(String table) {
        return tables.get(table);
    }

    @Override
    public String toString() {
        return "MappingProfile[" + name + ", tables " + tables.keySet() + ", ignored " + ignoredTables + "]";
    }
}
