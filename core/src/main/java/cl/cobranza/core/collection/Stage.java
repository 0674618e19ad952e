package cl.cobranza.core.collection;

/** Where an open invoice stands in the collection process; decided by {@link CollectionStage}. */
public enum Stage {
    /** Not due yet but due soon: a reminder before it becomes overdue. */
    PREVENTIVE,
    /** Recently overdue, or long overdue with a firm promise to pay: friendly collection. */
    EARLY_OVERDUE,
    /** Long overdue with no firm promise: out-of-court (extrajudicial) collection. */
    EXTRAJUDICIAL
}
