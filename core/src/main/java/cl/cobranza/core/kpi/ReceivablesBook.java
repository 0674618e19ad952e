package cl.cobranza.core.kpi;

import cl.cobranza.core.state.Versions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * One client's open receivables grouped by due date, kept up to date by replacing each invoice's
 * previous contribution with its new one. Overdue totals for any date are then a walk over the
 * (few hundred) distinct due dates instead of over every invoice.
 */
public final class ReceivablesBook {
    private final TreeMap<Long, long[]> byDueDay = new TreeMap<>(); // epoch day -> {open CLP, invoices}
    private long version;

    /** What one invoice adds to the book: its open balance and due date; absent when it is closed. */
    public record Contribution(long openClp, LocalDate dueDate) {
        /** The contribution of an invoice with this open balance, or null when it adds nothing. */
        public static Contribution of(long openClp, LocalDate dueDate) {
            return openClp > 0 && dueDate != null ? new Contribution(openClp, dueDate) : null;
        }
    }

    /** Replaces an invoice's previous contribution (null if none) by its current one (null if none). */
    public void replace(Contribution previous, Contribution current) {
        if (previous != null) {
            add(previous.dueDate().toEpochDay(), -previous.openClp(), -1);
        }
        if (current != null) {
            add(current.dueDate().toEpochDay(), current.openClp(), 1);
        }
    }

    private void add(long day, long amount, int count) {
        long[] cell = byDueDay.computeIfAbsent(day, d -> new long[2]);
        cell[0] += amount;
        cell[1] += count;
        if (cell[0] == 0 && cell[1] == 0) {
            byDueDay.remove(day);
        }
    }

    /**
     * Open and overdue receivables of the invoices in the book, with overdue judged as of a date (due
     * before asOf). The book holds current balances, so this is the live view for today; as-of views of
     * past dates (facts dated after d excluded) come from the oracle over the full fact history.
     */
    public ClientReceivables asOf(String clientId, LocalDate asOf) {
        long open = 0;
        long overdue = 0;
        long openCount = 0;
        long overdueCount = 0;
        long asOfDay = asOf.toEpochDay();
        for (Map.Entry<Long, long[]> e : byDueDay.entrySet()) {
            long[] cell = e.getValue();
            open += cell[0];
            openCount += cell[1];
            if (e.getKey() < asOfDay) {
                overdue += cell[0];
                overdueCount += cell[1];
            }
        }
        return new ClientReceivables(clientId, asOf, open, overdue, openCount, overdueCount, version);
    }

    /** Advances the book's version for a new row (see {@link Versions}). */
    public long nextVersion(long nowMillis) {
        version = Versions.next(version, nowMillis);
        return version;
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + byDueDay.size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(version);
            out.writeInt(byDueDay.size());
            for (Map.Entry<Long, long[]> e : byDueDay.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue()[0]);
                out.writeLong(e.getValue()[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ReceivablesBook decode(byte[] data) {
        ReceivablesBook book = new ReceivablesBook();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            book.version = in.readLong();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                book.byDueDay.put(in.readLong(), new long[] {in.readLong(), in.readLong()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return book;
    }
}
