package cl.cobranza.core.collection;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The collection policy that puts an open invoice in a {@link Stage}, or leaves it off the worklist.
 * With d = asOf − due date (negative while not yet due):
 * <ul>
 *   <li>{@code PREVENTIVE}: −preventiveDays ≤ d ≤ 0 (due today or within the next {@code preventiveDays});</li>
 *   <li>{@code EARLY_OVERDUE}: 1 ≤ d ≤ 30, or d &gt; 30 with a firm promise (the latest live promise's
 *       promised date is not before asOf);</li>
 *   <li>{@code EXTRAJUDICIAL}: d &gt; 30 with no firm promise;</li>
 *   <li>none: nothing open, or due later than the preventive window.</li>
 * </ul>
 * {@link CollectionPolicy} builds on it: stop conditions, the legal proposal and the next action.
 */
public record CollectionStage(int preventiveDays) {
    /** Days before the due date from which an invoice is worked preventively. */
    public static final int DEFAULT_PREVENTIVE_DAYS = 5;
    /** The last day past due of early collection without a promise; from the next day it is extrajudicial. */
    public static final int EARLY_OVERDUE_MAX_DAYS = 30;

    public CollectionStage {
        if (preventiveDays < 0) {
            throw new IllegalArgumentException("preventive days must be >= 0: " + preventiveDays);
        }
    }

    /** The policy with {@value #DEFAULT_PREVENTIVE_DAYS} preventive days. */
    public static CollectionStage defaults() {
        return new CollectionStage(DEFAULT_PREVENTIVE_DAYS);
    }

    /** The stage under a policy with {@code preventiveDays}; empty when the invoice is not on the worklist. */
    public static Optional<Stage> of(LocalDate asOf, LocalDate dueDate, long openClp, PromiseToPay latestPromise,
                                     int preventiveDays) {
        return new CollectionStage(preventiveDays).stageOf(asOf, dueDate, openClp, latestPromise);
    }

    /**
     * The stage of an invoice as of a day, given its open balance and its latest live promise (null when
     * none); empty when nothing is open or it is due later than the preventive window.
     */
    public Optional<Stage> stageOf(LocalDate asOf, LocalDate dueDate, long openClp, PromiseToPay latestPromise) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(dueDate, "dueDate");
        long d = ChronoUnit.DAYS.between(dueDate, asOf);
        if (openClp <= 0 || d < -preventiveDays) {
            return Optional.empty();
        }
        if (d <= 0) {
            return Optional.of(Stage.PREVENTIVE);
        }
        if (d <= EARLY_OVERDUE_MAX_DAYS || (latestPromise != null && latestPromise.isFirmOn(asOf))) {
            return Optional.of(Stage.EARLY_OVERDUE);
        }
        return Optional.of(Stage.EXTRAJUDICIAL);
    }

    /**
     * The values of asOf − due date that an invoice in {@code stage} (or on the worklist at all, when null)
     * can have, so a store can pre-select candidates by due date; {@link #stageOf} still decides.
     */
    public DayRange daysAfterDue(Stage stage) {
        if (stage == null) {
            return new DayRange(-preventiveDays, Long.MAX_VALUE);
        }
        return switch (stage) {
            case PREVENTIVE -> new DayRange(-preventiveDays, 0);
            case EARLY_OVERDUE -> new DayRange(1, Long.MAX_VALUE);
            case EXTRAJUDICIAL -> new DayRange(EARLY_OVERDUE_MAX_DAYS + 1L, Long.MAX_VALUE);
        };
    }

    /** A closed range of days, {@code to} = {@link Long#MAX_VALUE} for no upper bound. */
    public record DayRange(long from, long to) {
    }
}
