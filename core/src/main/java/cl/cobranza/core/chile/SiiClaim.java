package cl.cobranza.core.chile;

import cl.cobranza.core.collection.InvalidWorkException;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The buyer's claim against an invoice in the SII register (Ley 19.983 art. 3): within 8 calendar days of the
 * invoice's issue (its reception, which the ERP does not record; issue is the earliest it can be); afterwards
 * the invoice counts as accepted and a disagreement is a dispute raised with the collector instead.
 */
public final class SiiClaim {
    /** Calendar days after issue in which the buyer may claim in the SII register. */
    public static final int CLAIM_DAYS = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    private SiiClaim() {
    }

    /** True when a claim made on {@code claimedOn} is within the 8 days after {@code issued} (issue day is day 0). */
    public static boolean inTime(LocalDate issued, LocalDate claimedOn) {
        long days = ChronoUnit.DAYS.between(issued, claimedOn);
        return days >= 0 && days <= CLAIM_DAYS;
    }

    /** Checks a claim's date against the invoice's issue date and today; the message says how to fix it. */
    public static void check(LocalDate issued, LocalDate claimedOn, LocalDate today) {
        if (claimedOn.isAfter(today)) {
            throw new InvalidWorkException("openedOn", "la fecha del reclamo " + DAY.format(claimedOn)
                    + " es futura; indique el día en que se reclamó en el SII");
        }
        if (!inTime(issued, claimedOn)) {
            throw new InvalidWorkException("openedOn", "un reclamo en el SII se hace dentro de " + CLAIM_DAYS
                    + " días desde la emisión (" + DAY.format(issued) + ", plazo hasta el "
                    + DAY.format(issued.plusDays(CLAIM_DAYS)) + "); fuera de plazo la factura se tiene por aceptada:"
                    + " registre la disputa con source DEBTOR");
        }
    }
}
