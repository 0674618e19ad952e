package cl.cobranza.api.work;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What stops or escalates collection, in the platform PostgreSQL (db/platform/V4__collection_status.sql): a
 * debtor's consumer flag override, lawsuit and insolvency; disputes per invoice; managers' legal decisions;
 * and the debtor's past contacts with their time, which Chile's consumer rules count.
 */
@Repository
class StatusRepository {
    private final JdbcClient jdbc;

    StatusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A debtor's recorded status; every field null when nothing was recorded. */
    record DebtorStatus(Boolean consumer, LocalDate lawsuitServedOn, LocalDate insolvencyOn, String updatedBy) {
        static final DebtorStatus NONE = new DebtorStatus(null, null, null, null);
    }

    /** A dispute on one invoice; {@code resolvedOn} null while open. */
    record Dispute(long id, String invoiceId, String source, LocalDate openedOn, LocalDate resolvedOn, String notes,
                   String recordedBy) {
    }

    /** A manager's decision on legal escalation for a debtor. */
    record LegalDecision(long id, String decision, long openClp, String reason, String decidedBy, LocalDate decidedOn) {
    }

    /** A past contact with the debtor: when (the recorded time, or noon of the action's day), channel, outcome. */
    record Contact(Instant at, LocalDate date, String channel, String outcome, String invoiceId) {
    }

    DebtorStatus status(String clientId, String debtorId) {
        return jdbc.sql("SELECT consumer, lawsuit_served_on, insolvency_on, updated_by FROM collections.debtor_status"
                        + " WHERE client_id = ? AND debtor_id = ?")
                .params(clientId, debtorId)
                .query((rs, n) -> new DebtorStatus((Boolean) rs.getObject("consumer"),
                        rs.getObject("lawsuit_served_on", LocalDate.class), rs.getObject("insolvency_on", LocalDate.class),
                        rs.getString("updated_by")))
                .optional().orElse(DebtorStatus.NONE);
    }

    /** The recorded statuses of these debtors of the client, by debtor id (absent: nothing recorded). */
    Map<String, DebtorStatus> statuses(String clientId, Collection<String> debtorIds) {
        Map<String, DebtorStatus> out = new HashMap<>();
        if (debtorIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT debtor_id, consumer, lawsuit_served_on, insolvency_on, updated_by FROM collections.debtor_status"
                        + " WHERE client_id = :client AND debtor_id IN (:debtors)")
                .param("client", clientId).param("debtors", debtorIds)
                .query((rs, n) -> out.put(rs.getString("debtor_id"), new DebtorStatus((Boolean) rs.getObject("consumer"),
                        rs.getObject("lawsuit_served_on", LocalDate.class), rs.getObject("insolvency_on", LocalDate.class),
                        rs.getString("updated_by"))))
                .list();
        return out;
    }

    /** The latest legal decision on each of these debtors of the client, by debtor id. */
    Map<String, LegalDecision> latestLegalDecisions(String clientId, Collection<String> debtorIds) {
        Map<String, LegalDecision> out = new HashMap<>();
        if (debtorIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT DISTINCT ON (debtor_id) debtor_id, id, decision, open_clp, reason, decided_by, decided_on"
                        + " FROM collections.legal_decisions WHERE client_id = :client AND debtor_id IN (:debtors)"
                        + " ORDER BY debtor_id, decided_at DESC, id DESC")
                .param("client", clientId).param("debtors", debtorIds)
                .query((rs, n) -> out.put(rs.getString("debtor_id"), new LegalDecision(rs.getLong("id"),
                        rs.getString("decision"), rs.getLong("open_clp"), rs.getString("reason"),
                        rs.getString("decided_by"), rs.getObject("decided_on", LocalDate.class))))
                .list();
        return out;
    }

    /** The promises payment plans made on these invoices of the client (one per instalment part), by invoice id. */
    Map<String, List<cl.cobranza.core.collection.PromiseToPay>> planPromises(String clientId, Collection<String> invoiceIds) {
        Map<String, List<cl.cobranza.core.collection.PromiseToPay>> out = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT invoice_id, made_on, promised_date, amount_clp FROM collections.promises"
                        + " WHERE client_id = :client AND invoice_id IN (:invoices) AND plan_id IS NOT NULL")
                .param("client", clientId).param("invoices", invoiceIds)
                .query((rs, n) -> out.computeIfAbsent(rs.getString("invoice_id"), k -> new java.util.ArrayList<>())
                        .add(new cl.cobranza.core.collection.PromiseToPay(rs.getObject("made_on", LocalDate.class),
                                rs.getObject("promised_date", LocalDate.class), rs.getLong("amount_clp"))))
                .list();
        return out;
    }

    /** Replaces the debtor's status. */
    void saveStatus(String clientId, String debtorId, DebtorStatus status) {
        jdbc.sql("INSERT INTO collections.debtor_status (client_id, debtor_id, consumer, lawsuit_served_on, insolvency_on,"
                        + " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, now()) ON CONFLICT (client_id, debtor_id) DO UPDATE"
                        + " SET consumer = EXCLUDED.consumer, lawsuit_served_on = EXCLUDED.lawsuit_served_on,"
                        + " insolvency_on = EXCLUDED.insolvency_on, updated_by = EXCLUDED.updated_by, updated_at = now()")
                .params(clientId, debtorId, status.consumer(), status.lawsuitServedOn(), status.insolvencyOn(),
                        status.updatedBy())
                .update();
    }

    /** The disputes on these invoices of the client, oldest first. */
    List<Dispute> disputes(String clientId, Collection<String> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, invoice_id, source, opened_on, resolved_on, notes, recorded_by FROM collections.disputes"
                        + " WHERE client_id = :client AND invoice_id IN (:invoices) ORDER BY opened_on, id")
                .param("client", clientId).param("invoices", invoiceIds)
                .query((rs, n) -> new Dispute(rs.getLong("id"), rs.getString("invoice_id"), rs.getString("source"),
                        rs.getObject("opened_on", LocalDate.class), rs.getObject("resolved_on", LocalDate.class),
                        rs.getString("notes"), rs.getString("recorded_by")))
                .list();
    }

    long openDispute(String clientId, String invoiceId, String source, LocalDate openedOn, String notes, String by) {
        return jdbc.sql("INSERT INTO collections.disputes (client_id, invoice_id, source, opened_on, notes, recorded_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
                .params(clientId, invoiceId, source, openedOn, notes, by)
                .query(Long.class).single();
    }

    Optional<Dispute> dispute(String clientId, long id) {
        return jdbc.sql("SELECT id, invoice_id, source, opened_on, resolved_on, notes, recorded_by FROM collections.disputes"
                        + " WHERE client_id = ? AND id = ?")
                .params(clientId, id)
                .query((rs, n) -> new Dispute(rs.getLong("id"), rs.getString("invoice_id"), rs.getString("source"),
                        rs.getObject("opened_on", LocalDate.class), rs.getObject("resolved_on", LocalDate.class),
                        rs.getString("notes"), rs.getString("recorded_by")))
                .optional();
    }

    void resolveDispute(String clientId, long id, LocalDate resolvedOn, String notes) {
        jdbc.sql("UPDATE collections.disputes SET resolved_on = ?, notes = COALESCE(notes || E'\\n', '') || COALESCE(?, '')"
                        + " WHERE client_id = ? AND id = ?")
                .params(resolvedOn, notes, clientId, id).update();
    }

    List<LegalDecision> legalDecisions(String clientId, String debtorId) {
        return jdbc.sql("SELECT id, decision, open_clp, reason, decided_by, decided_on FROM collections.legal_decisions"
                        + " WHERE client_id = ? AND debtor_id = ? ORDER BY decided_at, id")
                .params(clientId, debtorId)
                .query((rs, n) -> new LegalDecision(rs.getLong("id"), rs.getString("decision"), rs.getLong("open_clp"),
                        rs.getString("reason"), rs.getString("decided_by"), rs.getObject("decided_on", LocalDate.class)))
                .list();
    }

    long decideLegal(String clientId, String debtorId, String decision, long openClp, String reason, String by,
                     LocalDate on) {
        return jdbc.sql("INSERT INTO collections.legal_decisions (client_id, debtor_id, decision, open_clp, reason,"
                        + " decided_by, decided_on) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(clientId, debtorId, decision, openClp, reason, by, on)
                .query(Long.class).single();
    }

    /** Debtors (as {@code WorklistStops} keys) served with a lawsuit or in insolvency on or before {@code asOf}. */
    java.util.Set<String> stoppedDebtors(LocalDate asOf) {
        return new java.util.HashSet<>(jdbc.sql("SELECT client_id, debtor_id FROM collections.debtor_status"
                        + " WHERE lawsuit_served_on <= ? OR insolvency_on <= ?")
                .params(asOf, asOf)
                .query((rs, n) -> cl.cobranza.warehouse.WorklistStops.key(rs.getString(1), rs.getString(2))).list());
    }

    /** Invoices (as {@code WorklistStops} keys) with an open dispute. */
    java.util.Set<String> disputedInvoices() {
        return new java.util.HashSet<>(jdbc.sql("SELECT DISTINCT client_id, invoice_id FROM collections.disputes"
                        + " WHERE resolved_on IS NULL")
                .query((rs, n) -> cl.cobranza.warehouse.WorklistStops.key(rs.getString(1), rs.getString(2))).list());
    }

    /** The debtor's contacts on these invoices of the client since {@code from} (inclusive), oldest first. */
    List<Contact> contacts(String clientId, Collection<String> invoiceIds, LocalDate from) {
        if (invoiceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT contacted_at, action_date, channel, outcome, invoice_id FROM collections.collection_actions"
                        + " WHERE client_id = :client AND invoice_id IN (:invoices) AND action_date >= :from"
                        + " ORDER BY action_date, contacted_at NULLS FIRST, id")
                .param("client", clientId).param("invoices", invoiceIds).param("from", from)
                .query((rs, n) -> {
                    OffsetDateTime at = rs.getObject("contacted_at", OffsetDateTime.class);
                    return new Contact(at == null ? null : at.toInstant(), rs.getObject("action_date", LocalDate.class),
                            rs.getString("channel"), rs.getString("outcome"), rs.getString("invoice_id"));
                })
                .list();
    }
}
