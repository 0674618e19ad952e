package cl.cobranza.core.collection;

import java.time.LocalDate;
import java.util.Objects;

/** A debtor's promise, made on {@code madeOn}, to pay {@code amountClp} on an invoice by {@code promisedDate}. */
public record PromiseToPay(LocalDate madeOn, LocalDate promisedDate, long amountClp) {
    public PromiseToPay {
        Objects.requireNonNull(madeOn, "madeOn");
        Objects.requireNonNull(promisedDate, "promisedDate");
    }

    /** Firm as of a day: its promised date has not passed yet (the debtor may still keep it on time). */
    public boolean isFirmOn(LocalDate asOf) {
        return !promisedDate.isBefore(asOf);
    }
}
