package cl.cobranza.core.normalize;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PromiseChanged;
import cl.cobranza.core.normalize.profile.MappingProfile;
import cl.cobranza.core.testkit.EspanolRows;
import cl.cobranza.core.testkit.ErpRows;
import cl.cobranza.core.testkit.PlatformRows;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;

import static cl.cobranza.core.testkit.Days.FEB_10;
import static cl.cobranza.core.testkit.Days.FEB_14;
import static cl.cobranza.core.testkit.Days.JAN_1;
import static cl.cobranza.core.testkit.Days.JAN_31;
import static cl.cobranza.core.testkit.ErpRows.invoiceRow;
import static cl.cobranza.core.testkit.Facts.CLIENT;
import static cl.cobranza.core.testkit.PlatformRows.actionRow;
import static cl.cobranza.core.testkit.PlatformRows.promiseRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    // --- a profile per source

    private static final MappingProfile DEMO = MappingProfile.load("demo-erp");
    private static final MappingProfile ESPANOL = MappingProfile.load("erp-espanol");

    @Test
    void eachSourceIsReadWithItsOwnProfile() {
        SourceNormalizer bySource = new SourceNormalizer(Map.of(CLIENT, DEMO, EspanolRows.CLIENT, ESPANOL));
        InvoiceChanged demo = new InvoiceChanged(CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_31, 1_250_000, false, 20);
        InvoiceChanged espanol = new InvoiceChanged(EspanolRows.CLIENT, "1001", "7", 33, 5001, JAN_1, JAN_31, 1_250_000,
                false, 21);
        assertThat(bySource.normalize(ErpRows.insert("invoices", invoiceRow(), 20))).containsExactly(demo);
        assertThat(bySource.normalize(EspanolRows.insert("documentos", EspanolRows.facturaRow(), 21)))
                .containsExactly(espanol);
        assertThat(bySource.normalize(PlatformRows.insert("promises", promiseRow(), 22))).hasSize(1);
    }

    @Test
    void aSourceReadWithTheWrongProfileIsRejectedOnItsTables() {
        SourceNormalizer bySource = new SourceNormalizer(Map.of(EspanolRows.CLIENT, DEMO));
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class,
                () -> bySource.normalize(EspanolRows.insert("documentos", EspanolRows.facturaRow(), 23)));
        assertThat(e.field()).isEqualTo("table");
        assertThat(e.reason()).contains("'documentos'").contains("demo ERP profile");
    }

    @Test
    void aSourceWithoutAProfileIsRejected() {
        SourceNormalizer bySource = SourceNormalizer.ofProfileNames(Map.of(EspanolRows.CLIENT, "erp-espanol"));
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class,
                () -> bySource.normalize(ErpRows.insert("invoices", invoiceRow(), 24)));
        assertThat(e.field()).isEqualTo("source");
        assertThat(e.reason()).contains("'" + CLIENT + "' has no mapping profile").contains(CLIENT + "=demo-erp");
    }

    @Test
    void aFallbackProfileReadsTheSourcesNotListed() {
        SourceNormalizer bySource = new SourceNormalizer(Map.of(EspanolRows.CLIENT, ESPANOL), DEMO);
        assertThat(bySource.normalize(ErpRows.insert("invoices", invoiceRow(), 25))).hasSize(1);
    }

    @Test
    void thePlatformSourceCannotBeGivenAProfile() {
        assertThatThrownBy(() -> new SourceNormalizer(Map.of(PlatformNormalizer.SOURCE, DEMO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("platform's own capture");
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
        SourceNormalizer original = new SourceNormalizer(Map.of(CLIENT, DEMO, EspanolRows.CLIENT, ESPANOL));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        SourceNormalizer copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SourceNormalizer) in.readObject();
        }
        RawChange moved = EspanolRows.update("documentos", EspanolRows.notaCreditoRow(),
                ErpRows.with(EspanolRows.notaCreditoRow(), "documento_ref_id", 1002L, "tipo_dte", "61"), 26);
        assertThat(copy.normalize(moved)).hasSize(2).isEqualTo(original.normalize(moved));
        assertThat(copy.normalize(ErpRows.insert("invoices", invoiceRow(), 27)))
                .isEqualTo(original.normalize(ErpRows.insert("invoices", invoiceRow(), 27)));
        RejectedRowException e = catchThrowableOfType(RejectedRowException.class, () -> copy.normalize(
                EspanolRows.insert("documentos", ErpRows.with(EspanolRows.facturaRow(), "tipo_dte", "BOL"), 28)));
        assertThat(e.reason()).contains("FAC, FEX, NC, ND");
    }
}
