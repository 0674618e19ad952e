package cl.cobranza.connectors.demo;

/**
 * How a demo debtor pays: the hidden truth behind its payments, disputes and promises, recorded per customer in
 * the ERP's {@code demo_behaviours} table (never captured) so that a risk model can be scored against it.
 * Delays are days after the due date (negative: before it); each debtor draws its own parameters within the
 * ranges below ({@link DebtorProfile#draw}).
 *
 * <table>
 * <caption>Parameter ranges per behaviour</caption>
 * <tr><th>behaviour</th><th>delay mean (spread), clipped to</th><th>partial</th><th>promises kept</th>
 *     <th>contactability</th><th>disputes</th><th>cheques bounced</th></tr>
 * <tr><td>PUNTUAL</td><td>−6…−1 (1–3), [−30, 0]</td><td>2 %</td><td>85–97 %</td><td>75–95 %</td><td>1 %</td><td>0,5 %</td></tr>
 * <tr><td>HABITUALMENTE_ATRASADO</td><td>12…25 (5–10), [5, 40]</td><td>8–18 %</td><td>55–75 %</td><td>55–80 %</td><td>2 %</td><td>2 %</td></tr>
 * <tr><td>CRONICO</td><td>80…110 (15–30), [60, 150]</td><td>40–60 %</td><td>25–45 %</td><td>35–60 %</td><td>4 %</td><td>4 %</td></tr>
 * <tr><td>MOROSO</td><td>15…35 (6–12), [0, 60] until {@code defaults_on}, then nothing</td><td>20–35 %</td><td>5–20 %</td><td>15–35 %</td><td>2 %</td><td>8 %</td></tr>
 * <tr><td>DISPUTADOR</td><td>3…12 (4–8), [−5, 30]</td><td>5–10 %</td><td>45–65 %</td><td>60–85 %</td><td>20–35 %</td><td>2 %</td></tr>
 * </table>
 */
public enum DebtorBehaviour {
    /** Pays on or before the due date. */
    PUNTUAL,
    /** Pays, but 5 to 40 days late. */
    HABITUALMENTE_ATRASADO,
    /** Pays 60 to 150 days late, often in instalments. */
    CRONICO,
    /** Paid late until the day it stopped paying ({@code defaults_on}); after it, at most a small part now and then. */
    MOROSO,
    /** Pays fairly soon, but disputes some invoices: they end with a credit note (partial or cancelling) or a long delay. */
    DISPUTADOR;

    /** Share of a client's customers with each behaviour, in declaration order. */
    static final double[] MIX = {0.35, 0.30, 0.12, 0.08, 0.15};
}
