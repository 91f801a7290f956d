package org.bmsbench.hil.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal pair from socat ({@code socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B}): bytes
 * written to one end come out of the other, through the kernel's tty layer, as over a null-modem cable. Shared
 * with bench-ui's command tests (hil-bridge's test jar).
 */
public final class PtyPair implements AutoCloseable {
    public final Path a;
    public final Path b;
    private final Process socat;

    /** The pair, once socat has made both links (a deadline for a slow, busy machine, not a timing). */
    public PtyPair(Path a, Path b) throws IOException, InterruptedException {
        this.a = a;
        this.b = b;
        socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !socat.isAlive()) {
                socat.destroyForcibly();
                throw new IOException("socat did not create " + a + " and " + b + " (is socat installed?)");
            }
            Thread.sleep(10);
        }
    }

    /** Whether socat is installed here. */
    public static boolean available() {
        try {
            return new ProcessBuilder("socat", "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
    }
}
