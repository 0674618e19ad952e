package cl.cobranza.launcher;

/**
 * Query latency at scale (issue 7, item 4): bulk-loads N invoices over 1,000 clients into the warehouse and into a
 * PostgreSQL ERP-shaped database, measures the dashboard endpoints under concurrent users and the same KPIs computed
 * with SQL on PostgreSQL, and prints p50/p95/p99 and the ratio. Work in progress.
 */
public final class ScaleProbe {
    private ScaleProbe() {
    }

    public static void main(String[] args) throws Exception {
        throw new UnsupportedOperationException("not yet");
    }
}
