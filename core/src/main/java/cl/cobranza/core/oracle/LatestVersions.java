package cl.cobranza.core.oracle;

import cl.cobranza.core.events.CanonicalEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The newest version of each row of one kind: per row id, the version with the largest source position. */
final class LatestVersions<E extends CanonicalEvent> {
    private final Map<String, E> byId = new HashMap<>();

    /**
     * Keeps {@code version} if it is newer than the one held for {@code rowId}. The source gives one row two
     * versions at one position only when an update moves it to another invoice: the normaliser then emits
     * the retraction from the old invoice (deleted) and the row on the new one; the row on the new one is
     * what stands, so on a tie a live version beats a deleted one. Any other tie is a duplicate delivery.
     */
    void offer(String rowId, E version) {
        E held = byId.get(rowId);
        if (held == null || version.sourcePosition() > held.sourcePosition()
                || (version.sourcePosition() == held.sourcePosition() && held.deleted() && !version.deleted())) {
            byId.put(rowId, version);
        }
    }

    /** The newest versions that are not deletions (nor, for payments, reversals). */
    List<E> live() {
        List<E> live = new ArrayList<>();
        for (E e : byId.values()) {
            if (!e.deleted()) {
                live.add(e);
            }
        }
        return live;
    }
}
