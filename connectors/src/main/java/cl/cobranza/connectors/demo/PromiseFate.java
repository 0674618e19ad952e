package cl.cobranza.connectors.demo;

import java.time.LocalDate;
import java.util.SplittableRandom;

import static cl.cobranza.connectors.demo.DemoRandom.intBetween;

/**
 * Whether a debtor keeps a promise to pay, drawn with its {@link DebtorProfile#promiseKeepingProbability()} from
 * the debtor's seed and the promise's identity (invoice and day made), so that seeding and live steps agree.
 * A kept promise is paid in full within [made on, promised date]; a broken one pays nothing in the promise's
 * window (promised date + {@link #GRACE_DAYS}), sometimes a token part of it, and the debtor's plan resumes later.
 *
 * @param kept          whether the promised amount is paid in time
 * @param paysOn        the day a kept promise is paid
 * @param tokenFraction part of the promised amount a broken promise pays on its date (0: nothing)
 * @param resumesOn     the first day the debtor's ordinary plan pays again after a broken promise
 */
record PromiseFate(boolean kept, LocalDate paysOn, double tokenFraction, LocalDate resumesOn) {
    /** Days after the promised date within which a payment still keeps the promise (the KPI's default grace). */
    static final int GRACE_DAYS = 3;

    static PromiseFate of(DebtorProfile p, int dte, long folio, LocalDate madeOn, LocalDate promisedOn) {
        SplittableRandom r = new SplittableRandom(DemoRandom.mix(p.seed(), dte, folio, madeOn.toEpochDay()));
        boolean kept = r.nextDouble() < p.promiseKeepingProbability();
        int window = (int) (promisedOn.toEpochDay() - madeOn.toEpochDay());
        LocalDate paysOn = r.nextInt(100) < 60 ? promisedOn : madeOn.plusDays(intBetween(r, 0, window));
        double token = !kept && r.nextInt(100) < 25 ? 0.1 + 0.3 * r.nextDouble() : 0;
        LocalDate resumes = promisedOn.plusDays(GRACE_DAYS + 1 + r.nextInt(20));
        return new PromiseFate(kept, paysOn, token, resumes);
    }

    /** True when this (broken) promise stops the debtor's ordinary plan on {@code day}. */
    boolean holds(LocalDate madeOn, LocalDate day) {
        return !kept && !day.isBefore(madeOn) && day.isBefore(resumesOn);
    }

    /** The token payment of a broken promise of {@code promisedClp}, whole thousands when large. */
    long tokenClp(long promisedClp) {
        return tokenFraction == 0 ? 0 : Math.max(1, InvoiceFate.amountOf(tokenFraction, promisedClp));
    }
}
