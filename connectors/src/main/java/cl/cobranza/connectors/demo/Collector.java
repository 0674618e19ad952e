package cl.cobranza.connectors.demo;

import cl.cobranza.core.money.Clp;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.random.RandomGenerator;

import static cl.cobranza.connectors.demo.DemoRandom.intBetween;
import static cl.cobranza.connectors.demo.DemoRandom.pick;

/**
 * The demo agency's routine on one debtor on one day: which overdue invoice to work, by which channel, and what
 * the debtor answers given its hidden {@link DebtorProfile}. Keeps to Ley 19.496 for every debtor: Monday to
 * Saturday, no holidays, at most one call or visit per 7 days, at most two other contacts per 7 days and two
 * days apart, no contact after a lawsuit is filed.
 */
final class Collector {
    private static final DateTimeFormatter ES_CL = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    static final String[] AGENTS = {"mgonzalez", "jrojas", "pmunoz", "csilva", "fvaldes"};
    /** A debtor owing at least this, 120 days past due and silent for 60 days, is sued. */
    static final long LAWSUIT_MIN_CLP = 1_500_000;
    private static final String[] DISPUTES = {"Cliente reclamó la factura en el SII: mercadería llegó dañada",
            "Disputa: precio distinto al de la orden de compra", "Disputa: servicio no se prestó completo",
            "Cliente indica que la factura no corresponde a lo despachado"};
    private static final String[] REFUSALS = {"Indica que no tiene fondos y no se compromete a pagar",
            "Se niega a pagar por ahora", "Derivado a gerencia, sin compromiso de pago"};
    private static final String[] CONTACTS = {"Indica que la factura está en proceso de pago",
            "Pide reenviar la factura por correo", "Contacto con encargado de pagos, sin fecha",
            "Solicita estado de cuenta"};

    private Collector() {
    }

    /**
     * What the collector knows on the day about one of the debtor's overdue invoices; {@code inDispute}: the debtor
     * contests it (disputes it, or waits for a credit note) and will say so when reached.
     */
    record Overdue(int invoice, long daysPastDue, long openClp, boolean inDispute, LocalDate nextPlannedPayment) {
    }

    /** The debtor's recent contacts, as the frequency rules need them. */
    record Contacts(LocalDate lastTalk, LocalDate lastMessage, LocalDate previousMessage, LocalDate lastLetter,
                    LocalDate lastPayment, boolean sued) {
        static final Contacts NONE = new Contacts(null, null, null, null, null, false);

        Contacts after(String channel, LocalDate day) {
            if (channel.equals("CALL") || channel.equals("VISIT")) {
                return new Contacts(day, lastMessage, previousMessage, lastLetter, lastPayment, sued);
            }
            if (channel.equals("LEGAL_FILING")) {
                return new Contacts(lastTalk, lastMessage, previousMessage, lastLetter, lastPayment, true);
            }
            return new Contacts(lastTalk, day, lastMessage, channel.equals("LETTER") ? day : lastLetter, lastPayment, sued);
        }

        Contacts paid(LocalDate day) {
            return new Contacts(lastTalk, lastMessage, previousMessage, lastLetter, day, sued);
        }
    }

    /** One action: the invoice worked, channel, outcome, agent minutes and note; a promise when one was made. */
    record Decision(Overdue target, String channel, String outcome, int minutes, String notes, LocalDate promisedOn,
                    long promisedClp) {
        boolean promised() {
            return promisedOn != null;
        }
    }

    /** The agent who holds a debtor's account. */
    static String agentOf(DebtorProfile p) {
        return AGENTS[(int) Math.floorMod(p.seed(), (long) AGENTS.length)];
    }

    /**
     * Today's action on the debtor, or null when there is none: nothing workable overdue, not a collection day,
     * a frequency limit, or simply no time for it today ({@code capacity} is the chance the agent gets to it).
     */
    static Decision decide(DebtorProfile p, boolean hasEmail, List<Overdue> workable, Contacts contacts, LocalDate day,
                           double capacity, RandomGenerator r) {
        if (workable.isEmpty() || contacts.sued() || !DemoCalendar.isCollectionDay(day) || r.nextDouble() >= capacity) {
            return null;
        }
        Overdue target = workable.get(0);
        long owed = 0;
        for (Overdue o : workable) {
            owed += o.openClp();
            if (o.daysPastDue() > target.daysPastDue()
                    || (o.daysPastDue() == target.daysPastDue() && o.openClp() > target.openClp())) {
                target = o;
            }
        }
        long dpd = target.daysPastDue();
        boolean silent = contacts.lastPayment() == null || days(contacts.lastPayment(), day) >= 60;
        if (dpd >= 120 && owed >= LAWSUIT_MIN_CLP && silent && r.nextInt(100) < 30) {
            return new Decision(target, "LEGAL_FILING", "DELIVERED", intBetween(r, 90, 240),
                    "Demanda ingresada: juicio ejecutivo de cobro de facturas por " + new Clp(owed), null, 0);
        }
        boolean talkAllowed = contacts.lastTalk() == null || days(contacts.lastTalk(), day) >= 7;
        boolean messageAllowed = (contacts.lastMessage() == null || days(contacts.lastMessage(), day) >= 4)
                && (contacts.previousMessage() == null || days(contacts.previousMessage(), day) >= 7);
        if (talkAllowed && dpd >= 10) {
            boolean visit = dpd >= 45 && owed >= 800_000 && !p.isPerson() && r.nextInt(100) < 25;
            return talk(p, target, visit ? "VISIT" : "CALL", day, r);
        }
        if (messageAllowed) {
            String channel;
            if (dpd >= 60 && (contacts.lastLetter() == null || days(contacts.lastLetter(), day) >= 30)) {
                channel = "LETTER";
            } else if (hasEmail && (dpd < 10 || r.nextInt(100) < 40)) {
                channel = "EMAIL";
            } else {
                channel = r.nextInt(100) < 65 ? "WHATSAPP" : "SMS";
            }
            return message(p, target, channel, day, r);
        }
        return null;
    }

    private static Decision talk(DebtorProfile p, Overdue target, String channel, LocalDate day, RandomGenerator r) {
        boolean visit = channel.equals("VISIT");
        boolean reached = r.nextDouble() < (visit ? Math.min(0.95, p.contactability() + 0.25) : p.contactability());
        if (!reached) {
            int dice = r.nextInt(100);
            if (visit) {
                return dice < 75 ? new Decision(target, channel, "NO_ANSWER", intBetween(r, 20, 40), "Visita: nadie atiende", null, 0)
                        : new Decision(target, channel, "WRONG_PARTY", intBetween(r, 20, 40),
                        "Visita: atiende un tercero, no se entrega información", null, 0);
            }
            return dice < 55 ? new Decision(target, channel, "NO_ANSWER", 0, "No contesta", null, 0)
                    : dice < 90 ? new Decision(target, channel, "MESSAGE_LEFT", 1, "Buzón de voz: se deja mensaje", null, 0)
                    : new Decision(target, channel, "WRONG_PARTY", intBetween(r, 1, 2),
                    "Contesta un tercero; no se entrega información", null, 0);
        }
        int base = visit ? intBetween(r, 25, 60) : 0;
        if (target.inDispute()) {
            return new Decision(target, channel, "DISPUTED", base + intBetween(r, 6, 15), pick(r, DISPUTES), null, 0);
        }
        double x = r.nextDouble();
        if (x < p.promiseProbability()) {
            return promise(p, target, channel, "PROMISED_TO_PAY", base + intBetween(r, 4, 12), day, r);
        }
        if (x < p.promiseProbability() + p.refusalProbability()) {
            return new Decision(target, channel, "REFUSED", base + intBetween(r, 2, 6), pick(r, REFUSALS), null, 0);
        }
        return new Decision(target, channel, "CONTACTED", base + intBetween(r, 2, 8), pick(r, CONTACTS), null, 0);
    }

    private static Decision message(DebtorProfile p, Overdue target, String channel, LocalDate day, RandomGenerator r) {
        long dpd = target.daysPastDue();
        switch (channel) {
            case "LETTER":
                return r.nextInt(100) < 8
                        ? new Decision(target, channel, "BOUNCED", intBetween(r, 3, 8), "Carta devuelta: dirección no existe", null, 0)
                        : new Decision(target, channel, "DELIVERED", intBetween(r, 3, 8), "Carta de cobranza enviada", null, 0);
            case "EMAIL": {
                int bounce = p.behaviour() == DebtorBehaviour.MOROSO ? 18 : 3;
                if (r.nextInt(100) < bounce) {
                    return new Decision(target, channel, "BOUNCED", 0, "Correo rebotado", null, 0);
                }
                if (r.nextDouble() < p.contactability() * 0.08) {
                    return reply(p, target, channel, day, r);
                }
                return new Decision(target, channel, "DELIVERED", r.nextInt(2),
                        dpd < 10 ? "Recordatorio de factura vencida" : "Aviso de mora por correo", null, 0);
            }
            case "WHATSAPP":
                if (r.nextDouble() < p.contactability() * 0.15) {
                    return reply(p, target, channel, day, r);
                }
                return new Decision(target, channel, "DELIVERED", r.nextInt(2), "Recordatorio por WhatsApp", null, 0);
            default:
                return r.nextInt(100) < 4 ? new Decision(target, channel, "BOUNCED", 0, "SMS no entregado", null, 0)
                        : new Decision(target, channel, "DELIVERED", 0, "Recordatorio por SMS", null, 0);
        }
    }

    /** The debtor answers a message: about its dispute, or with a promise. */
    private static Decision reply(DebtorProfile p, Overdue target, String channel, LocalDate day, RandomGenerator r) {
        if (target.inDispute()) {
            return new Decision(target, channel, "DISPUTED", intBetween(r, 2, 6), pick(r, DISPUTES), null, 0);
        }
        return promise(p, target, channel, "PROMISED_TO_PAY", intBetween(r, 2, 6), day, r);
    }

    /**
     * A promise: for a date near the debtor's own next planned payment when that is within three weeks, otherwise
     * two days to two weeks ahead, as the collector presses; the whole balance, or a round part of it.
     */
    private static Decision promise(DebtorProfile p, Overdue target, String channel, String outcome, int minutes,
                                    LocalDate day, RandomGenerator r) {
        LocalDate next = target.nextPlannedPayment();
        LocalDate on;
        if (next != null && next.isAfter(day) && days(day, next) <= 21) {
            on = next.plusDays(intBetween(r, -2, 2));
        } else {
            on = day.plusDays(intBetween(r, 2, 14));
        }
        if (on.getDayOfWeek() == DayOfWeek.SUNDAY) {
            on = on.plusDays(1);
        }
        if (on.isBefore(day)) {
            on = day;
        }
        long open = target.openClp();
        long amount = open;
        if (open >= 20_000 && r.nextDouble() < Math.max(0.25, p.partialPaymentProbability())) {
            amount = Math.max(1000, Math.round(open * (0.3 + 0.3 * r.nextDouble())) / 1000 * 1000);
        }
        return new Decision(target, channel, outcome, minutes,
                "Se compromete a pagar " + new Clp(amount) + " el " + ES_CL.format(on), on, amount);
    }

    private static long days(LocalDate from, LocalDate to) {
        return to.toEpochDay() - from.toEpochDay();
    }
}
