package cl.cobranza.core.collection;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What {@link CollectionPolicy} needs to know about one open item (an invoice): its dates and open balance, the
 * latest live promise (null when none), its payment plan status, an open dispute, the day the buyer claimed it in the
 * SII register (null when not), and whether a manager approved taking it to court.
 */
public record OpenItem(LocalDate issuedOn, LocalDate dueDate, long openClp, PromiseToPay latestPromise,
                       PlanStatus plan, boolean disputeOpen, LocalDate siiClaimOn, boolean legalApproved) {
    /** Days the buyer has to claim an invoice in the SII register; a later claim does not count (Ley 19.983). */
    public static final int SII_CLAIM_DAYS = 8;

    /** Where the item stands in a payment plan. */
    public enum PlanStatus {
        /** No plan covers the item. */
        NONE,
        /** A plan covers it and every instalment due so far is paid ({@link PaymentPlan#isUpToDate}). */
        UP_TO_DATE,
        /** A plan covers it and an instalment is overdue. */
        BEHIND;

        /**
         * The status of an item with {@code openClp} open whose plan instalments on it are {@code planPromises}
         * (the promises the plan made on this invoice): none without instalments; up to date when what is still
         * open is no more than the instalments due today or later (everything due before today was paid); behind
         * otherwise. A plan that covers less than the debt leaves the rest open, so the item stays behind and
         * collectable.
         */
        public static PlanStatus of(long openClp, java.util.List<PromiseToPay> planPromises, LocalDate asOf) {
            if (planPromises.isEmpty()) {
                return NONE;
            }
            long notYetDue = planPromises.stream().filter(p -> !p.promisedDate().isBefore(asOf))
                    .mapToLong(PromiseToPay::amountClp).sum();
            return openClp <= notYetDue ? UP_TO_DATE : BEHIND;
        }
    }

    public OpenItem {
        Objects.requireNonNull(issuedOn, "issuedOn");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(plan, "plan");
    }

    /** An item with no promise, plan, dispute, claim or approval. */
    public static OpenItem of(LocalDate issuedOn, LocalDate dueDate, long openClp) {
        return new OpenItem(issuedOn, dueDate, openClp, null, PlanStatus.NONE, false, null, false);
    }

    public OpenItem withPromise(PromiseToPay promise) {
        return new OpenItem(issuedOn, dueDate, openClp, promise, plan, disputeOpen, siiClaimOn, legalApproved);
    }

    public OpenItem withPlan(PlanStatus status) {
        return new OpenItem(issuedOn, dueDate, openClp, latestPromise, status, disputeOpen, siiClaimOn, legalApproved);
    }

    public OpenItem withDisputeOpen(boolean open) {
        return new OpenItem(issuedOn, dueDate, openClp, latestPromise, plan, open, siiClaimOn, legalApproved);
    }

    public OpenItem withSiiClaimOn(LocalDate day) {
        return new OpenItem(issuedOn, dueDate, openClp, latestPromise, plan, disputeOpen, day, legalApproved);
    }

    public OpenItem withLegalApproved(boolean approved) {
        return new OpenItem(issuedOn, dueDate, openClp, latestPromise, plan, disputeOpen, siiClaimOn, approved);
    }

    /** Claimed in the SII register within {@value #SII_CLAIM_DAYS} days of issue: a dispute in our terms. */
    public boolean claimedInSii() {
        return siiClaimOn != null && !siiClaimOn.isAfter(issuedOn.plusDays(SII_CLAIM_DAYS));
    }
}
