package org.bmsbench.hil.transport;

/** Two {@link ByteStream} ends joined by bounded in-memory pipes, for unit tests; either end can be cut. */
public final class InMemoryLink {
    private final Pipe aToB = new Pipe(1 << 16);
    private final Pipe bToA = new Pipe(1 << 16);
    private volatile boolean up = true;
    private volatile long connections = 1;
    private final ByteStream a = new End(bToA, aToB);
    private final ByteStream b = new End(aToB, bToA);

    public ByteStream a() {
        return a;
    }

    public ByteStream b() {
        return b;
    }

    /** Cuts or rejoins the link; bytes in flight are lost on a cut. */
    public void setUp(boolean value) {
        if (value && !up) {
            connections++;
        }
        if (!value) {
            aToB.clear();
            bToA.clear();
        }
        up = value;
    }

    private final class End implements ByteStream {
        private final Pipe in;
        private final Pipe out;

        End(Pipe in, Pipe out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public int read(byte[] buf, int offset, int length) {
            return up ? in.take(buf, offset, length) : 0;
        }

        @Override
        public void write(byte[] buf, int offset, int length) {
            if (up) {
                out.put(buf, offset, length);
            }
        }

        @Override
        public boolean isUp() {
            return up;
        }

        @Override
        public long connections() {
            return connections;
        }

        @Override
        public void close() {
            setUp(false);
        }
    }

    /** A ring buffer; a write that does not fit is cut short, as a full UART FIFO drops bytes. */
    private static final class Pipe {
        private final byte[] ring;
        private int head;
        private int size;

        Pipe(int capacity) {
            ring = new byte[capacity];
        }

        synchronized void put(byte[] buf, int offset, int length) {
            for (int i = 0; i < length && size < ring.length; i++) {
                ring[(head + size) % ring.length] = buf[offset + i];
                size++;
            }
        }

        synchronized int take(byte[] buf, int offset, int length) {
            int n = Math.min(length, size);
            for (int i = 0; i < n; i++) {
                buf[offset + i] = ring[head];
                head = (head + 1) % ring.length;
            }
            size -= n;
            return n;
        }

        synchronized void clear() {
            size = 0;
        }
    }
}
