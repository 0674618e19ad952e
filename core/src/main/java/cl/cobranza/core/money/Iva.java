package cl.cobranza.core.money;

import java.util.OptionalLong;

/**
 * IVA (impuesto al valor agregado, 19 %) on a factura afecta (DTE 33): total = net + IVA with the tax
 * rounded half up to whole pesos, as the SII computes {@code MntTotal} from {@code MntNeto}.
 */
public final class Iva {
    /** The IVA rate in percent. */
    public static final int RATE_PERCENT = 19;

    private Iva() {
    }

    /** The IVA of a net amount, rounded half up to whole pesos: $100.000 → $19.000, $1 → $0, $3 → $1. */
    public static long taxOf(long netClp) {
        requireNonNegative(netClp, "net");
        return Math.addExact(Math.multiplyExact(netClp, RATE_PERCENT), 50) / 100;
    }

    /** The total of a DTE 33 with this net amount: net + IVA. */
    public static long totalOf(long netClp) {
        return Math.addExact(netClp, taxOf(netClp));
    }

    /**
     * The net amount whose total is {@code totalClp}, or empty when no whole net gives that total (about one
     * total in six cannot come from a DTE 33, since totals step by $1,19).
     */
    public static OptionalLong netOf(long totalClp) {
        requireNonNegative(totalClp, "total");
        long guess = Math.multiplyExact(totalClp, 100) / (100 + RATE_PERCENT);
        for (long net = Math.max(0, guess - 1); net <= guess + 1; net++) {
            if (totalOf(net) == totalClp) {
                return OptionalLong.of(net);
            }
        }
        return OptionalLong.empty();
    }

    private static void requireNonNegative(long clp, String what) {
        if (clp < 0) {
            throw new IllegalArgumentException(what + " amount " + clp + " is negative: IVA applies to amounts of 0 or more");
        }
    }
}
