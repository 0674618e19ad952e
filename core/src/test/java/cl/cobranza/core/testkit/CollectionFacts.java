package cl.cobranza.core.testkit;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.PromiseChanged;

import java.time.LocalDate;

/**
 * Test-data builders for the collector's own facts, in the style of {@link Facts}:
 * {@code action("a1").call(5).outcome(CONTACTED).on(FEB_10).to("1").at(30)},
 * {@code promise("pr1").madeOn(FEB_1).promised(FEB_10).of(300_000).to("1").at(40)}.
 */
public final class CollectionFacts {
    private CollectionFacts() {
    }

    public static ActionBuilder action(String actionId) {
        return new ActionBuilder(actionId);
    }

    public static PromiseBuilder promise(String promiseId) {
        return new PromiseBuilder(promiseId);
    }

    /** Builds {@link ActionRecorded}; defaults: an e-mail to invoice "1" on Feb 10, delivered, no agent minutes. */
    public static final class ActionBuilder {
        private final String actionId;
        private String invoiceId = "1";
        private LocalDate date = Days.FEB_10;
        private Channel channel = Channel.EMAIL;
        private Outcome outcome = Outcome.DELIVERED;
        private int minutes;
        private boolean deleted;

        private ActionBuilder(String actionId) {
            this.actionId = actionId;
        }

        public ActionBuilder via(Channel c, int agentMinutes) {
            this.channel = c;
            this.minutes = agentMinutes;
            return this;
        }

        public ActionBuilder call(int agentMinutes) {
            return via(Channel.CALL, agentMinutes);
        }

        public ActionBuilder visit(int agentMinutes) {
            return via(Channel.VISIT, agentMinutes);
        }

        public ActionBuilder outcome(Outcome o) {
            this.outcome = o;
            return this;
        }

        public ActionBuilder on(LocalDate d) {
            this.date = d;
            return this;
        }

        public ActionBuilder to(String invoice) {
            this.invoiceId = invoice;
            return this;
        }

        public ActionBuilder deleted() {
            this.deleted = true;
            return this;
        }

        public ActionRecorded at(long position) {
            return new ActionRecorded(Facts.CLIENT, actionId, invoiceId, date, channel, outcome, minutes, deleted,
                    position);
        }
    }

    /** Builds {@link PromiseChanged}; defaults: on invoice "1", made Feb 1, promised Feb 10. */
    public static final class PromiseBuilder {
        private final String promiseId;
        private String invoiceId = "1";
        private LocalDate madeOn = Days.FEB_1;
        private LocalDate promisedDate = Days.FEB_10;
        private long amount;
        private boolean deleted;

        private PromiseBuilder(String promiseId) {
            this.promiseId = promiseId;
        }

        public PromiseBuilder madeOn(LocalDate d) {
            this.madeOn = d;
            return this;
        }

        public PromiseBuilder promised(LocalDate d) {
            this.promisedDate = d;
            return this;
        }

        public PromiseBuilder of(long clp) {
            this.amount = clp;
            return this;
        }

        public PromiseBuilder to(String invoice) {
            this.invoiceId = invoice;
            return this;
        }

        public PromiseBuilder deleted() {
            this.deleted = true;
            return this;
        }

        public PromiseChanged at(long position) {
            return new PromiseChanged(Facts.CLIENT, promiseId, invoiceId, madeOn, promisedDate, amount, deleted,
                    position);
        }
    }
}
