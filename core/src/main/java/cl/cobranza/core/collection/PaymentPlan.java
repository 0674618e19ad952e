package cl.cobranza.core.collection;

import java.time.LocalDate;
import java.util.List;

/** A negotiated payment plan for a debtor's invoices: instalments of whole CLP on dates, in date order. */
public record PaymentPlan(String clientId, String planId, String debtorId, List<String> invoiceIds,
                          LocalDate agreedOn, List<Instalment> instalments) {
    /** One instalment: an amount due on a date. */
    public record Instalment(LocalDate dueDate, long amountClp) {
    }

    public PaymentPlan {
        invoiceIds = List.copyOf(invoiceIds);
        instalments = List.copyOf(instalments);
        for (int i = 0; i < instalments.size(); i++) {
            Instalment in = instalments.get(i);
            if (in.amountClp() <= 0) {
                throw new IllegalArgumentException("instalment " + (i + 1) + " amount must be positive");
            }
            if (in.dueDate().isBefore(agreedOn)) {
                throw new IllegalArgumentException("instalment " + (i + 1) + " is due before the plan was agreed");
            }
            if (i > 0 && in.dueDate().isBefore(instalments.get(i - 1).dueDate())) {
                throw new IllegalArgumentException("instalments must be in date order");
            }
        }
    }

    public long totalClp() {
        return instalments.stream().mapToLong(Instalment::amountClp).sum();
    }

    /** Each instalment is also a promise: the amount due by its date. */
    public long dueByClp(LocalDate day) {
        return instalments.stream().filter(i -> !i.dueDate().isAfter(day)).mapToLong(Instalment::amountClp).sum();
    }

    /** Up to date on a day when what was paid towards the plan covers every instalment due by then. */
    public boolean isUpToDate(LocalDate day, long paidClp) {
        return paidClp >= dueByClp(day);
    }
}
