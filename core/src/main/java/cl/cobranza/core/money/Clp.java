package cl.cobranza.core.money;

/** An amount in Chilean pesos: whole pesos in a {@code long}, since CLP has no decimal subunit. */
public record Clp(long pesos) implements Comparable<Clp> {
    public static final Clp ZERO = new Clp(0);

    public static Clp of(long pesos) {
        return new Clp(pesos);
    }

    public Clp plus(Clp other) {
        return new Clp(Math.addExact(pesos, other.pesos));
    }

    public Clp minus(Clp other) {
        return new Clp(Math.subtractExact(pesos, other.pesos));
    }

    public boolean isPositive() {
        return pesos > 0;
    }

    @Override
    public int compareTo(Clp o) {
        return Long.compare(pesos, o.pesos);
    }

    /** es-CL display: {@code $1.234.567}, negative as {@code -$1.234}. */
    @Override
    public String toString() {
        String signed = Long.toString(pesos);
        String digits = pesos < 0 ? signed.substring(1) : signed; // Math.abs(Long.MIN_VALUE) stays negative
        StringBuilder sb = new StringBuilder();
        int lead = digits.length() % 3;
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (i - lead) % 3 == 0) {
                sb.append('.');
            }
            sb.append(digits.charAt(i));
        }
        return (pesos < 0 ? "-$" : "$") + sb;
    }
}
