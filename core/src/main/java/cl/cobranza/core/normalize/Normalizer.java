package cl.cobranza.core.normalize;

import cl.cobranza.core.events.CanonicalEvent;

import java.io.Serializable;
import java.util.List;

/**
 * Turns a raw ERP row change into canonical events, or rejects it with a {@link RejectedRowException}.
 * Serializable: Flink ships it to its operators.
 */
public interface Normalizer extends Serializable {
    List<CanonicalEvent> normalize(RawChange change);
}
