package cl.cobranza.connectors.demo;

import java.time.LocalDate;
import java.util.SplittableRandom;

import static cl.cobranza.connectors.demo.DemoRandom.between;
import static cl.cobranza.connectors.demo.DemoRandom.intBetween;

/**
 * The hidden parameters of one demo debtor: its behaviour with the parameters drawn for it, and what it buys.
 * One row of {@code demo_behaviours}; with {@code seed} it determines every invoice's fate ({@link InvoiceFate}).
 *
 * @param behaviour                 how it pays
 * @param seed                      seed of the debtor's own random streams (invoice and promise fates)
 * @param size                      what kind of buyer it is; {@link Size#PERSONA} is a natural person
 * @param medianNetClp              median net amount of its invoices (log-normal around it)
 * @param amountSigma               σ of the log of its invoice amounts
 * @param termsDays                 payment terms agreed with it (0 = contado)
 * @param activity                  relative frequency of its purchases among the client's customers
 * @param exemptShare               share of its invoices that are facturas exentas (DTE 34)
 * @param meanDelayDays             mean of the days between due date and payment
 * @param delaySpreadDays           standard deviation of that delay
 * @param minDelayDays              the delay is clipped to [min, max]
 * @param maxDelayDays              the delay is clipped to [min, max]
 * @param partialPaymentProbability chance that an invoice is paid in instalments
 * @param promiseProbability        chance that a reached debtor promises to pay
 * @param promiseKeepingProbability chance that a promise to pay is kept
 * @param refusalProbability        chance that a reached debtor refuses to pay
 * @param contactability           chance that a call reaches the right person
 * @param disputeProbability        chance that an invoice is disputed
 * @param bounceProbability         chance that a payment is a cheque that bounces (protestado) and is reversed
 * @param defaultsOn                the day a {@link DebtorBehaviour#MOROSO} stopped paying; null for the others
 */
public record DebtorProfile(DebtorBehaviour behaviour, long seed, Size size, long medianNetClp, double amountSigma,
                            int termsDays, double activity, double exemptShare, double meanDelayDays,
                            double delaySpreadDays, int minDelayDays, int maxDelayDays,
                            double partialPaymentProbability, double promiseProbability,
                            double promiseKeepingProbability, double refusalProbability, double contactability,
                            double disputeProbability, double bounceProbability, LocalDate defaultsOn) {

    /** What kind of buyer a debtor is; sets its invoice amounts and terms. */
    public enum Size {
        /** A natural person (RUT below 50 million): a consumer in the sense of Ley 19.496. */
        PERSONA(80_000, 350_000),
        MICRO(150_000, 600_000),
        PEQUENA(400_000, 2_000_000),
        MEDIANA(1_500_000, 6_000_000),
        GRANDE(5_000_000, 20_000_000);

        private final long medianMin;
        private final long medianMax;

        Size(long medianMin, long medianMax) {
            this.medianMin = medianMin;
            this.medianMax = medianMax;
        }

        /** Share of a client's customers of each size, in declaration order. */
        static final double[] MIX = {0.20, 0.25, 0.30, 0.18, 0.07};
    }

    /** True for natural persons, who are consumers under Ley 19.496 (collection hours and frequency limits). */
    public boolean isPerson() {
        return size == Size.PERSONA;
    }

    /**
     * Draws a debtor's parameters for a behaviour and size from {@code seed} alone (so the same seed always
     * gives the same debtor); {@code today} anchors a defaulter's {@code defaultsOn} 20 to 150 days before it.
     */
    public static DebtorProfile draw(DebtorBehaviour behaviour, Size size, long seed, LocalDate today) {
        SplittableRandom r = new SplittableRandom(seed);
        long median = Math.round(Math.exp(Math.log(size.medianMin)
                + r.nextDouble() * (Math.log(size.medianMax) - Math.log(size.medianMin))) / 1000.0) * 1000;
        double sigma = between(r, 0.45, 0.85);
        int terms = terms(r, size);
        double activity = Math.round(Math.exp(0.5 * r.nextGaussian()) * weight(size) * 100) / 100.0;
        double exempt = r.nextInt(5) == 0 ? between(r, 0.25, 0.6) : between(r, 0.0, 0.06);
        switch (behaviour) {
            case PUNTUAL:
                return new DebtorProfile(behaviour, seed, size, median, sigma, terms, activity, exempt,
                        between(r, -6, -1), between(r, 1, 3), -30, 0, 0.02, 0.85,
                        between(r, 0.85, 0.97), 0.02, between(r, 0.75, 0.95), 0.01, 0.005, null);
            case HABITUALMENTE_ATRASADO:
                return new DebtorProfile(behaviour, seed, size, median, sigma, terms, activity, exempt,
                        between(r, 12, 25), between(r, 5, 10), 5, 40, between(r, 0.08, 0.18), 0.6,
                        between(r, 0.55, 0.75), 0.05, between(r, 0.55, 0.8), 0.02, 0.02, null);
            case CRONICO:
                return new DebtorProfile(behaviour, seed, size, median, sigma, terms, activity, exempt,
                        between(r, 80, 110), between(r, 15, 30), 60, 150, between(r, 0.4, 0.6), 0.4,
                        between(r, 0.25, 0.45), 0.15, between(r, 0.35, 0.6), 0.04, 0.04, null);
            case MOROSO:
                return new DebtorProfile(behaviour, seed, size, median, sigma, terms, activity, exempt,
                        between(r, 15, 35), between(r, 6, 12), 0, 60, between(r, 0.2, 0.35), 0.3,
                        between(r, 0.05, 0.2), 0.4, between(r, 0.15, 0.35), 0.02, 0.08,
                        today.minusDays(intBetween(r, 20, 150)));
            case DISPUTADOR:
                return new DebtorProfile(behaviour, seed, size, median, sigma, terms, activity, exempt,
                        between(r, 3, 12), between(r, 4, 8), -5, 30, between(r, 0.05, 0.1), 0.5,
                        between(r, 0.45, 0.65), 0.1, between(r, 0.6, 0.85), between(r, 0.2, 0.35), 0.02, null);
            default:
                throw new IllegalArgumentException("no parameters for behaviour " + behaviour);
        }
    }

    private static int terms(SplittableRandom r, Size size) {
        int dice = r.nextInt(100);
        if (size == Size.PERSONA) {
            return dice < 30 ? 0 : dice < 50 ? 15 : 30;
        }
        if (size == Size.GRANDE) {
            return dice < 35 ? 30 : dice < 75 ? 60 : 90;
        }
        return dice < 5 ? 0 : dice < 12 ? 15 : dice < 70 ? 30 : dice < 93 ? 60 : 90;
    }

    private static double weight(Size size) {
        switch (size) {
            case PERSONA:
                return 0.6;
            case MICRO:
                return 1.0;
            case PEQUENA:
                return 1.5;
            case MEDIANA:
                return 2.0;
            default:
                return 3.0;
        }
    }
}
