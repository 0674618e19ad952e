package cl.cobranza.api.export;

import java.io.ByteArrayOutputStream;

/** Keeps what is written and counts it, so a test can see how much reached the stream at a given moment. */
final class CountingOutputStream extends ByteArrayOutputStream {
    private boolean closed;

    @Override
    public synchronized void write(int b) {
        super.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        super.write(b, off, len);
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }
}
