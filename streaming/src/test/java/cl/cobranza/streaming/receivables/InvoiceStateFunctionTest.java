package cl.cobranza.streaming.receivables;

import cl.cobranza.core.collection.Channel;
import cl.cobranza.core.collection.Outcome;
import cl.cobranza.core.collection.PromiseToPay;
import cl.cobranza.core.events.ActionRecorded;
import cl.cobranza.core.events.CanonicalEvent;
import cl.cobranza.core.events.InvoiceChanged;
import cl.cobranza.core.events.PromiseChanged;
import cl.cobranza.core.state.Activity;
import cl.cobranza.core.state.InvoiceSnapshot;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invoice-state operator on a MiniCluster: an action or a promise alone emits a new snapshot with a
 * higher version and current activity; promises are judged as of today (their dates here are long past).
 */
class InvoiceStateFunctionTest {
    private static final String CLIENT = "isf";
    private static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
    private static final LocalDate FEB_10 = LocalDate.of(2025, 2, 10);

    @Test
    void anActionOrAPromiseAloneEmitsANewerSnapshotWithItsActivity() throws Exception {
        List<CanonicalEvent> events = List.of(
                new InvoiceChanged(CLIENT, "F-1", "D-7", 33, 1001, JAN_1, LocalDate.of(2025, 1, 31), 1_000_000, false, 10),
                new ActionRecorded(CLIENT, "a1", "F-1", FEB_10, Channel.CALL, Outcome.PROMISED_TO_PAY, 6, false, 11),
                new ActionRecorded(CLIENT, "a1", "F-1", FEB_10, Channel.CALL, Outcome.PROMISED_TO_PAY, 6, false, 11),
                new PromiseChanged(CLIENT, "pr1", "F-1", FEB_10, LocalDate.of(2025, 2, 20), 400_000, false, 12));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<InvoiceSnapshot> snapshots = new ArrayList<>();
        try (CloseableIterator<InvoiceUpdate> out = env.fromData(events, TypeInformation.of(CanonicalEvent.class)).keyBy(InvoiceStateFunction::key)
                .process(new InvoiceStateFunction(Duration.ofMinutes(5), ZoneId.of("America/Santiago"),
                        TermsBook.ofDefaults()))
                .executeAndCollect()) {
            out.forEachRemaining(u -> snapshots.add(u.snapshot()));
        }

        // the duplicate action changes nothing, so three snapshots: header, action, promise
        assertThat(snapshots).hasSize(3);
        assertThat(snapshots.get(1).version()).isGreaterThan(snapshots.get(0).version());
        assertThat(snapshots.get(2).version()).isGreaterThan(snapshots.get(1).version());
        assertThat(snapshots.get(0).activity()).isEqualTo(Activity.NONE);
        assertThat(snapshots.get(1).activity().lastAction())
                .isEqualTo(new Activity.LastAction(FEB_10, Channel.CALL, Outcome.PROMISED_TO_PAY));
        // promised Feb 20, 2025 + 3 grace days is long past and nothing was paid: broken as of today
        PromiseToPay promise = new PromiseToPay(FEB_10, LocalDate.of(2025, 2, 20), 400_000);
        assertThat(snapshots.get(2).activity()).isEqualTo(new Activity(snapshots.get(1).activity().lastAction(), 1,
                promise, 1, List.of(), List.of(snapshots.get(1).activity().lastAction()), List.of(promise)));
        assertThat(snapshots.get(2).openClp()).isEqualTo(1_000_000);
    }
}
