package cl.cobranza.core.normalize;

import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.normalize.profile.ProfileNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static cl.cobranza.core.testkit.Days.JAN_1_EPOCH_DAY;
import static cl.cobranza.core.testkit.ErpRows.CLIENT;
import static cl.cobranza.core.testkit.ErpRows.SCHEMA;
import static cl.cobranza.core.testkit.ErpRows.creditNoteRow;
import static cl.cobranza.core.testkit.ErpRows.customerRow;
import static cl.cobranza.core.testkit.ErpRows.delete;
import static cl.cobranza.core.testkit.ErpRows.insert;
import static cl.cobranza.core.testkit.ErpRows.invoiceRow;
import static cl.cobranza.core.testkit.ErpRows.paymentRow;
import static cl.cobranza.core.testkit.ErpRows.read;
import static cl.cobranza.core.testkit.ErpRows.update;
import static cl.cobranza.core.testkit.ErpRows.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The {@code demo-erp} profile and {@link DemoErpNormalizer} give the same answer to the same change: the same
 * events (retractions of moved rows included), or a rejection on the same field with the same reason. Checked on
 * every row case of {@link DemoErpNormalizerTest} (which {@link DemoErpProfileTest} also runs field by field on the
 * profile) and on 20 000 random variations of them. Where the profile answers differently on purpose, a test
 * below says so.
 */
class DemoErpProfileEquivalenceTest {
    private static final DemoErpNormalizer CODE = new DemoErpNormalizer();
    private static final ProfileNormalizer PROFILE = ProfileNormalizer.load("demo-erp");

    /** What a normaliser made of a change: events, or the rejection's field and reason. */
    private record Answer(List<CanonicalEvent> events, String field, String reason) {
        static Answer of(Normalizer n, RawChange c) {
            try {
                return new Answer(n.normalize(c), null, null);
            } catch (RejectedRowException e) {
                return new Answer(null, e.field(), e.reason());
            }
        }

        boolean rejected() {
            return events == null;
        }
    }

    /** Every change DemoErpNormalizerTest feeds its normaliser, valid and invalid. */
    static Stream<Arguments> demoErpNormalizerTestCases() {
        Map<String, Object> isoRow = with(invoiceRow(), "id", "1001", "dte_type", "33", "folio", "5001",
                "customer_id", "7", "issue_date", "2025-01-01", "due_date", "2025-01-31", "total_clp", "1250000.00",
                "currency", "clp ");
        List<Arguments> cases = new ArrayList<>(List.of(
                Arguments.of("customer", insert("customers", customerRow(), 100)),
                Arguments.of("customer RUT with lower-case k", insert("customers", with(customerRow(), "rut", "76354771-k"), 101)),
                Arguments.of("customer delete", delete("customers", customerRow(), 102)),
                Arguments.of("invoice from Debezium types", insert("invoices", invoiceRow(), 200)),
                Arguments.of("invoice from ISO dates and numeric text", insert("invoices", isoRow, 201)),
                Arguments.of("invoice with a BigDecimal total", insert("invoices", with(invoiceRow(), "total_clp", new BigDecimal("1250000.00")), 202)),
                Arguments.of("invoice with a whole Double total", insert("invoices", with(invoiceRow(), "total_clp", 1_250_000.0d), 203)),
                Arguments.of("invoice with an Integer total", insert("invoices", with(invoiceRow(), "total_clp", 1_250_000), 204)),
                Arguments.of("invoice without due date or currency", insert("invoices",
                        with(invoiceRow(), "due_date", null, "currency", null, "dte_type", (short) 34), 205)),
                Arguments.of("debit note", insert("invoices", with(invoiceRow(), "dte_type", (short) 56), 206)),
                Arguments.of("snapshot read", read("invoices", invoiceRow(), 207)),
                Arguments.of("invoice update", update("invoices", invoiceRow(),
                        with(invoiceRow(), "total_clp", 1_190_000L, "due_date", JAN_1_EPOCH_DAY + 45), 208)),
                Arguments.of("invoice delete", delete("invoices", invoiceRow(), 209)),
                Arguments.of("credit note", insert("credit_notes", creditNoteRow(), 300)),
                Arguments.of("credit note delete", delete("credit_notes", creditNoteRow(), 301)),
                Arguments.of("credit note moved to another invoice", update("credit_notes", creditNoteRow(),
                        with(creditNoteRow(), "invoice_id", 1002L, "amount_clp", 260_000L), 302)),
                Arguments.of("payment", insert("payments", paymentRow(), 400)),
                Arguments.of("payment from ISO date and numeric text", insert("payments",
                        with(paymentRow(), "paid_on", "2025-02-10", "amount_clp", "400000", "reversed", null), 401)),
                Arguments.of("payment reversed", update("payments", paymentRow(), with(paymentRow(), "reversed", Boolean.TRUE), 402)),
                Arguments.of("payment delete", delete("payments", paymentRow(), 403)),
                Arguments.of("payment moved to another invoice", update("payments", paymentRow(),
                        with(paymentRow(), "invoice_id", 1002L), 404)),
                Arguments.of("payment update on the same invoice, id as Integer", update("payments", paymentRow(),
                        with(paymentRow(), "invoice_id", 1001, "amount_clp", 450_000L), 405)),
                Arguments.of("wrong RUT check digit", insert("customers", with(customerRow(), "rut", "12.345.678-4"), 1)),
                Arguments.of("invoice without total", insert("invoices", with(invoiceRow(), "total_clp", null), 1)),
                Arguments.of("negative payment", insert("payments", with(paymentRow(), "amount_clp", -400_000L), 1)),
                Arguments.of("fractional invoice total", insert("invoices", with(invoiceRow(), "total_clp", "1250000.50"), 1)),
                Arguments.of("fractional Double payment", insert("payments", with(paymentRow(), "amount_clp", 400_000.5d), 1)),
                Arguments.of("non-numeric total", insert("invoices", with(invoiceRow(), "total_clp", "$1.250.000"), 1)),
                Arguments.of("total beyond a long", insert("invoices", with(invoiceRow(), "total_clp", "100000000000000000000"), 1)),
                Arguments.of("due date before issue", insert("invoices", with(invoiceRow(), "due_date", JAN_1_EPOCH_DAY - 1), 1)),
                Arguments.of("due date on issue", insert("invoices", with(invoiceRow(), "due_date", JAN_1_EPOCH_DAY), 1)),
                Arguments.of("folio 0", insert("invoices", with(invoiceRow(), "folio", 0L), 1)),
                Arguments.of("unparseable date", insert("payments", with(paymentRow(), "paid_on", "10-02-2025"), 1)),
                Arguments.of("unknown table", insert("orders", Map.of("id", 1L), 1)),
                Arguments.of("truncate", new RawChange(CLIENT, SCHEMA, "invoices", 't', null, null, 1)),
                Arguments.of("delete without before-image", delete("payments", null, 1)),
                Arguments.of("create without after-image", insert("invoices", null, 1)),
                Arguments.of("every event carries client and position", update("payments", paymentRow(),
                        with(paymentRow(), "invoice_id", 1002L), 777))));
        for (short dte : new short[] {39, 41, 61, 99, 0}) {
            cases.add(Arguments.of("DTE " + dte, insert("invoices", with(invoiceRow(), "dte_type", dte), 1)));
        }
        for (String currency : new String[] {"USD", "CLF", "EUR"}) {
            cases.add(Arguments.of("currency " + currency, insert("invoices", with(invoiceRow(), "currency", currency), 1)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoErpNormalizerTestCases")
    void givesTheSameAnswerAsTheCode(String name, RawChange change) {
        Answer code = Answer.of(CODE, change);
        assertThat(Answer.of(PROFILE, change)).as(name).isEqualTo(code);
    }

    @Test
    void bothRetractAMovedCreditNoteFromItsOldInvoiceFirst() {
        RawChange moved = update("credit_notes", creditNoteRow(), with(creditNoteRow(), "invoice_id", 1002L), 5);
        List<CanonicalEvent> events = PROFILE.normalize(moved);
        assertThat(events).hasSize(2).isEqualTo(CODE.normalize(moved));
        assertThat(events.get(0).invoiceId()).isEqualTo("1001");
        assertThat(events.get(0).deleted()).isTrue();
        assertThat(events.get(1).invoiceId()).isEqualTo("1002");
        assertThat(events.get(1).deleted()).isFalse();
    }

    /**
     * Random single and double faults on random tables and operations (updates move rows between invoices): the
     * answers must agree, except where {@link #knownDifference} names why not.
     */
    @Test
    void givesTheSameAnswerOn20000RandomVariations() {
        Random random = new Random(20_250_101);
        int rejected = 0;
        int moved = 0;
        int differences = 0;
        for (int i = 0; i < 20_000; i++) {
            RawChange change = randomChange(random, i);
            Answer code = Answer.of(CODE, change);
            Answer profile = Answer.of(PROFILE, change);
            if (!profile.equals(code)) {
                if (!knownDifference(code, profile)) {
                    fail("change %s: DemoErpNormalizer answered %s, the demo-erp profile %s", change, code, profile);
                }
                differences++;
            }
            rejected += code.rejected() ? 1 : 0;
            moved += !code.rejected() && code.events().size() == 2 ? 1 : 0;
        }
        // the variations exercise both sides: many rejections, many accepted rows, some moves
        assertThat(rejected).isBetween(5_000, 15_000);
        assertThat(moved).isGreaterThan(300);
        assertThat(differences).as("the known differences are rare corners").isLessThan(400);
    }

    /**
     * The two differences on purpose. (1) A DTE type written as text that is no number: the code says "not a whole
     * number", the profile names the {@code dte_codes} table that could translate it; same field, a reason that
     * says more. (2) An update whose invoice reference changes only in notation ({@code 1002} → {@code " 1002 "}):
     * the code compares the raw values and retracts the payment from the invoice it stays on (harmless downstream,
     * where a live version beats a deletion at the same position); the profile compares the ids it reads and emits
     * only the live version.
     */
    private static boolean knownDifference(Answer code, Answer profile) {
        if (code.rejected() && profile.rejected()) {
            return code.field().equals("dte_type") && profile.field().equals("dte_type")
                    && code.reason().startsWith("not a whole number")
                    && profile.reason().startsWith("unknown DTE code") && profile.reason().contains("dte_codes");
        }
        return !code.rejected() && !profile.rejected() && code.events().size() == 2
                && code.events().get(0).deleted()
                && code.events().get(0).invoiceId().equals(code.events().get(1).invoiceId())
                && profile.events().equals(List.of(code.events().get(1)));
    }

    @Test
    void onPurposeTheProfileRejectsAReversedFlagThatIsNeitherYesNorNo() {
        // DemoErpNormalizer reads anything but true/t/1 as "not reversed": a typo would count the payment
        RawChange change = insert("payments", with(paymentRow(), "reversed", "yes please"), 1);
        assertThat(CODE.normalize(change).get(0).deleted()).isFalse();
        RejectedRowException e = org.assertj.core.api.Assertions.catchThrowableOfType(RejectedRowException.class,
                () -> PROFILE.normalize(change));
        assertThat(e.field()).isEqualTo("reversed");
        assertThat(e.reason()).contains("not a yes/no value").contains("'yes please'");
        // and reads "si"/"yes" as reversed, where the code reads them as not reversed
        RawChange si = insert("payments", with(paymentRow(), "reversed", "si"), 2);
        assertThat(CODE.normalize(si).get(0).deleted()).isFalse();
        assertThat(PROFILE.normalize(si).get(0).deleted()).isTrue();
    }

    @Test
    void onPurposeTheProfileDoesNotCutATimestampToItsFirstTenCharacters() {
        // "2025-02-10T02:00:00Z" is Feb 9 in Santiago; the code takes Feb 10. The demo profile reads dates only
        // (Debezium sends DATE as epoch days); a profile for timestamp columns lists iso-timestamp.
        RawChange change = insert("payments", with(paymentRow(), "paid_on", "2025-02-10T02:00:00Z"), 1);
        assertThat(CODE.normalize(change).get(0)).extracting("paidOn").hasToString("2025-02-10");
        RejectedRowException e = org.assertj.core.api.Assertions.catchThrowableOfType(RejectedRowException.class,
                () -> PROFILE.normalize(change));
        assertThat(e.field()).isEqualTo("paid_on");
        assertThat(e.reason()).contains("not a date").contains("expected yyyy-MM-dd");
    }

    // --- random variations

    private static final String[] TABLES = {"customers", "invoices", "credit_notes", "payments"};
    private static final char[] OPS = {'c', 'r', 'u', 'u', 'u', 'd'};
    private static final Object[] VALUES = {null, "", "  ", "abc", -1L, 0L, 7L, 1001L, 1002L, 1001, "1001", " 1002 ",
            (short) 33, (short) 34, (short) 39, (short) 56, (short) 61, "33", "56", 20_089, 20_119, 20_088,
            "2025-01-01", "2025-02-10", "10-02-2025", "2025-13-01", "1250000", "1250000.00", "1250000.50",
            1_250_000.5d, 1_250_000.0d, new BigDecimal("400000.00"), new BigDecimal("400000.10"),
            "100000000000000000000", -400_000L, "12.345.678-5", "12.345.678-4", "76354771-k", "CLP", "clp ", "USD",
            Boolean.TRUE, Boolean.FALSE};
    /** Values on which the code's lenient flag and the profile's strict one agree. */
    private static final Object[] FLAGS = {null, Boolean.TRUE, Boolean.FALSE, "true", "false", "t", "f", "T", "1", "0",
            1L, 0L};
    private static final Object[] INVOICE_REFS = {1001L, 1002L, 1001, "1001", 1003L, null, "x"};

    private static RawChange randomChange(Random random, int i) {
        String table = random.nextInt(50) == 0 ? "orders" : TABLES[random.nextInt(TABLES.length)];
        char op = random.nextInt(200) == 0 ? 't' : OPS[random.nextInt(OPS.length)];
        Map<String, Object> row = mutate(random, base(table));
        if (random.nextInt(100) == 0) {
            row = null;
        }
        return switch (op) {
            case 'u' -> {
                Map<String, Object> before = base(table);
                if (before.containsKey("invoice_id") && random.nextBoolean()) {
                    before.put("invoice_id", INVOICE_REFS[random.nextInt(INVOICE_REFS.length)]);
                }
                yield new RawChange(CLIENT, SCHEMA, table, 'u', random.nextInt(20) == 0 ? null : before, row, i);
            }
            case 'd' -> new RawChange(CLIENT, SCHEMA, table, 'd', row, null, i);
            default -> new RawChange(CLIENT, SCHEMA, table, op, null, row, i);
        };
    }

    private static Map<String, Object> base(String table) {
        return switch (table) {
            case "customers" -> customerRow();
            case "invoices" -> invoiceRow();
            case "credit_notes" -> creditNoteRow();
            case "payments" -> paymentRow();
            default -> new HashMap<>(Map.of("id", 1L));
        };
    }

    private static Map<String, Object> mutate(Random random, Map<String, Object> row) {
        List<String> fields = new ArrayList<>(row.keySet());
        fields.sort(null); // HashMap order is not part of the seed
        int faults = random.nextInt(3);
        for (int f = 0; f < faults; f++) {
            String field = fields.get(random.nextInt(fields.size()));
            Object[] pool = field.equals("reversed") ? FLAGS : VALUES;
            row.put(field, pool[random.nextInt(pool.length)]);
        }
        return row;
    }
}
