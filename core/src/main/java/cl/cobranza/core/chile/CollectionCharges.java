package cl.cobranza.core.chile;

import cl.cobranza.core.money.Clp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The most a consumer may be charged for extrajudicial collection (Ley 19.496 art. 37, as amended by
 * Ley 21.320): nothing until the debt is more than {@value #MIN_DAYS_OVERDUE} days overdue; then 9% of the
 * overdue amount up to 10 UF, 6% of the part between 10 and 50 UF and 3% of the part above 50 UF, with the UF
 * of the charge date. The cap is rounded down to whole pesos, so the debtor never pays more than the law allows.
 * This limits what is passed on to the debtor; the agency's fee to its client is a separate matter.
 */
public final class CollectionCharges {
    /** Charges may be passed on only from the day after this many days overdue (day 21). */
    public static final int MIN_DAYS_OVERDUE = 20;
    /** The legal source named with every cap. */
    public static final String SOURCE = "Ley 19.496 art. 37, modificada por Ley 21.320";

    private static final BigDecimal TEN = BigDecimal.valueOf(10);
    private static final BigDecimal FIFTY = BigDecimal.valueOf(50);
    private static final BigDecimal RATE_1 = new BigDecimal("0.09");
    private static final BigDecimal RATE_2 = new BigDecimal("0.06");
    private static final BigDecimal RATE_3 = new BigDecimal("0.03");

    private final UfTable uf;

    public CollectionCharges(UfTable uf) {
        this.uf = Objects.requireNonNull(uf, "uf");
    }

    /**
     * The cap on charges for an overdue amount that is {@code daysOverdue} days past due on {@code chargeDate}:
     * zero up to day {@value #MIN_DAYS_OVERDUE}, the tiered percentage from day 21.
     */
    public Clp cap(long overdueClp, long daysOverdue, LocalDate chargeDate) {
        if (daysOverdue <= MIN_DAYS_OVERDUE) {
            return Clp.ZERO;
        }
        return tieredCap(overdueClp, chargeDate);
    }

    /** The tiered cap alone (ignoring the 20-day wait), rounded down to whole pesos. */
    public Clp tieredCap(long overdueClp, LocalDate chargeDate) {
        if (overdueClp < 0) {
            throw new IllegalArgumentException("el monto vencido no puede ser negativo: " + overdueClp);
        }
        BigDecimal amount = BigDecimal.valueOf(overdueClp);
        BigDecimal ufClp = uf.valueOn(chargeDate);
        BigDecimal edge10 = ufClp.multiply(TEN);
        BigDecimal edge50 = ufClp.multiply(FIFTY);
        BigDecimal part1 = amount.min(edge10);
        BigDecimal part2 = amount.min(edge50).subtract(edge10).max(BigDecimal.ZERO);
        BigDecimal part3 = amount.subtract(edge50).max(BigDecimal.ZERO);
        BigDecimal exact = part1.multiply(RATE_1).add(part2.multiply(RATE_2)).add(part3.multiply(RATE_3));
        return Clp.of(exact.setScale(0, RoundingMode.FLOOR).longValueExact());
    }
}
