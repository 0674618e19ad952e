package cl.cobranza.core.normalize;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PromiseChanged;
import cl.cobranza.core.testkit.ErpRows;
import cl.cobranza.core.testkit.PlatformRows;
import org.junit.jupiter.api.Test;

import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.FEB_14;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.ErpRows.invoiceRow;
import static cl.cobranza.core.testkit.Facts.CLIENT;
import static cl.cobranza.core.testkit.PlatformRows.actionRow;
import static cl.cobranza.core.testkit.PlatformRows.promiseRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SourceNormalizerTest {
    private final SourceNormalizer normalizer = new SourceNormalizer();

    @Test
    void platformActionsGoToThePlatformProfile() {
        assertThat(normalizer.normalize(
                PlatformRows.insert("collection_actions", actionRow(), 10)))
                .containsExactly(new ActionRecorded(CLIENT, "501", "1001", FEB_10, Channel.CALL,
                        Outcome.PROMISED_TO_PAY, 12, false, 10));
    }

    @Test
    void platformPromisesGoToThePlatformProfile() {
        assertThat(normalizer.normalize(PlatformRows.insert("promises", promiseRow(), 11)))
                .containsExactly(new PromiseChanged(CLIENT, "601", "1001", FEB_10, FEB_14, 400_000, false, 11));
    }

    @Test
    void anyOtherSourceIsAClientErp() {
        assertThat(normalizer.normalize(ErpRows.insert("invoices", invoiceRow(), 12)))
                .containsExactly(new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_31, 1_250_000, false, 12));
    }

    @Test
    void anErpTableFromThePlatformSourceIsRejectedByThePlatformProfile() {
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class, () -> normalizer.normalize(
                new RawChange(PlatformNormalizer.SOURCE, "public", "invoices", 'c', null, invoiceRow(), 13)));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("table");
        assertThat(e.reason()).contains("public.invoices").contains("not a platform table");
    }

    @Test
    void aPlatformTableFromAClientSourceIsRejectedByTheErpProfile() {
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class, () -> normalizer.normalize(
                ErpRows.insert("collection_actions", actionRow(), 14)));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("table");
        assertThat(e.reason()).contains("collection_actions").contains("demo ERP");
    }
}
