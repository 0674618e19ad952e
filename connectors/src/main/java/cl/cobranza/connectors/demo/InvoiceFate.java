package cl.cobranza.connectors.demo;

import cl.cobranza.core.money.Iva;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static cl.cobranza.connectors.demo.DemoRandom.intBetween;

/**
 * What a debtor's behaviour makes of one invoice: whether it is disputed, whether a credit note follows, and
 * when it is paid, in what instalments. A pure function of the debtor's {@link DebtorProfile} and the invoice's
 * identity (DTE type and folio), so that the seeded history and the live steps (which read the profile back
 * from {@code demo_behaviours}) agree on every invoice without keeping any state.
 *
 * @param disputedOn  the day the buyer disputed it in the SII register (within 8 days of issue), or null
 * @param resolvedOn  the day its dispute ends (credit note or payment), or null when not disputed
 * @param creditNote  a credit note the client issues on it, or null
 * @param instalments payments in date order; each brings the paid share of (total − credit notes) up to its
 *                    {@code cumulative} fraction; the last is 1 unless the debtor never pays the rest
 */
record InvoiceFate(LocalDate disputedOn, LocalDate resolvedOn, PlannedCreditNote creditNote,
                   List<Instalment> instalments) {

    /** A credit note (DTE 61): reason 1 cancels the invoice, reason 3 corrects (lowers) its amount. */
    record PlannedCreditNote(LocalDate on, long amountClp, int reason) {
    }

    /** One planned payment; a bouncing one is a cheque that comes back and is reversed, and a later one replaces it. */
    record Instalment(LocalDate on, double cumulative, String method, boolean bounces) {
    }

    /** Days of a payment-term default when the ERP leaves the due date empty (Ley 21.131). */
    static final int DEFAULT_TERMS_DAYS = 30;

    static LocalDate effectiveDue(LocalDate issued, LocalDate dueOrNull) {
        return dueOrNull != null ? dueOrNull : issued.plusDays(DEFAULT_TERMS_DAYS);
    }

    /** The fate of invoice (dte, folio) of this debtor; {@code totalClp} sizes its credit note. */
    static InvoiceFate of(DebtorProfile p, int dte, long folio, LocalDate issued, LocalDate dueOrNull, long totalClp) {
        SplittableRandom r = new SplittableRandom(DemoRandom.mix(p.seed(), dte, folio));
        LocalDate due = effectiveDue(issued, dueOrNull);
        long terms = due.toEpochDay() - issued.toEpochDay();
        long delay = Math.round(p.meanDelayDays() + p.delaySpreadDays() * r.nextGaussian());
        delay = Math.max(p.minDelayDays(), Math.min(p.maxDelayDays(), delay));
        delay = Math.max(delay, -terms); // nobody pays before the invoice exists
        LocalDate first = due.plusDays(delay);
        if (first.getDayOfWeek() == DayOfWeek.SUNDAY && first.minusDays(1).isAfter(issued)) {
            first = first.minusDays(1); // transfers are made on Saturday rather than Sunday
        }

        LocalDate disputedOn = null;
        LocalDate resolvedOn = null;
        PlannedCreditNote note = null;
        boolean disputed = r.nextDouble() < p.disputeProbability();
        boolean correction = r.nextDouble() < 0.03; // goods returned or a price corrected, without a dispute
        boolean mistake = r.nextDouble() < 0.01;    // an invoice issued by mistake and cancelled
        if (disputed) {
            disputedOn = issued.plusDays(intBetween(r, 1, 8));
            if (r.nextDouble() < 0.6) {
                LocalDate on = disputedOn.plusDays(intBetween(r, 7, 40));
                boolean cancels = r.nextDouble() < 0.35;
                note = new PlannedCreditNote(on, cancels ? totalClp : partialCredit(dte, totalClp, 0.1 + 0.3 * r.nextDouble()),
                        cancels ? 1 : 3);
                resolvedOn = on;
                LocalDate after = on.plusDays(intBetween(r, 2, 15));
                if (after.isAfter(first)) {
                    first = after;
                }
            } else {
                first = due.plusDays(intBetween(r, 45, 120));
                resolvedOn = first;
            }
        } else if (mistake) {
            note = new PlannedCreditNote(issued.plusDays(intBetween(r, 0, 5)), totalClp, 1);
        } else if (correction) {
            note = new PlannedCreditNote(issued.plusDays(intBetween(r, 1, 20)),
                    partialCredit(dte, totalClp, 0.05 + 0.25 * r.nextDouble()), 3);
        }

        List<Instalment> plan = new ArrayList<>();
        boolean partial = r.nextDouble() < p.partialPaymentProbability();
        int parts = !partial ? 1 : p.behaviour() == DebtorBehaviour.CRONICO ? intBetween(r, 2, 3) : 2;
        // instalments stay within the behaviour's delay range (a punctual debtor pays its last part by the due
        // date); only a dispute pushes them past it
        LocalDate last = due.plusDays(p.maxDelayDays());
        if (last.isBefore(first)) {
            last = first.plusDays(45);
        }
        if (last.toEpochDay() - first.toEpochDay() < parts - 1) {
            parts = 1;
        }
        LocalDate on = first;
        double cumulative = 0;
        for (int i = 1; i <= parts; i++) {
            cumulative = i == parts ? 1.0 : cumulative + (1 - cumulative) * (0.3 + 0.4 * r.nextDouble());
            plan.add(new Instalment(on, cumulative, method(r, p), false));
            if (i < parts) {
                long room = last.toEpochDay() - on.toEpochDay();
                on = on.plusDays(Math.min(intBetween(r, 10, 45), Math.max(1, room / (parts - i))));
            }
        }

        if (p.defaultsOn() != null) {
            List<Instalment> before = new ArrayList<>();
            for (Instalment i : plan) {
                if (i.on().isBefore(p.defaultsOn())) {
                    before.add(i);
                }
            }
            if (before.size() < plan.size() && r.nextDouble() < 0.15) {
                double paid = before.isEmpty() ? 0 : before.get(before.size() - 1).cumulative();
                LocalDate abono = p.defaultsOn().plusDays(intBetween(r, 7, 90));
                if (abono.isBefore(issued)) {
                    abono = issued.plusDays(intBetween(r, 7, 30));
                }
                before.add(new Instalment(abono, paid + (1 - paid) * (0.1 + 0.2 * r.nextDouble()), "transferencia", false));
            }
            plan = before;
        }

        List<Instalment> withBounces = new ArrayList<>();
        for (Instalment i : plan) {
            if (r.nextDouble() < p.bounceProbability()) {
                withBounces.add(new Instalment(i.on(), i.cumulative(), "cheque", true));
                LocalDate again = i.on().plusDays(intBetween(r, 5, 20));
                if (p.defaultsOn() == null || again.isBefore(p.defaultsOn())) {
                    withBounces.add(new Instalment(again, i.cumulative(), "transferencia", false));
                }
            } else {
                withBounces.add(i);
            }
        }
        withBounces.sort((a, b) -> a.on().compareTo(b.on()));
        return new InvoiceFate(disputedOn, resolvedOn, note, List.copyOf(withBounces));
    }

    /** True while the invoice is in dispute on {@code day}: it leaves the collection sequence until resolved. */
    boolean inDispute(LocalDate day) {
        return disputedOn != null && !day.isBefore(disputedOn) && (resolvedOn == null || day.isBefore(resolvedOn));
    }

    /**
     * True when the buyer, on {@code day}, contests the amount: it disputes the invoice, or waits for a credit note
     * (returned goods, a price correction) due within 30 days. Reached by a collector, it says so instead of promising
     * to pay an amount it does not owe.
     */
    boolean contested(LocalDate day) {
        return inDispute(day) || (creditNote != null && !day.isAfter(creditNote.on())
                && !creditNote.on().isAfter(day.plusDays(30)));
    }

    /**
     * What the plan says should have been paid by {@code day}, given the base (total − credit notes): the
     * largest cumulative share among instalments on or before the day that do not bounce. Intermediate
     * instalments are whole thousands of pesos, as people pay them; the last pays the exact rest.
     */
    long paidTarget(LocalDate day, long baseClp) {
        double share = 0;
        for (Instalment i : instalments) {
            if (!i.on().isAfter(day) && !i.bounces()) {
                share = Math.max(share, i.cumulative());
            }
        }
        return amountOf(share, baseClp);
    }

    /** The planned instalment on {@code day} that bounces, if any. */
    Instalment bounceOn(LocalDate day) {
        for (Instalment i : instalments) {
            if (i.bounces() && i.on().equals(day)) {
                return i;
            }
        }
        return null;
    }

    /** The latest instalment on or before {@code day} (the one that is due), or null. */
    Instalment dueInstalment(LocalDate day) {
        Instalment due = null;
        for (Instalment i : instalments) {
            if (!i.on().isAfter(day) && !i.bounces()) {
                due = i;
            }
        }
        return due;
    }

    /** The first instalment after {@code day}, or null when the plan pays nothing more. */
    Instalment nextInstalment(LocalDate day) {
        for (Instalment i : instalments) {
            if (i.on().isAfter(day) && !i.bounces()) {
                return i;
            }
        }
        return null;
    }

    static long amountOf(double share, long baseClp) {
        if (share >= 1.0) {
            return baseClp;
        }
        long amount = Math.round(share * baseClp);
        return baseClp >= 20_000 ? amount / 1000 * 1000 : amount;
    }

    /**
     * A credit note for a fraction of the invoice; for a DTE 33 it is a fraction of the net plus its IVA, as the
     * credit note is itself a taxed document.
     */
    static long partialCredit(int dte, long totalClp, double fraction) {
        if (dte == 33 || dte == 56) {
            OptionalLong net = Iva.netOf(totalClp);
            if (net.isPresent()) {
                return Math.max(1, Iva.totalOf(Math.round(net.getAsLong() * fraction)));
            }
        }
        return Math.max(1, Math.round(totalClp * fraction));
    }

    private static String method(SplittableRandom r, DebtorProfile p) {
        int dice = r.nextInt(100);
        if (p.isPerson()) {
            return dice < 70 ? "transferencia" : dice < 85 ? "efectivo" : dice < 95 ? "tarjeta" : "cheque";
        }
        return dice < 72 ? "transferencia" : dice < 88 ? "cheque" : dice < 95 ? "deposito" : "vale vista";
    }
}
