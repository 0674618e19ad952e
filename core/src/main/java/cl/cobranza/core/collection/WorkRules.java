package cl.cobranza.core.collection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a collector may record, checked before anything is written: actions dated within the last
 * {@value #MAX_BACKDATE_DAYS} days and not in the future, plausible call minutes, promises for at most the
 * open amount and due within a year, plans whose instalments fit the debt. Messages are Spanish and say
 * how to fix the input.
 */
public final class WorkRules {
    /** How far back an action may be dated (a collector catching up on a week's visits, not rewriting history). */
    public static final int MAX_BACKDATE_DAYS = 31;
    /** Longest plausible single action, in agent minutes. */
    public static final int MAX_MINUTES = 480;
    /** Longest text kept in notes. */
    public static final int MAX_NOTES = 2000;
    /** Farthest a promise or instalment may be due. */
    public static final int MAX_PROMISE_DAYS = 366;
    /** Most instalments in one plan. */
    public static final int MAX_INSTALMENTS = 36;

    private WorkRules() {
    }

    /** Checks an action's date, minutes and notes against today. */
    public static void checkAction(LocalDate today, LocalDate date, int minutes, String notes) {
        if (date.isAfter(today)) {
            throw new InvalidWorkException("date", "la fecha " + date + " es futura; registre la gestión el día que "
                    + "se hizo (hoy es " + today + ")");
        }
        if (date.isBefore(today.minusDays(MAX_BACKDATE_DAYS))) {
            throw new InvalidWorkException("date", "la fecha " + date + " tiene más de " + MAX_BACKDATE_DAYS
                    + " días; solo se registran gestiones del último mes");
        }
        if (minutes < 0 || minutes > MAX_MINUTES) {
            throw new InvalidWorkException("minutes", "debe estar entre 0 y " + MAX_MINUTES + " minutos; se recibió " + minutes);
        }
        checkNotes(notes);
    }

    /** Checks a promise of {@code amountClp} on an invoice that has {@code openClp} open, due on {@code promisedDate}. */
    public static void checkPromise(LocalDate today, long openClp, long amountClp, LocalDate promisedDate, String notes) {
        if (openClp <= 0) {
            throw new InvalidWorkException("invoiceId", "la factura no tiene saldo abierto; no hay nada que prometer");
        }
        if (amountClp <= 0) {
            throw new InvalidWorkException("amountClp", "el monto prometido debe ser mayor que cero");
        }
        if (amountClp > openClp) {
            throw new InvalidWorkException("amountClp", "el monto prometido " + amountClp + " supera el saldo abierto "
                    + openClp + " de la factura; prometa como máximo el saldo");
        }
        checkDueDate("promisedDate", today, promisedDate);
        checkNotes(notes);
    }

    /**
     * Checks a plan over invoices with these open amounts (in the order the debt is to be paid down, oldest
     * first) and splits its instalments into promises per invoice: each instalment pays the oldest invoice
     * still owed, and spills over into the next when it is larger. The plan may cover less than the debt,
     * never more.
     */
    public static List<PlannedPromise> planPromises(LocalDate today, PaymentPlan plan, Map<String, Long> openByInvoice,
                                                    String notes) {
        if (openByInvoice.isEmpty()) {
            throw new InvalidWorkException("invoiceIds", "indique al menos una factura abierta del deudor");
        }
        if (plan.instalments().isEmpty() || plan.instalments().size() > MAX_INSTALMENTS) {
            throw new InvalidWorkException("instalments", "un plan tiene entre 1 y " + MAX_INSTALMENTS + " cuotas");
        }
        long open = 0;
        for (Map.Entry<String, Long> e : openByInvoice.entrySet()) {
            if (e.getValue() <= 0) {
                throw new InvalidWorkException("invoiceIds", "la factura " + e.getKey() + " no tiene saldo abierto; quítela del plan");
            }
            open += e.getValue();
        }
        if (plan.totalClp() > open) {
            throw new InvalidWorkException("instalments", "las cuotas suman " + plan.totalClp() + " y el saldo abierto "
                    + "de las facturas es " + open + "; el plan no puede cobrar más que la deuda");
        }
        for (PaymentPlan.Instalment in : plan.instalments()) {
            checkDueDate("instalments", today, in.dueDate());
        }
        checkNotes(notes);
        Map<String, Long> owed = new LinkedHashMap<>(openByInvoice);
        List<PlannedPromise> promises = new ArrayList<>();
        for (PaymentPlan.Instalment in : plan.instalments()) {
            long left = in.amountClp();
            for (Map.Entry<String, Long> e : owed.entrySet()) {
                if (left == 0) {
                    break;
                }
                long part = Math.min(left, e.getValue());
                if (part > 0) {
                    promises.add(new PlannedPromise(e.getKey(), in.dueDate(), part));
                    e.setValue(e.getValue() - part);
                    left -= part;
                }
            }
        }
        return promises;
    }

    /** One promise a plan's instalment makes on one invoice. */
    public record PlannedPromise(String invoiceId, LocalDate promisedDate, long amountClp) {
    }

    private static void checkDueDate(String field, LocalDate today, LocalDate due) {
        if (due.isBefore(today)) {
            throw new InvalidWorkException(field, "la fecha " + due + " ya pasó; una promesa vence hoy (" + today
                    + ") o después");
        }
        if (due.isAfter(today.plusDays(MAX_PROMISE_DAYS))) {
            throw new InvalidWorkException(field, "la fecha " + due + " está a más de un año; acuerde un plazo menor");
        }
    }

    private static void checkNotes(String notes) {
        checkText("notes", notes);
    }

    /**
     * Checks a free text a person typed (notes, reasons): at most {@value #MAX_NOTES} characters and no NUL
     * character, which no text column stores; anything else (quotes, HTML, SQL) is kept as typed.
     */
    public static void checkText(String field, String text) {
        if (text == null) {
            return;
        }
        if (text.length() > MAX_NOTES) {
            throw new InvalidWorkException(field, "el texto tiene " + text.length() + " caracteres; el máximo es "
                    + MAX_NOTES);
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidWorkException(field, "el texto contiene un carácter nulo (U+0000), que no se puede guardar;"
                    + " quítelo");
        }
    }
}
