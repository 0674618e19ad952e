package cl.cobranza.core.collection;

import java.time.Instant;
import java.util.Objects;

/** A contact already made with a debtor, on any of its debts: when, by which channel, and its outcome (null if unknown). */
public record PastContact(Instant at, Channel channel, Outcome outcome) {
    public PastContact {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(channel, "channel");
    }

    /** A contact whose outcome does not matter (the contact rules only count when and how). */
    public PastContact(Instant at, Channel channel) {
        this(at, channel, null);
    }
}
