package cl.cobranza.core.events;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;

import java.time.LocalDate;

/** A collection action on one invoice (a call, message, visit, letter, legal filing) with its outcome, or its deletion. */
public record ActionRecorded(String clientId, String actionId, String invoiceId, LocalDate actionDate, Channel channel,
                             Outcome outcome, int agentMinutes, boolean deleted, long sourcePosition)
        implements CanonicalEvent {
}
