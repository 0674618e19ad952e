package cl.cobranza.core.normalize.profile;

/** A mapping profile that cannot be used: names the file, the YAML path of the problem and the fix. */
public final class ProfileException extends IllegalArgumentException {
    private final String origin;
    private final String path;

    ProfileException(String origin, String path, String problem) {
        super(origin + (path == null || path.isEmpty() ? "" : ": " + path) + ": " + problem);
        this.origin = origin;
        this.path = path;
    }

    /** The file or classpath resource the profile came from. */
    public String origin() {
        return origin;
    }

    /** The YAML path of the problem, such as {@code tables.documentos[1].fields.total.convert}; empty for the whole file. */
    public String path() {
        return path;
    }
}
