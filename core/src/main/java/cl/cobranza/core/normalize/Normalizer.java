package cl.cobranza.core.normalize;

import cl.cobranza.core.events.CanonicalEvent;

import java.util.List;

/** Turns a raw ERP row change into canonical events, or rejects it with a {@link RejectedRowException}. */
public interface Normalizer {
    List<CanonicalEvent> normalize(RawChange change);
}
