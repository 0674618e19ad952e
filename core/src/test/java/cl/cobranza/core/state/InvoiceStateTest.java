package cl.cobranza.core.state;

import cl.cobranza.core.events.DebtorChanged;
import cl.cobranza.core.state.Activity.Movement;
import cl.cobranza.core.testkit.Facts.InvoiceBuilder;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static cl.cobranza.core.testkit.Days.DEC_31_2024;
import static cl.cobranza.core.testkit.Days.FEB_1;
import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.FEB_15;
import static cl.cobranza.core.testkit.Days.FEB_9;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_15;
import static cl.cobranza.core.testkit.Days.JAN_20;
import static cl.cobranza.core.testkit.Days.JAN_25;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.Days.MAR_2;
import static cl.cobranza.core.testkit.Facts.CLIENT;
import static cl.cobranza.core.testkit.Facts.creditNote;
import static cl.cobranza.core.testkit.Facts.invoice;
import static cl.cobranza.core.testkit.Facts.payment;
import static org.assertj.core.api.Assertions.assertThat;

class InvoiceStateTest {

    /** Factura 33 folio 1001 to debtor 7, issued Jan 1, due Jan 31, $1.250.000. */
    private static InvoiceBuilder invoiceOne() {
        return invoice("1").issued(JAN_1).due(JAN_31).total(1_250_000);
    }

    private static InvoiceSnapshot expected(long credited, long paid, long open, boolean deleted,
                                            Movement... movements) {
        return new InvoiceSnapshot(CLIENT, "1", "7", 33, 1001, JAN_1, JAN_31, 1_250_000, credited, paid, open,
                deleted, 0, moved(movements));
    }

    /** Activity with only these money movements: no action, no promise. */
    private static Activity moved(Movement... movements) {
        return new Activity(null, 0, null, 0, List.of(movements));
    }

    private static Movement paidOn(LocalDate day, long clp) {
        return new Movement(day, Movement.Kind.PAYMENT, clp);
    }

    private static Movement creditedOn(LocalDate day, long clp) {
        return new Movement(day, Movement.Kind.CREDIT_NOTE, clp);
    }

    @Test
    void newInvoiceIsOpenForItsTotal() {
        InvoiceState s = new InvoiceState();
        assertThat(s.apply(invoiceOne().at(10))).isTrue();
        assertThat(s.isLive()).isTrue();
        assertThat(s.openClp()).isEqualTo(1_250_000);
        assertThat(s.snapshot(CLIENT, "1")).isEqualTo(expected(0, 0, 1_250_000, false));
    }

    @Test
    void partialPaymentLeavesTheRest() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        assertThat(s.apply(payment("p1").of(400_000).on(FEB_10).at(11))).isTrue();
        // 1 250 000 − 400 000 = 850 000
        assertThat(s.openClp()).isEqualTo(850_000);
        assertThat(s.snapshot(CLIENT, "1")).isEqualTo(expected(0, 400_000, 850_000, false, paidOn(FEB_10, 400_000)));
    }

    @Test
    void creditNoteAndPaymentBothReduceTheBalance() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        s.apply(creditNote("n1").of(250_000).on(FEB_1).at(11));
        s.apply(payment("p1").of(400_000).on(FEB_10).at(12));
        // 1 250 000 − 250 000 − 400 000 = 600 000
        assertThat(s.snapshot(CLIENT, "1")).isEqualTo(expected(250_000, 400_000, 600_000, false,
                creditedOn(FEB_1, 250_000), paidOn(FEB_10, 400_000)));
    }

    @Test
    void creditNoteThatCancelsTheInvoiceLeavesNothingOpen() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        s.apply(creditNote("n1").of(1_250_000).on(FEB_1).at(11));
        assertThat(s.openClp()).isZero();
        assertThat(s.isLive()).as("a cancelled invoice still exists; it is just settled").isTrue();
        assertThat(s.snapshot(CLIENT, "1")).isEqualTo(expected(1_250_000, 0, 0, false, creditedOn(FEB_1, 1_250_000)));
    }

    @Test
    void paymentReversalRestoresTheBalance() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        var p1 = payment("p1").of(400_000).on(FEB_10);
        s.apply(p1.at(11));
        assertThat(s.openClp()).isEqualTo(850_000);

        assertThat(s.apply(p1.reversed().at(12))).isTrue();
        assertThat(s.openClp()).isEqualTo(1_250_000);
        assertThat(s.snapshot(CLIENT, "1")).isEqualTo(expected(0, 0, 1_250_000, false));
    }

    @Test
    void newerPositionCorrectsTheAmountAndDueDate() {
        InvoiceState s = new InvoiceState();
        var inv = invoiceOne();
        s.apply(inv.at(10));
        s.apply(payment("p1").of(400_000).on(FEB_10).at(11));

        assertThat(s.apply(inv.total(1_190_000).due(FEB_15).at(20))).isTrue();
        // 1 190 000 − 400 000 = 790 000
        assertThat(s.snapshot(CLIENT, "1")).isEqualTo(new InvoiceSnapshot(CLIENT, "1", "7", 33, 1001, JAN_1, FEB_15,
                1_190_000, 0, 400_000, 790_000, false, 0, moved(paidOn(FEB_10, 400_000))));
    }

    @Test
    void newerPaymentVersionCorrectsThePaymentAmount() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        var p1 = payment("p1").of(400_000).on(FEB_10);
        s.apply(p1.at(11));
        assertThat(s.apply(p1.of(450_000).at(15))).isTrue();
        // 1 250 000 − 450 000 = 800 000 (the 400 000 version is replaced, not added)
        assertThat(s.openClp()).isEqualTo(800_000);
        assertThat(s.paidClp()).isEqualTo(450_000);
    }

    @Test
    void olderHeaderArrivingLateIsIgnored() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().total(1_190_000).at(20));
        InvoiceSnapshot before = s.snapshot(CLIENT, "1");
        byte[] encodedBefore = s.encode();

        assertThat(s.apply(invoiceOne().total(1_250_000).at(10))).isFalse();
        assertThat(s.snapshot(CLIENT, "1")).isEqualTo(before);
        assertThat(s.encode()).isEqualTo(encodedBefore);
        assertThat(s.totalClp()).isEqualTo(1_190_000);
    }

    @Test
    void olderPaymentVersionArrivingLateIsIgnored() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        var p1 = payment("p1").on(FEB_10);
        s.apply(p1.of(450_000).at(15));
        byte[] encodedBefore = s.encode();

        assertThat(s.apply(p1.of(400_000).at(11))).isFalse();
        assertThat(s.encode()).isEqualTo(encodedBefore);
        assertThat(s.openClp()).isEqualTo(800_000);
    }

    @Test
    void reversalIsNotUndoneByTheOriginalPaymentArrivingLate() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        var p1 = payment("p1").of(400_000).on(FEB_10);
        s.apply(p1.reversed().at(12));
        assertThat(s.apply(p1.standing().at(11))).isFalse();
        assertThat(s.openClp()).isEqualTo(1_250_000);
    }

    @Test
    void exactDuplicatesChangeNothing() {
        InvoiceState s = new InvoiceState();
        var header = invoiceOne().at(10);
        var pay = payment("p1").of(400_000).on(FEB_10).at(11);
        var note = creditNote("n1").of(250_000).on(FEB_1).at(12);
        assertThat(s.apply(header)).isTrue();
        assertThat(s.apply(pay)).isTrue();
        assertThat(s.apply(note)).isTrue();
        byte[] encodedBefore = s.encode();

        assertThat(s.apply(header)).isFalse();
        assertThat(s.apply(pay)).isFalse();
        assertThat(s.apply(note)).isFalse();
        // equal by value, not only the same object
        assertThat(s.apply(invoiceOne().at(10))).isFalse();
        assertThat(s.encode()).isEqualTo(encodedBefore);
        assertThat(s.openClp()).isEqualTo(600_000);
    }

    @Test
    void debtorEventsDoNotTouchInvoiceState() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        assertThat(s.apply(new DebtorChanged(CLIENT, "7", "12345678-5", "Ferretería", false, 99))).isFalse();
        assertThat(s.snapshot(CLIENT, "1")).isEqualTo(expected(0, 0, 1_250_000, false));
    }

    @Test
    void paymentBeforeTheInvoiceHeaderWaitsForIt() {
        InvoiceState s = new InvoiceState();
        assertThat(s.apply(payment("p1").of(400_000).on(FEB_10).at(11))).isTrue();
        assertThat(s.hasHeader()).isFalse();
        assertThat(s.isLive()).isFalse();
        assertThat(s.openClp()).isZero();
        assertThat(s.openClpAsOf(MAR_2)).isZero();
        assertThat(s.snapshot(CLIENT, "1").deleted()).as("not live yet, so not shown").isTrue();

        // the header's position (10) is older than the payment's (11): different rows, so it still applies
        assertThat(s.apply(invoiceOne().at(10))).isTrue();
        assertThat(s.isLive()).isTrue();
        // 1 250 000 − 400 000 = 850 000
        assertThat(s.snapshot(CLIENT, "1")).isEqualTo(expected(0, 400_000, 850_000, false, paidOn(FEB_10, 400_000)));
    }

    @Test
    void deletedInvoiceIsATombstoneWithNothingOpen() {
        InvoiceState s = new InvoiceState();
        var inv = invoiceOne();
        s.apply(inv.at(10));
        s.apply(payment("p1").of(400_000).on(FEB_10).at(11));

        assertThat(s.apply(inv.deleted().at(30))).isTrue();
        assertThat(s.isLive()).isFalse();
        assertThat(s.hasHeader()).isTrue();
        assertThat(s.openClp()).isZero();
        assertThat(s.openClpAsOf(FEB_1)).isZero();
        InvoiceSnapshot snap = s.snapshot(CLIENT, "1");
        assertThat(snap.deleted()).isTrue();
        assertThat(snap.openClp()).isZero();

        // the pre-delete version replayed late does not resurrect it
        assertThat(s.apply(inv.live().at(10))).isFalse();
        assertThat(s.isLive()).isFalse();
    }

    @Test
    void overpaymentNeverGivesANegativeBalance() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        s.apply(payment("p1").of(1_000_000).on(FEB_1).at(11));
        s.apply(payment("p2").of(400_000).on(FEB_10).at(12));
        // 1 250 000 − 1 400 000 = −150 000 → 0 (the 150 000 is a customer credit, elsewhere)
        assertThat(s.paidClp()).isEqualTo(1_400_000);
        assertThat(s.openClp()).isZero();
        assertThat(s.openClpAsOf(FEB_15)).isZero();
        // before the second payment: 1 250 000 − 1 000 000 = 250 000
        assertThat(s.openClpAsOf(FEB_9)).isEqualTo(250_000);
        assertThat(s.snapshot(CLIENT, "1")).isEqualTo(expected(0, 1_400_000, 0, false,
                paidOn(FEB_1, 1_000_000), paidOn(FEB_10, 400_000)));
    }

    @Test
    void openAsOfCountsOnlyFactsDatedOnOrBeforeTheDate() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        s.apply(payment("p1").of(400_000).on(FEB_10).at(11));
        // arrives after p1 but is dated earlier: backdated
        s.apply(payment("p2").of(300_000).on(JAN_20).at(12));
        s.apply(creditNote("n1").of(100_000).on(FEB_15).at(13));

        // invoice not issued yet
        assertThat(s.openClpAsOf(DEC_31_2024)).isZero();
        // issue day: nothing paid yet
        assertThat(s.openClpAsOf(JAN_1)).isEqualTo(1_250_000);
        assertThat(s.openClpAsOf(JAN_15)).isEqualTo(1_250_000);
        // Jan 20 (p2's date, inclusive): 1 250 000 − 300 000 = 950 000
        assertThat(s.openClpAsOf(JAN_20)).isEqualTo(950_000);
        assertThat(s.openClpAsOf(JAN_25)).isEqualTo(950_000);
        // Feb 9: p1 (Feb 10) not yet
        assertThat(s.openClpAsOf(FEB_9)).isEqualTo(950_000);
        // Feb 10: 1 250 000 − 300 000 − 400 000 = 550 000
        assertThat(s.openClpAsOf(FEB_10)).isEqualTo(550_000);
        // Feb 15: − 100 000 credit note = 450 000
        assertThat(s.openClpAsOf(FEB_15)).isEqualTo(450_000);
        assertThat(s.openClp()).isEqualTo(450_000);
    }

    @Test
    void openAsOfIgnoresReversedPayments() {
        InvoiceState s = new InvoiceState();
        s.apply(invoiceOne().at(10));
        s.apply(payment("p1").of(300_000).on(JAN_20).reversed().at(12));
        assertThat(s.openClpAsOf(FEB_15)).isEqualTo(1_250_000);
    }

    @Test
    void invoiceWithoutDueDateIsDueThirtyDaysAfterIssue() {
        InvoiceState s = new InvoiceState();
        s.apply(invoice("1").issued(JAN_1).total(1_250_000).at(10));
        // Jan 1 + 30 = Jan 31
        assertThat(s.dueDate()).isEqualTo(JAN_31);
        assertThat(s.snapshot(CLIENT, "1").dueDate()).isEqualTo(JAN_31);
    }

    @Test
    void nextVersionIsStrictlyIncreasingAndAtLeastNowInMicros() {
        InvoiceState s = new InvoiceState();
        long now = 1_735_700_000_000L; // ms
        long v1 = s.nextVersion(now);
        assertThat(v1).isEqualTo(now * 1000);
        long v2 = s.nextVersion(now);
        assertThat(v2).isEqualTo(now * 1000 + 1);
        // clock stepped back one second: still strictly greater than v2
        long v3 = s.nextVersion(now - 1_000);
        assertThat(v3).isEqualTo(now * 1000 + 2);
        long v4 = s.nextVersion(now + 5);
        assertThat(v4).isEqualTo((now + 5) * 1000);

        long previous = v4;
        for (int i = 0; i < 1_000; i++) {
            long t = now + (i % 7) - 3;
            long v = s.nextVersion(t);
            assertThat(v).isGreaterThan(previous).isGreaterThanOrEqualTo(t * 1000);
            previous = v;
        }
        s.apply(invoiceOne().at(10));
        assertThat(s.snapshot(CLIENT, "1").version()).isEqualTo(previous);
    }

    @Test
    void encodeDecodeRoundTripPreservesEveryObservable() {
        InvoiceState s = new InvoiceState();
        var inv = invoiceOne();
        s.apply(inv.at(10));
        s.apply(inv.total(1_190_000).at(20));
        s.apply(payment("p1").of(400_000).on(FEB_10).at(21));
        s.apply(payment("p2").of(300_000).on(JAN_20).at(22));
        s.apply(payment("p2").of(300_000).on(JAN_20).reversed().at(23)); // tombstone
        s.apply(payment("p3").of(100_000).on(FEB_1).at(24));
        s.apply(creditNote("n1").of(50_000).on(FEB_15).at(25));
        s.apply(creditNote("n2").of(70_000).on(JAN_25).deleted().at(26)); // tombstone first seen as deleted
        s.nextVersion(1_735_700_000_000L);

        InvoiceState copy = InvoiceState.decode(s.encode());

        // 1 190 000 − 50 000 − (400 000 + 100 000) = 640 000
        assertThat(copy.snapshot(CLIENT, "1")).isEqualTo(s.snapshot(CLIENT, "1"))
                .isEqualTo(new InvoiceSnapshot(CLIENT, "1", "7", 33, 1001, JAN_1, JAN_31, 1_190_000, 50_000,
                        500_000, 640_000, false, 1_735_700_000_000_000L,
                        moved(paidOn(FEB_1, 100_000), paidOn(FEB_10, 400_000), creditedOn(FEB_15, 50_000))));
        for (LocalDate d = DEC_31_2024; !d.isAfter(MAR_2); d = d.plusDays(1)) {
            assertThat(copy.openClpAsOf(d)).as("as of %s", d).isEqualTo(s.openClpAsOf(d));
        }
        // Feb 1: 1 190 000 − 100 000 (p3) = 1 090 000
        assertThat(copy.openClpAsOf(FEB_1)).isEqualTo(1_090_000);
        assertThat(copy.encode()).isEqualTo(s.encode());

        // the decoded state remembers positions and tombstones: replays are still no-ops
        assertThat(copy.apply(inv.total(1_250_000).at(10))).isFalse();
        assertThat(copy.apply(payment("p2").of(300_000).on(JAN_20).at(22))).isFalse();
        assertThat(copy.apply(creditNote("n2").of(70_000).on(JAN_25).at(10))).isFalse();
        assertThat(copy.apply(payment("p1").of(400_000).on(FEB_10).at(21))).isFalse();
        assertThat(copy.nextVersion(0)).isEqualTo(1_735_700_000_000_001L);
    }

    @Test
    void encodeDecodeRoundTripOfHeaderlessAndDeletedStates() {
        InvoiceState empty = InvoiceState.decode(new InvoiceState().encode());
        assertThat(empty.hasHeader()).isFalse();
        assertThat(empty.snapshot(CLIENT, "1")).isEqualTo(new InvoiceState().snapshot(CLIENT, "1"));

        InvoiceState orphanPayment = new InvoiceState();
        orphanPayment.apply(payment("p1").of(400_000).on(FEB_10).at(11));
        InvoiceState orphanCopy = InvoiceState.decode(orphanPayment.encode());
        assertThat(orphanCopy.snapshot(CLIENT, "1")).isEqualTo(orphanPayment.snapshot(CLIENT, "1"));
        orphanCopy.apply(invoiceOne().at(10));
        assertThat(orphanCopy.openClp()).isEqualTo(850_000);

        InvoiceState deleted = new InvoiceState();
        deleted.apply(invoiceOne().deleted().at(30));
        InvoiceState deletedCopy = InvoiceState.decode(deleted.encode());
        assertThat(deletedCopy.snapshot(CLIENT, "1")).isEqualTo(deleted.snapshot(CLIENT, "1"));
        assertThat(deletedCopy.snapshot(CLIENT, "1").deleted()).isTrue();
        assertThat(deletedCopy.apply(invoiceOne().at(10))).isFalse();
    }
}
