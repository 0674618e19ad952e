package cl.cobranza.warehouse;

import java.util.List;

/** The first items of a worklist, highest priority first, and how many items matched before the limit. */
public record WorklistPage(List<WorklistItem> items, long total) {
    public WorklistPage {
        items = List.copyOf(items);
    }
}
