package cl.cobranza.core.normalize;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.normalize.profile.MappingProfile;
import cl.cobranza.core.normalize.profile.ProfileNormalizer;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one normaliser the job uses: the platform's own capture ({@value PlatformNormalizer#SOURCE}) goes to
 * {@link PlatformNormalizer}, every other source is a client ERP read with its {@link MappingProfile}.
 * "platform" is therefore not usable as a client id.
 */
public final class SourceNormalizer implements Normalizer {
    private static final long serialVersionUID = 1L;
    /** The profile of the demo ERP, used for every ERP source by {@link #SourceNormalizer()}. */
    public static final String DEMO_PROFILE = "demo-erp";

    private final PlatformNormalizer platform = new PlatformNormalizer();
    private final Map<String, ProfileNormalizer> bySource;
    private final ProfileNormalizer fallback;

    /** Every ERP source uses the {@value #DEMO_PROFILE} profile. */
    public SourceNormalizer() {
        this(Map.of(), MappingProfile.load(DEMO_PROFILE));
    }

    /** Each ERP source uses the profile it is mapped to; a change from an unmapped source is rejected. */
    public SourceNormalizer(Map<String, MappingProfile> profileBySource) {
        this(profileBySource, null);
    }

    /** Each ERP source uses the profile it is mapped to, any other ERP source {@code fallback} (null: rejected). */
    public SourceNormalizer(Map<String, MappingProfile> profileBySource, MappingProfile fallback) {
        Map<MappingProfile, ProfileNormalizer> shared = new IdentityHashMap<>();
        this.bySource = new HashMap<>();
        profileBySource.forEach((source, profile) -> {
            if (PlatformNormalizer.SOURCE.equals(source)) {
                throw new IllegalArgumentException("'" + PlatformNormalizer.SOURCE + "' is the platform's own capture,"
                        + " not an ERP: give the client's source another name");
            }
            if (profile == null) {
                throw new IllegalArgumentException("source '" + source + "' has no profile: map it to one, e.g. "
                        + DEMO_PROFILE);
            }
            bySource.put(source, shared.computeIfAbsent(profile, ProfileNormalizer::new));
        });
        this.fallback = fallback == null ? null : shared.computeIfAbsent(fallback, ProfileNormalizer::new);
    }

    /** Loads each source's profile by name or path ({@link MappingProfile#load}); unmapped sources are rejected. */
    public static SourceNormalizer ofProfileNames(Map<String, String> profileNameBySource) {
        Map<String, MappingProfile> loaded = new HashMap<>();
        Map<String, MappingProfile> bySource = new LinkedHashMap<>();
        profileNameBySource.forEach((source, name) ->
                bySource.put(source, loaded.computeIfAbsent(name, MappingProfile::load)));
        return new SourceNormalizer(bySource);
    }

    @Override
    public List<CanonicalEvent> normalize(RawChange change) {
        if (PlatformNormalizer.SOURCE.equals(change.clientId())) {
            return platform.normalize(change);
        }
        ProfileNormalizer erp = bySource.getOrDefault(change.clientId(), fallback);
        if (erp == null) {
            throw new RejectedRowException("source", "source '" + change.clientId() + "' has no mapping profile:"
                    + " map it to one (e.g. " + change.clientId() + "=" + DEMO_PROFILE + "), or stop capturing it");
        }
        return erp.normalize(change);
    }
}
