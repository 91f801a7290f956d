package org.bmsbench.hil.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.hil.emulator.BoardEmulator;
import org.bmsbench.hil.emulator.EmulatorRun;
import org.bmsbench.hil.transport.ByteStream;
import org.bmsbench.scenario.FirmwareEvents;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioEvent;

/** An emulated board and the firmware, each in its own real-time thread, on the two ends of a link. */
final class HilRig implements AutoCloseable {
    static Scenario scenario(String name) {
        return ScenarioFiles.read(Path.of("src/test/resources/scenarios", name + ".yaml"));
    }

    final Scenario scenario;
    EmulatorRun emulator;
    Thread emulatorThread;
    HilSession<HilPort> host;
    Thread hostThread;

    HilRig(Scenario scenario) {
        this.scenario = scenario;
    }

    void startEmulator(ByteStream end, long maxNs) {
        emulator = new EmulatorRun(new BoardEmulator(scenario, end));
        emulatorThread = new Thread(() -> emulator.run(maxNs, IdleStrategy.parkThenSpin()), "emulator");
        emulatorThread.start();
    }

    void startHost(ByteStream end, long durationNs) throws InterruptedException {
        HilPort port = HilPort.connect(end, "test host", TimeUnit.SECONDS.toNanos(30)); // a busy machine's deadline
        if (port == null) {
            throw new AssertionError("the board did not answer the HELLO");
        }
        HilSession.warmUp(scenario.bms(), port.cellChannelCount(), 20);
        host = new HilSession<>(scenario.bms(), port);
        hostThread = new Thread(() -> host.run(durationNs, IdleStrategy.parkThenSpin()), "host");
        hostThread.start();
    }

    void stopEmulator() throws InterruptedException {
        emulator.stop();
        emulatorThread.join();
    }

    void awaitHost() throws InterruptedException {
        hostThread.join();
    }

    /** The host firmware's events so far. */
    List<ScenarioEvent> hostEvents() {
        List<ScenarioEvent> out = new ArrayList<>();
        new FirmwareEvents(host.firmware().events()).drain(out, null);
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        if (host != null) {
            host.stop();
            hostThread.join();
        }
        if (emulator != null) {
            emulator.stop();
            emulatorThread.join();
        }
    }
}
