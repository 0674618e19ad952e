package cl.cobranza.core.kpi;

import cl.cobranza.core.kpi.ReceivablesBook.Contribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static cl.cobranza.core.testkit.Days.FEB_14;
import static cl.cobranza.core.testkit.Days.FEB_15;
import static cl.cobranza.core.testkit.Days.FEB_16;
import static cl.cobranza.core.testkit.Days.JAN_20;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.Days.MAR_1;
import static cl.cobranza.core.testkit.Days.MAR_2;
import static org.assertj.core.api.Assertions.assertThat;

class ReceivablesBookTest {
    private static final String CLIENT = "pyme-1";

    // Three open invoices: A $1.000.000 due Jan 31, B $500.000 due Feb 15, C $250.000 due Mar 1.
    private static final Contribution A = Contribution.of(1_000_000, JAN_31);
    private static final Contribution B = Contribution.of(500_000, FEB_15);
    private static final Contribution C = Contribution.of(250_000, MAR_1);

    private ReceivablesBook book;

    @BeforeEach
    void threeInvoices() {
        book = new ReceivablesBook();
        book.replace(null, A);
        book.replace(null, B);
        book.replace(null, C);
    }

    @Test
    void dueOnAsOfIsOpenButNotOverdue() {
        // as of Feb 15: open 1 000 000 + 500 000 + 250 000 = 1 750 000; only A (Jan 31 < Feb 15) is overdue
        assertThat(book.asOf(CLIENT, FEB_15))
                .isEqualTo(new ClientReceivables(CLIENT, FEB_15, 1_750_000, 1_000_000, 3, 1, 0));
    }

    @Test
    void dueTheDayBeforeIsOverdue() {
        // as of Feb 16: B (due Feb 15) is now overdue too: 1 000 000 + 500 000 = 1 500 000
        assertThat(book.asOf(CLIENT, FEB_16))
                .isEqualTo(new ClientReceivables(CLIENT, FEB_16, 1_750_000, 1_500_000, 3, 2, 0));
        // as of Mar 2 everything is overdue
        assertThat(book.asOf(CLIENT, MAR_2))
                .isEqualTo(new ClientReceivables(CLIENT, MAR_2, 1_750_000, 1_750_000, 3, 3, 0));
        // as of Jan 31 nothing is (A is due that very day)
        assertThat(book.asOf(CLIENT, JAN_31))
                .isEqualTo(new ClientReceivables(CLIENT, JAN_31, 1_750_000, 0, 3, 0, 0));
    }

    @Test
    void replacingAnAmountMovesOnlyTheDifference() {
        // a $400.000 payment on A: 1 000 000 − 400 000 = 600 000; open 600 000 + 500 000 + 250 000 = 1 350 000
        Contribution a2 = Contribution.of(600_000, JAN_31);
        book.replace(A, a2);
        assertThat(book.asOf(CLIENT, FEB_15))
                .isEqualTo(new ClientReceivables(CLIENT, FEB_15, 1_350_000, 600_000, 3, 1, 0));
    }

    @Test
    void replacingADueDateMovesTheInvoiceBetweenOverdueAndCurrent() {
        // B's due date corrected from Feb 15 to Jan 20: as of Feb 15, A + B overdue = 1 500 000
        book.replace(B, Contribution.of(500_000, JAN_20));
        assertThat(book.asOf(CLIENT, FEB_15))
                .isEqualTo(new ClientReceivables(CLIENT, FEB_15, 1_750_000, 1_500_000, 3, 2, 0));
        // C's due date brought forward from Mar 1 to Feb 14: overdue as of Feb 15 as well, 1 750 000 in 3
        book.replace(C, Contribution.of(250_000, FEB_14));
        assertThat(book.asOf(CLIENT, FEB_15))
                .isEqualTo(new ClientReceivables(CLIENT, FEB_15, 1_750_000, 1_750_000, 3, 3, 0));
    }

    @Test
    void closingAnInvoiceRemovesItsContribution() {
        // C paid in full: Contribution.of(0, ...) is "adds nothing"
        Contribution closed = Contribution.of(0, MAR_1);
        assertThat(closed).isNull();
        book.replace(C, closed);
        // 1 000 000 + 500 000 = 1 500 000 open in 2 invoices
        assertThat(book.asOf(CLIENT, MAR_2))
                .isEqualTo(new ClientReceivables(CLIENT, MAR_2, 1_500_000, 1_500_000, 2, 2, 0));
    }

    @Test
    void contributionOfNothingIsNull() {
        assertThat(Contribution.of(0, JAN_31)).isNull();
        assertThat(Contribution.of(-5, JAN_31)).isNull();
        assertThat(Contribution.of(100, null)).isNull();
        assertThat(Contribution.of(100, JAN_31)).isEqualTo(new Contribution(100, JAN_31));
    }

    @Test
    void invoicesSharingADueDateAreCountedSeparately() {
        Contribution d = Contribution.of(300_000, JAN_31);
        book.replace(null, d);
        // Jan 31 now holds A + D = 1 300 000 in 2 invoices; total 1 750 000 + 300 000 = 2 050 000
        assertThat(book.asOf(CLIENT, FEB_15))
                .isEqualTo(new ClientReceivables(CLIENT, FEB_15, 2_050_000, 1_300_000, 4, 2, 0));
        book.replace(A, null);
        assertThat(book.asOf(CLIENT, FEB_15))
                .isEqualTo(new ClientReceivables(CLIENT, FEB_15, 1_050_000, 300_000, 3, 1, 0));
    }

    @Test
    void removingEverythingLeavesZeroAndNoEmptyCells() {
        book.replace(A, null);
        book.replace(B, null);
        book.replace(C, null);
        assertThat(book.asOf(CLIENT, MAR_2)).isEqualTo(new ClientReceivables(CLIENT, MAR_2, 0, 0, 0, 0, 0));
        // only the version (8 bytes) and the cell count (4 bytes) remain: no empty due-date cells leak into state
        assertThat(book.encode()).hasSize(12);
    }

    @Test
    void versionIsStrictlyIncreasingAndTracksMicroseconds() {
        assertThat(book.nextVersion(1_700_000_000_000L)).isEqualTo(1_700_000_000_000_000L);
        assertThat(book.nextVersion(1_700_000_000_000L)).isEqualTo(1_700_000_000_000_001L);
        // clock went back: still strictly greater
        assertThat(book.nextVersion(1_600_000_000_000L)).isEqualTo(1_700_000_000_000_002L);
        assertThat(book.asOf(CLIENT, FEB_15).version()).isEqualTo(1_700_000_000_000_002L);
    }

    @Test
    void encodeDecodeRoundTripKeepsTotalsAndVersion() {
        book.replace(A, Contribution.of(600_000, JAN_31));
        long v = book.nextVersion(1_700_000_000_000L);

        ReceivablesBook copy = ReceivablesBook.decode(book.encode());

        for (var day : new java.time.LocalDate[] {JAN_31, FEB_15, FEB_16, MAR_2}) {
            assertThat(copy.asOf(CLIENT, day)).isEqualTo(book.asOf(CLIENT, day));
        }
        assertThat(copy.asOf(CLIENT, FEB_16))
                .isEqualTo(new ClientReceivables(CLIENT, FEB_16, 1_350_000, 1_100_000, 3, 2, v));
        assertThat(copy.nextVersion(0)).isEqualTo(v + 1);
        // the decoded book keeps working: removing the contributions it was built from empties it
        copy.replace(Contribution.of(600_000, JAN_31), null);
        copy.replace(B, null);
        copy.replace(C, null);
        assertThat(copy.asOf(CLIENT, MAR_2).openClp()).isZero();
        assertThat(copy.asOf(CLIENT, MAR_2).openInvoices()).isZero();
    }

    @Test
    void emptyBookRoundTrips() {
        ReceivablesBook empty = ReceivablesBook.decode(new ReceivablesBook().encode());
        assertThat(empty.asOf(CLIENT, FEB_15)).isEqualTo(new ClientReceivables(CLIENT, FEB_15, 0, 0, 0, 0, 0));
    }
}
