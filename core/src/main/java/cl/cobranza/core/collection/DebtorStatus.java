package cl.cobranza.core.collection;

import cl.cobranza.core.rut.Rut;

import java.time.LocalDate;

/**
 * What the contact rules need to know about a debtor: whether it is a consumer under Ley 19.496 (default from
 * its RUT, editable), and the day it was served with a lawsuit or entered insolvency proceedings (null when not).
 */
public record DebtorStatus(boolean consumer, LocalDate lawsuitServedOn, LocalDate insolvencySince) {
    /** A consumer with no lawsuit and no insolvency. */
    public static DebtorStatus aConsumer() {
        return new DebtorStatus(true, null, null);
    }

    /** A business debtor (not a consumer) with no lawsuit and no insolvency. */
    public static DebtorStatus aBusiness() {
        return new DebtorStatus(false, null, null);
    }

    /**
     * The consumer default of a RUT as the ERP sent it (chile.md): true for a natural person's RUT (body below
     * 50.000.000), false otherwise, including no RUT or an invalid one; a manager corrects it per debtor.
     */
    public static boolean consumerByRut(String rut) {
        return rut != null && Rut.isValid(rut) && Rut.parse(rut).isNaturalPerson();
    }

    /** The default for a RUT: a consumer when it is a natural person's RUT (body below 50.000.000). */
    public static DebtorStatus defaultFor(Rut rut) {
        return new DebtorStatus(rut.isNaturalPerson(), null, null);
    }

    public DebtorStatus withLawsuitServedOn(LocalDate day) {
        return new DebtorStatus(consumer, day, insolvencySince);
    }

    public DebtorStatus withInsolvencySince(LocalDate day) {
        return new DebtorStatus(consumer, lawsuitServedOn, day);
    }

    /** Whether a lawsuit had been served by {@code day} (inclusive). */
    public boolean sued(LocalDate day) {
        return lawsuitServedOn != null && !day.isBefore(lawsuitServedOn);
    }

    /** Whether insolvency proceedings had started by {@code day} (inclusive). */
    public boolean insolvent(LocalDate day) {
        return insolvencySince != null && !day.isBefore(insolvencySince);
    }
}
