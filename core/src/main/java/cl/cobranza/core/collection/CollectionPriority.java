package cl.cobranza.core.collection;

import cl.cobranza.core.money.Clp;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Worklist priority until a risk model exists: open CLP × days past due (0 while not overdue, so
 * preventive items come last), and the reason shown to the collector in Spanish (es-CL amounts).
 */
public final class CollectionPriority {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    private CollectionPriority() {
    }

    /** open CLP × max(0, days past due). */
    public static long of(long openClp, long daysPastDue) {
        return Math.multiplyExact(Math.max(0, openClp), Math.max(0, daysPastDue));
    }

    /**
     * Why the item is on the list: "$1.234.567 vencidos hace 45 días", "$80.000 vence en 3 días", followed by
     * ", promesa de $300.000 para el 15-12-2026" while the latest promise (null when none) is firm.
     */
    public static String reason(long openClp, LocalDate dueDate, LocalDate asOf, PromiseToPay latestPromise) {
        Objects.requireNonNull(dueDate, "dueDate");
        long late = ChronoUnit.DAYS.between(dueDate, asOf);
        String amount = Clp.of(openClp).toString();
        StringBuilder reason = new StringBuilder(amount);
        if (late > 0) {
            reason.append(" vencidos hace ").append(days(late));
        } else if (late == 0) {
            reason.append(" vence hoy");
        } else if (late == -1) {
            reason.append(" vence mañana");
        } else {
            reason.append(" vence en ").append(days(-late));
        }
        if (latestPromise != null && latestPromise.isFirmOn(asOf)) {
            reason.append(", promesa de ").append(Clp.of(latestPromise.amountClp()))
                    .append(" para el ").append(DAY.format(latestPromise.promisedDate()));
        }
        return reason.toString();
    }

    private static String days(long n) {
        return n == 1 ? "1 día" : n + " días";
    }
}
