package cl.cobranza.api.work;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.DebtorStatus;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PastContact;
import cl.cobranza.warehouse.DebtorName;
import cl.cobranza.warehouse.TenantScope;
import cl.cobranza.warehouse.WorklistQueries;
import cl.cobranza.warehouse.WorklistStops;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
        return build(status.status(clientId, debtorId), rut, invoiceIds,
                status.contacts(clientId, invoiceIds, LocalDate.now(clock).minusDays(CONTACT_DAYS)),
                status.disputes(clientId, invoiceIds), zone);
    }

    /**
     * The contexts of many debtors at once, by {@link WorklistStops#key} of client and debtor, in a few reads per
     * client (one warehouse query for all the debtors' invoices, one each for statuses, contacts and disputes).
     */
    Map<String, Context> of(TenantScope scope, Map<String, String> rutByDebtorKey, ZoneId zone) {
        Map<String, List<String>> invoiceIds = worklists.invoiceIdsByDebtor(scope, rutByDebtorKey.keySet());
        Map<String, Set<String>> debtorsByClient = new HashMap<>();
        for (String key : rutByDebtorKey.keySet()) {
            int cut = key.indexOf('\u0000');
            debtorsByClient.computeIfAbsent(key.substring(0, cut), c -> new HashSet<>()).add(key.substring(cut + 1));
        }
        LocalDate from = LocalDate.now(clock).minusDays(CONTACT_DAYS);
        Map<String, Context> out = new HashMap<>();
        debtorsByClient.forEach((client, debtors) -> {
            List<String> clientInvoices = new ArrayList<>();
            debtors.forEach(d -> clientInvoices.addAll(invoiceIds.getOrDefault(WorklistStops.key(client, d), List.of())));
            Map<String, StatusRepository.DebtorStatus> statuses = status.statuses(client, debtors);
            Map<String, List<StatusRepository.Contact>> contacts = status.contacts(client, clientInvoices, from).stream()
                    .collect(Collectors.groupingBy(StatusRepository.Contact::invoiceId));
            Map<String, List<StatusRepository.Dispute>> disputes = status.disputes(client, clientInvoices).stream()
                    .collect(Collectors.groupingBy(StatusRepository.Dispute::invoiceId));
            for (String d : debtors) {
                String key = WorklistStops.key(client, d);
                List<String> ids = invoiceIds.getOrDefault(key, List.of());
                out.put(key, build(statuses.getOrDefault(d, StatusRepository.DebtorStatus.NONE), rutByDebtorKey.get(key), ids,
                        ids.stream().flatMap(i -> contacts.getOrDefault(i, List.of()).stream()).toList(),
                        ids.stream().flatMap(i -> disputes.getOrDefault(i, List.of()).stream()).toList(), zone));
            }
        });
        return out;
    }

    private static Context build(StatusRepository.DebtorStatus recorded, String rut, List<String> invoiceIds,
                                 List<StatusRepository.Contact> contactRows, List<StatusRepository.Dispute> disputes,
                                 ZoneId zone) {
        boolean consumer = recorded.consumer() != null ? recorded.consumer() : consumerByRut(rut);
        List<PastContact> contacts = new ArrayList<>();
        for (StatusRepository.Contact c : contactRows) {
            Channel channel = Channel.parse(c.channel());
            if (channel != null) {
                contacts.add(new PastContact(c.at() != null ? c.at() : c.date().atTime(LocalTime.NOON).atZone(zone).toInstant(),
                        channel, Outcome.parse(c.outcome())));
            }
        }
        contacts.sort(java.util.Comparator.comparing(PastContact::at));
        Set<String> disputed = disputes.stream().filter(d -> d.resolvedOn() == null)
                .map(StatusRepository.Dispute::invoiceId).collect(Collectors.toSet());
        return new Context(new DebtorStatus(consumer, recorded.lawsuitServedOn(), recorded.insolvencyOn()),
                recorded.consumer() == null, contacts, disputed, invoiceIds);
    }

    /** The consumer default of a RUT (core's {@link DebtorStatus#consumerByRut}). */
    static boolean consumerByRut(String rut) {
        return DebtorStatus.consumerByRut(rut);
    }
}
