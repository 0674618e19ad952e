package cl.cobranza.core.normalize;

import cl.cobranza.core.events.CanonicalEvent;

import java.util.List;

/**
 * The one normaliser the job uses: the platform's own capture ({@value PlatformNormalizer#SOURCE}) goes to
 * {@link PlatformNormalizer}, every other source is a client ERP read with the {@link DemoErpNormalizer} profile.
 * "platform" is therefore not usable as a client id.
 */
public final class SourceNormalizer implements Normalizer {
    private final PlatformNormalizer platform = new PlatformNormalizer();
    private final DemoErpNormalizer erp = new DemoErpNormalizer();

    @Override
    public List<CanonicalEvent> normalize(RawChange change) {
        return PlatformNormalizer.SOURCE.equals(change.clientId()) ? platform.normalize(change) : erp.normalize(change);
    }
}
