package cl.cobranza.core.normalize;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.PromiseChanged;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps the platform's own tables ({@code collections.collection_actions}, {@code collections.promises},
 * see {@code db/platform/V1__collections.sql}) to canonical events. One database holds every client's
 * records, so the client is the row's {@code client_id}, not the capture's source name.
 */
public final class PlatformNormalizer implements Normalizer {
    /** The source name of the platform's capture: its topics are {@code raw.platform.collections.<table>}. */
    public static final String SOURCE = "platform";
    /** The PostgreSQL schema of the platform's collection records. */
    public static final String SCHEMA = "collections";
    /** More agent time than a working day on one action is a typo, not work. */
    public static final int MAX_AGENT_MINUTES = 600;

    @Override
    public List<CanonicalEvent> normalize(RawChange c) {
        if (c.op() != 'c' && c.op() != 'u' && c.op() != 'd' && c.op() != 'r') {
            throw new RejectedRowException("op", "unsupported change operation '" + c.op()
                    + "': expected c, u, d or r (truncate is not replayable; resnapshot the source instead)");
        }
        if (c.table() == null) {
            throw new RejectedRowException("table", "the change names no table");
        }
        if (!SCHEMA.equals(c.schema()) || (!c.table().equals("collection_actions") && !c.table().equals("promises"))) {
            throw new RejectedRowException("table", "table '" + c.schema() + "." + c.table()
                    + "' is not a platform table: capture only collections.collection_actions and collections.promises");
        }
        Map<String, Object> row = c.row();
        if (row == null) {
            throw new RejectedRowException(c.isDelete() ? "before" : "after",
                    "no row image: set REPLICA IDENTITY FULL on " + SCHEMA + "." + c.table());
        }
        boolean actions = c.table().equals("collection_actions");
        CanonicalEvent current = actions ? action(c, row, c.isDelete()) : promise(c, row, c.isDelete());
        if (!movedToAnotherInvoice(c)) {
            return List.of(current);
        }
        // the old (client, invoice) must forget the row before the new one learns it
        CanonicalEvent retraction = actions ? action(c, c.before(), true) : promise(c, c.before(), true);
        return List.of(retraction, current);
    }

    private static boolean movedToAnotherInvoice(RawChange c) {
        if (c.op() != 'u' || c.before() == null || c.before().get("invoice_id") == null
                || c.before().get("client_id") == null) {
            return false;
        }
        return !Objects.equals(String.valueOf(c.before().get("invoice_id")).trim(),
                String.valueOf(c.after().get("invoice_id")).trim())
                || !Objects.equals(String.valueOf(c.before().get("client_id")).trim(),
                String.valueOf(c.after().get("client_id")).trim());
    }

    private static ActionRecorded action(RawChange c, Map<String, Object> row, boolean deleted) {
        String client = clientId(row);
        String id = Long.toString(Fields.requireLong(row, "id"));
        String invoice = Fields.requireText(row, "invoice_id");
        LocalDate date = Fields.requireDate(row, "action_date");
        String channelText = Fields.requireText(row, "channel");
        Channel channel = Channel.parse(channelText);
        if (channel == null) {
            throw new RejectedRowException("channel", "unknown channel '" + channelText + "': expected one of "
                    + Arrays.toString(Channel.values()));
        }
        String outcomeText = Fields.requireText(row, "outcome");
        Outcome outcome = Outcome.parse(outcomeText);
        if (outcome == null) {
            throw new RejectedRowException("outcome", "unknown outcome '" + outcomeText + "': expected one of "
                    + Arrays.toString(Outcome.values()));
        }
        int minutes = Fields.requireInt(row, "agent_minutes");
        if (minutes < 0) {
            throw new RejectedRowException("agent_minutes", "negative agent minutes " + minutes
                    + ": record the minutes the agent spent, 0 when none");
        }
        if (minutes > MAX_AGENT_MINUTES) {
            throw new RejectedRowException("agent_minutes", minutes + " agent minutes on one action is more than "
                    + MAX_AGENT_MINUTES + " (10 hours): correct the minutes, or record each day's work as its own action");
        }
        return new ActionRecorded(client, id, invoice, date, channel, outcome, minutes, deleted, c.position());
    }

    private static PromiseChanged promise(RawChange c, Map<String, Object> row, boolean deleted) {
        String client = clientId(row);
        String id = Long.toString(Fields.requireLong(row, "id"));
        String invoice = Fields.requireText(row, "invoice_id");
        LocalDate madeOn = Fields.requireDate(row, "made_on");
        LocalDate promised = Fields.requireDate(row, "promised_date");
        if (promised.isBefore(madeOn)) {
            throw new RejectedRowException("promised_date", "promised date " + promised + " is before the promise was made on "
                    + madeOn + ": a promise is to pay on or after the day it is made; correct either date");
        }
        requirePositive(row, "amount_clp");
        return new PromiseChanged(client, id, invoice, madeOn, promised, Fields.requireClp(row, "amount_clp"), deleted,
                c.position());
    }

    private static String clientId(Map<String, Object> row) {
        Object v = row.get("client_id");
        if (v == null || v.toString().isBlank()) {
            throw new RejectedRowException("client_id", "missing: every platform row must name the client it"
                    + " belongs to; set client_id to the client's id");
        }
        return v.toString().trim();
    }

    /** Zero and negative promises are rejected here; non-numbers and fractions by {@link Fields#requireClp}. */
    private static void requirePositive(Map<String, Object> row, String field) {
        Object v = Fields.require(row, field);
        BigDecimal amount;
        try {
            amount = new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            return;
        }
        if (amount.signum() <= 0) {
            throw new RejectedRowException(field, "promised amount " + amount.toPlainString()
                    + " is not positive: a promise is for at least 1 peso; delete the promise instead of zeroing it");
        }
    }
}
