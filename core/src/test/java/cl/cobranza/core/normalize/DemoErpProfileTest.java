package cl.cobranza.core.normalize;

import cl.cobranza.core.normalize.profile.ProfileNormalizer;

/** Every field-by-field case of {@link DemoErpNormalizerTest}, run on the {@code demo-erp} mapping profile. */
class DemoErpProfileTest extends DemoErpNormalizerTest {
    @Override
    Normalizer normalizer() {
        return ProfileNormalizer.load("demo-erp");
    }
}
