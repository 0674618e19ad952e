package cl.cobranza.api.work;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.DebtorStatus;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PastContact;
import cl.cobranza.warehouse.DebtorName;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.WorklistQueries;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Gathers what the collection policy and the contact rules need about one debtor of one client: its status
 * (the recorded consumer flag, else the RUT's default; lawsuit; insolvency), its invoices' open disputes, and
 * its recent contacts across all its debts with the client.
 */
@Component
class DebtorContexts {
    /** How far back contacts are read: the rules look at most one week back. */
    private static final int CONTACT_DAYS = 14;

    private final StatusRepository status;
    private final WorklistQueries worklists;
    private final Clock clock;

    DebtorContexts(StatusRepository status, WorklistQueries worklists, Clock clock) {
        this.status = status;
        this.worklists = worklists;
        this.clock = clock;
    }

    /** One debtor's context; {@code invoiceIds} are all its live invoices with the client. */
    record Context(DebtorStatus status, boolean consumerFromRut, List<PastContact> contacts,
                   Set<String> disputedInvoices, List<String> invoiceIds) {
    }

    Context of(TenantScope scope, String clientId, String debtorId, ZoneId zone) {
        String rut = worklists.debtor(scope, clientId, debtorId).map(DebtorName::rut).orElse("");
        List<String> invoiceIds = worklists.debtorInvoices(scope, clientId, debtorId, LocalDate.now(clock)).stream()
                .map(i -> i.invoiceId()).toList();
        StatusRepository.DebtorStatus recorded = status.status(clientId, debtorId);
        boolean consumer = recorded.consumer() != null ? recorded.consumer() : consumerByRut(rut);
        List<PastContact> contacts = new ArrayList<>();
        for (StatusRepository.Contact c : status.contacts(clientId, invoiceIds, LocalDate.now(clock).minusDays(CONTACT_DAYS))) {
            Channel channel = Channel.parse(c.channel());
            if (channel != null) {
                contacts.add(new PastContact(c.at() != null ? c.at() : c.date().atTime(LocalTime.NOON).atZone(zone).toInstant(),
                        channel, Outcome.parse(c.outcome())));
            }
        }
        Set<String> disputed = status.disputes(clientId, invoiceIds).stream().filter(d -> d.resolvedOn() == null)
                .map(StatusRepository.Dispute::invoiceId).collect(Collectors.toSet());
        return new Context(new DebtorStatus(consumer, recorded.lawsuitServedOn(), recorded.insolvencyOn()),
                recorded.consumer() == null, contacts, disputed, invoiceIds);
    }

    /** The consumer default of a RUT (core's {@link DebtorStatus#consumerByRut}). */
    static boolean consumerByRut(String rut) {
        return DebtorStatus.consumerByRut(rut);
    }
}
