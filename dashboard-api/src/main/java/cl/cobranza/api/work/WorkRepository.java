package cl.cobranza.api.work;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PaymentPlan;
import cl.cobranza.core.collection.WorkRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

/**
 * Collection work in the platform PostgreSQL (schema {@code collections}): what the API records and the
 * debtor page reads back. The capture of these tables carries actions and promises to the KPIs.
 */
@Repository
class WorkRepository {
    private final JdbcClient jdbc;

    WorkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an action and returns its id. */
    long recordAction(String clientId, String invoiceId, LocalDate date, Instant contactedAt, Channel channel,
                      Outcome outcome, int minutes, String notes, String recordedBy) {
        return jdbc.sql("INSERT INTO collections.collection_actions (client_id, invoice_id, action_date, contacted_at,"
                        + " channel, outcome, agent_minutes, notes, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(clientId, invoiceId, date, contactedAt.atOffset(ZoneOffset.UTC), channel.name(), outcome.name(),
                        minutes, notes, recordedBy)
                .query(Long.class).single();
    }

    /** Inserts a promise (of a plan when {@code planId} is not null) and returns its id. */
    long recordPromise(String clientId, String invoiceId, LocalDate madeOn, LocalDate promisedDate, long amountClp,
                       Long planId, String notes, String recordedBy) {
        return jdbc.sql("INSERT INTO collections.promises (client_id, invoice_id, made_on, promised_date, amount_clp,"
                        + " plan_id, notes, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(clientId, invoiceId, madeOn, promisedDate, amountClp, planId, notes, recordedBy)
                .query(Long.class).single();
    }

    /** Inserts a plan, its instalments and the promises they make, in one transaction; returns the plan id. */
    @Transactional
    long recordPlan(PaymentPlan plan, List<WorkRules.PlannedPromise> promises, String notes, String recordedBy) {
        long planId = jdbc.sql("INSERT INTO collections.payment_plans (client_id, debtor_id, agreed_on, total_clp, notes,"
                        + " recorded_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                .params(plan.clientId(), plan.debtorId(), plan.agreedOn(), plan.totalClp(), notes, recordedBy)
                .query(Long.class).single();
        int seq = 1;
        for (PaymentPlan.Instalment in : plan.instalments()) {
            jdbc.sql("INSERT INTO collections.plan_instalments (plan_id, seq, due_date, amount_clp) VALUES (?, ?, ?, ?)")
                    .params(planId, seq++, in.dueDate(), in.amountClp()).update();
        }
        for (WorkRules.PlannedPromise p : promises) {
            recordPromise(plan.clientId(), p.invoiceId(), plan.agreedOn(), p.promisedDate(), p.amountClp(), planId,
                    notes, recordedBy);
        }
        return planId;
    }

    /** One recorded action, promise or plan as the debtor timeline shows it. */
    record Entry(String kind, LocalDate date, String invoiceId, Long amountClp, String channel, String outcome,
                 Integer minutes, LocalDate promisedDate, String notes, String recordedBy, Long planId) {
    }

    /** The actions and promises recorded on these invoices of the client, and the client's plans with the debtor. */
    List<Entry> entries(String clientId, String debtorId, Collection<String> invoiceIds) {
        List<Entry> entries = new java.util.ArrayList<>();
        if (!invoiceIds.isEmpty()) {
            entries.addAll(jdbc.sql("SELECT action_date, invoice_id, channel, outcome, agent_minutes, notes, recorded_by"
                            + " FROM collections.collection_actions WHERE client_id = :client AND invoice_id IN (:invoices)")
                    .param("client", clientId).param("invoices", invoiceIds)
                    .query((rs, n) -> new Entry("ACTION", rs.getObject("action_date", LocalDate.class),
                            rs.getString("invoice_id"), null, rs.getString("channel"), rs.getString("outcome"),
                            rs.getInt("agent_minutes"), null, rs.getString("notes"), rs.getString("recorded_by"), null))
                    .list());
            entries.addAll(jdbc.sql("SELECT made_on, invoice_id, amount_clp, promised_date, notes, recorded_by, plan_id"
                            + " FROM collections.promises WHERE client_id = :client AND invoice_id IN (:invoices)")
                    .param("client", clientId).param("invoices", invoiceIds)
                    .query((rs, n) -> new Entry("PROMISE", rs.getObject("made_on", LocalDate.class),
                            rs.getString("invoice_id"), rs.getLong("amount_clp"), null, null, null,
                            rs.getObject("promised_date", LocalDate.class), rs.getString("notes"),
                            rs.getString("recorded_by"), (Long) rs.getObject("plan_id")))
                    .list());
        }
        entries.addAll(jdbc.sql("SELECT id, agreed_on, total_clp, notes, recorded_by FROM collections.payment_plans"
                        + " WHERE client_id = :client AND debtor_id = :debtor")
                .param("client", clientId).param("debtor", debtorId)
                .query((rs, n) -> new Entry("PLAN", rs.getObject("agreed_on", LocalDate.class), null,
                        rs.getLong("total_clp"), null, null, null, null, rs.getString("notes"),
                        rs.getString("recorded_by"), rs.getLong("id")))
                .list());
        return entries;
    }
}
