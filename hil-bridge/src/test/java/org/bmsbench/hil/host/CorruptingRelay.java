package org.bmsbench.hil.host;

import java.util.Random;
import org.bmsbench.hil.transport.ByteStream;

/** Copies bytes both ways between two links, flipping one bit in a fraction of them (a noisy cable). */
final class CorruptingRelay implements AutoCloseable {
    private final ByteStream one;
    private final ByteStream other;
    private final double byteErrorRate;
    private final Random random;
    private final Thread thread = new Thread(this::run, "relay");
    private volatile boolean running = true;
    private volatile long corrupted;

    CorruptingRelay(ByteStream one, ByteStream other, double byteErrorRate, Random random) {
        this.one = one;
        this.other = other;
        this.byteErrorRate = byteErrorRate;
        this.random = random;
    }

    void start() {
        thread.start();
    }

    private void run() {
        byte[] buf = new byte[4096];
        while (running) {
            boolean idle = copy(one, other, buf) == 0 & copy(other, one, buf) == 0;
            if (idle) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(0, 200_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private int copy(ByteStream from, ByteStream to, byte[] buf) {
        int n = from.read(buf, 0, buf.length);
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < byteErrorRate) {
                buf[i] ^= (byte) (1 << random.nextInt(8));
                corrupted++;
            }
        }
        if (n > 0) {
            to.write(buf, 0, n);
        }
        return n;
    }

    long corrupted() {
        return corrupted;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        one.close();
        other.close();
    }
}
