package org.bmsbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBusSplit;
import org.bmsbench.can.profile.BmsCanNode;
import org.bmsbench.can.sensor.CanSensorPort;
import org.bmsbench.can.sensor.SensorMessages;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.firmware.BmsConfig;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.diag.Diagnosis;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.firmware.loop.IdleStrategy;
import org.bmsbench.hil.host.HilPort;
import org.bmsbench.hil.host.HilSession;
import org.bmsbench.hil.host.LinkStats;
import org.bmsbench.hil.protocol.FrameDecoder;
import org.bmsbench.hil.transport.SerialLink;
import org.bmsbench.mqtt.HilTelemetry;
import org.bmsbench.mqtt.MqttSettings;
import org.bmsbench.port.Measurements;
import org.bmsbench.realtime.JitWarmUp;
import org.bmsbench.scenario.FirmwareEvents;
import org.bmsbench.scenario.ScenarioEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The unchanged firmware in real time against a board: on a serial port ({@code docs/hil-protocol.md}), or sensors
 * and an I/O node on a CAN bus ({@code docs/can.md}).
 */
@Command(name = "hil", mixinStandardHelpOptions = true,
        description = {"Run the BMS firmware in real time against a board: on a serial port (--port: measurements"
                + " from its reports, balancing and contactor commands to it), or with its sensors on a CAN bus (--can"
                + " without --port: foxBMS's AFE_CellVoltages and AFE_CellTemperatures, an IVT-S, an iso165C, and the"
                + " bench's I/O node for the contactors and bleed switches; the vehicle on the same bus). With both,"
                + " the board is on the serial port and the BMS's vehicle messages on the bus. Prints a status line a"
                + " second and the firmware's events; on exit (or Ctrl-C) a summary of the link and the control loop's"
                + " period jitter.", "Exit status: 0 for a session run in time that ends without a fatal fault; 1 when"
                + " the loop could not keep its period (the firmware latched CONTROL_LOOP_OVERRUN, or more than 10 %%"
                + " of the periods were skipped: the host is overloaded) or a fatal fault is raised at the end; 2 for"
                + " bad input or no board."})
final class HilCommand implements Callable<Integer> {
    /**
     * The firmware's default overrun tolerance (2 ms) is an MCU's. A JVM on a desktop or CI machine starts a tick
     * a few ms late now and then (measured here: p99.9 2.2 ms, max 3.2 ms), which would latch
     * CONTROL_LOOP_OVERRUN within seconds; without a configuration of its own, {@code hil} allows 20 ms.
     */
    static final int DESKTOP_TOLERANCE_MS = 20;
    private static final String DESKTOP_TASKS = "tasks: {overrun_tolerance_ms: " + DESKTOP_TOLERANCE_MS + "}";
    /**
     * More skipped periods than this share is a loop that did not keep its period, whatever the firmware's
     * tolerance let pass: its measurement and protection rates were not what its configuration says. (Measured on
     * 2 cores with the board emulated beside it: 0.4-3.8 % idle, 40 % with two CPU hogs running.)
     */
    static final double MAX_SKIPPED_SHARE = 0.10;
    private static final long SILENT_NS = 500_000_000L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "PATH", description = "The board's serial port, e.g. /dev/ttyUSB0.")
    private String port;

    @Option(names = "--baud", defaultValue = "921600", paramLabel = "N",
            description = "Baud rate (default: ${DEFAULT-VALUE}).")
    private int baud;

    @Option(names = "--config", paramLabel = "BMS.yaml", description = "The BMS configuration (default: the bundled"
            + " defaults, docs/bms-config.md).")
    private Path config;

    @Option(names = "--duration-s", paramLabel = "S", description = "Stop after this long (default: until Ctrl-C).")
    private Double durationS;

    @Option(names = "--connect-timeout-s", defaultValue = "10", paramLabel = "S",
            description = "How long to wait for the board's HELLO, or on CAN its layout and first data (default:"
                    + " ${DEFAULT-VALUE}).")
    private double connectTimeoutS;

    @Mixin
    private IdleOption idle;

    @Mixin
    private MqttOptions mqttOptions;

    @Option(names = "--pack-id", defaultValue = "hil", paramLabel = "ID",
            description = "With --mqtt: the pack's topic level, bmsbench/ID/... (default: ${DEFAULT-VALUE}).")
    private String packId;

    @Mixin
    private CanOptions canOptions;

    /**
     * The session and its board: the link's part of the status line ({@code link}, given the session's time), the
     * summary's lines about it, and how it closes.
     */
    private record Board(HilSession<?> session, LongFunction<String> link, Consumer<PrintWriter> summary,
                         Runnable close) {
    }

    @Override
    public Integer call() throws InterruptedException {
        IdleStrategy idleStrategy = idle.strategy();
        if (durationS != null && !(durationS > 0)) {
            throw new IllegalArgumentException("--duration-s must be above zero, got " + durationS);
        }
        canOptions.check();
        if (port == null && !canOptions.enabled()) {
            throw new IllegalArgumentException("give the board's serial port with --port, or the CAN bus its sensors"
                    + " are on with --can (docs/can.md)");
        }
        PrintWriter out = spec.commandLine().getOut();
        BmsConfig bms;
        if (config == null) {
            bms = BmsConfigFiles.withOverrides(ConfigNode.parse("hil defaults", DESKTOP_TASKS));
            out.println("BMS configuration: the defaults, with tasks.overrun_tolerance_ms " + DESKTOP_TOLERANCE_MS
                    + " for a desktop JVM (give --config to choose)");
        } else {
            bms = BmsConfigFiles.read(config);
        }
        String missing = port == null ? null : SerialLink.missing(port); // said before the warm-up, not after it
        if (missing != null) {
            throw new IllegalArgumentException(missing);
        }
        // everything that takes time first, while nothing waits for us (the broker's login check, the JIT warm-up
        // and its settling): once the port is open the board expects a frame every 100 ms and trips its watchdog
        // after 500 ms of silence
        // (a board on CAN waits: it starts with the first coil command, so its layout is asked for first)
        long connectTimeoutNs = Math.round(connectTimeoutS * 1e9);
        CanBoardFound can = port == null ? awaitCanBoard(out, connectTimeoutNs) : null;
        MqttSettings mqttSettings = mqttOptions.enabled() ? mqttOptions.settings(out, packId) : null;
        HilSession.warmUp(bms, HilSession.WARM_UP_CELLS, JitWarmUp.SIMULATED_S);
        JitWarmUp.settle();
        Board board = can == null ? serialBoard(out, bms, connectTimeoutNs) : canBoard(bms, can, connectTimeoutNs);
        HilSession<?> session = board.session();
        HilTelemetry telemetry = null;
        if (mqttSettings != null) { // connects on its own thread while the session runs: the board cannot wait
            telemetry = new HilTelemetry(mqttSettings, packId, session);
        }
        long durationNs = durationS == null ? Long.MAX_VALUE : Math.round(durationS * 1e9);
        Thread loop = new Thread(() -> session.run(durationNs, idleStrategy), "bms-control-loop");
        loop.setPriority(Thread.MAX_PRIORITY);
        CountDownLatch summarised = new CountDownLatch(1);
        Thread hook = new Thread(() -> { // Ctrl-C: stop the loop, let the summary print, then exit
            session.stop();
            try {
                summarised.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        loop.start();
        FirmwareEvents events = new FirmwareEvents(session.firmware().events());
        List<ScenarioEvent> all = new ArrayList<>();
        int printed = 0;
        long nextStatusMs = 1000;
        while (loop.isAlive()) {
            loop.join(100);
            events.drain(all, null);
            printed = EventLines.print(out, all, printed);
            if (session.nowNs() / 1_000_000 >= nextStatusMs) {
                out.println(status(session, board.link().apply(session.nowNs())));
                out.flush();
                nextStatusMs += 1000;
            }
        }
        events.drain(all, null);
        EventLines.print(out, all, printed);
        out.printf(Locale.ROOT, "ran %.1f s, %d ticks, %d periods skipped; state %s%n", session.nowNs() / 1e9,
                session.ticks(), session.skippedPeriods(), session.firmware().state().id());
        board.summary().accept(out);
        faultsAndJitter(out, session, all);
        int exitCode = verdict(out, session);
        if (telemetry != null) {
            telemetry.close();
            out.println(telemetry.mqtt().summary());
        }
        mqttOptions.close();
        out.flush();
        board.close().run();
        summarised.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for the summary above
        }
        return exitCode;
    }

    /** A board on the serial port; the BMS's vehicle messages on --can when given. */
    private Board serialBoard(PrintWriter out, BmsConfig bms, long connectTimeoutNs) throws InterruptedException {
        SerialLink link = new SerialLink(port, baud);
        if (!link.isUp()) {
            throw new IllegalArgumentException(link.lastProblem());
        }
        out.printf(Locale.ROOT, "waiting for a board on %s at %d baud%n", port, baud);
        out.flush();
        HilPort hilPort = HilPort.connect(link, "bmsbench hil", connectTimeoutNs);
        if (hilPort == null) {
            link.close();
            throw new IllegalArgumentException("no board answered the HELLO on " + port + " within "
                    + connectTimeoutS + " s");
        }
        out.printf(Locale.ROOT, "board '%s': %d cells, %d temperature sensors, %d boards, reports every %d ms%n",
                hilPort.board().name(), hilPort.board().cells(), hilPort.board().temperatures(),
                hilPort.board().boards(), hilPort.board().reportPeriodMs());
        HilSession<HilPort> session = new HilSession<>(bms, hilPort);
        CanBus canBus = null;
        if (canOptions.enabled()) {
            canBus = canOptions.open();
            session.setCanNode(new BmsCanNode(canOptions.canProfile(), session.firmware(), canBus));
            out.printf(Locale.ROOT, "on CAN bus %s with the %s profile%n", canBus.address(), canOptions.profile);
        }
        CanBus vehicleBus = canBus;
        return new Board(session, nowNs -> {
            LinkStats s = hilPort.stats();
            FrameDecoder d = hilPort.decoder();
            String state = !hilPort.handshaken() ? "waiting for the board's reports"
                    : hilPort.silenceNs(nowNs) < SILENT_NS ? "up" : "silent";
            return String.format(Locale.ROOT, "link %s, %d reports, %d errors", state,
                    s.measurements(), d.crcErrors() + d.stuffingErrors() + d.oversized() + d.tooShort()
                            + d.versionErrors() + s.malformed());
        }, text -> {
            serialSummary(text, hilPort, link);
            if (vehicleBus != null) {
                text.println("CAN " + vehicleBus.address() + ": " + vehicleBus.counters());
            }
        }, () -> {
            if (vehicleBus != null) {
                vehicleBus.close();
            }
            link.close();
        });
    }

    /** The CAN bus, shared by the sensor port and the vehicle node, and the layout its I/O node announced. */
    private record CanBoardFound(CanBusSplit split, CanSensorPort.Layout layout) {
    }

    private CanBoardFound awaitCanBoard(PrintWriter out, long connectTimeoutNs) throws InterruptedException {
        CanBusSplit split = new CanBusSplit(canOptions.open(), SensorMessages::isSensorId);
        String address = split.claimed().address();
        out.printf(Locale.ROOT, "waiting for the I/O node's IoBoardInfo on CAN bus %s%n", address);
        out.flush();
        CanSensorPort.Layout layout = CanSensorPort.awaitLayout(split.claimed(), connectTimeoutNs);
        if (layout == null) {
            split.close();
            throw new IllegalArgumentException("no IoBoardInfo on " + address + " within " + connectTimeoutS
                    + " s: is the I/O node on the bus, at the same bit rate? (docs/can.md)");
        }
        out.printf(Locale.ROOT, "sensors on CAN: %d cells, %d temperature sensors, %d boards; the vehicle's messages"
                + " in the %s profile%n", layout.cells(), layout.temperatureSensors(), layout.boards(),
                canOptions.profile);
        return new CanBoardFound(split, layout);
    }

    /** Sensors and the I/O node on the CAN bus, which the BMS's vehicle messages share. */
    private Board canBoard(BmsConfig bms, CanBoardFound found, long connectTimeoutNs) throws InterruptedException {
        CanBusSplit split = found.split();
        String address = split.claimed().address();
        CanSensorPort sensors;
        try {
            sensors = new CanSensorPort(split.claimed(), found.layout());
        } catch (IllegalArgumentException e) {
            split.close();
            throw e;
        }
        HilSession<CanSensorPort> session = new HilSession<>(bms, sensors);
        session.setCanNode(new BmsCanNode(canOptions.canProfile(), session.firmware(), split.rest()));
        if (!sensors.awaitData(connectTimeoutNs)) {
            split.close();
            throw new IllegalArgumentException("the board on " + address + " announced itself but sent no whole"
                    + " conversion and current result within " + connectTimeoutS + " s");
        }
        return new Board(session, nowNs -> {
            CanSensorPort.Stats s = sensors.stats();
            String state = s.boardWatchdog() ? "board in its safe state"
                    : sensors.silenceNs(nowNs) < SILENT_NS ? "up" : "silent";
            return String.format(Locale.ROOT, "CAN %s, %d conversions, %d incomplete, %d malformed", state,
                    s.conversions(), s.incompleteRounds(), s.malformed());
        }, text -> {
            CanSensorPort.Stats s = sensors.stats();
            text.printf(Locale.ROOT, "sensors: %d conversions, %d temperature rounds, %d current results, %d isolation"
                            + " results, %d feedback frames; %d incomplete rounds, %d malformed, %d wrong layout; %d"
                            + " commands sent%n", s.conversions(), s.temperatureRounds(), s.currentResults(),
                    s.isolationResults(), s.feedbackFrames(), s.incompleteRounds(), s.malformed(), s.wrongLayout(),
                    s.commandsSent());
            text.println("CAN " + address + ": " + split.claimed().counters());
        }, split::close);
    }

    /**
     * 0 for a session the firmware ran in time and ended without a fatal fault; 1, with the reason, for one
     * whose loop could not keep its period (CONTROL_LOOP_OVERRUN, judged by the firmware with its tolerance)
     * or that ends with a fatal fault raised: such a run proves nothing about the board.
     */
    static int verdict(PrintWriter out, HilSession<?> session) {
        return verdict(out, session.firmware().diagnosis(), session.ticks(), session.skippedPeriods(),
                session.periodError().getValueAtPercentile(99.9));
    }
    /** The verdict from what the firmware raised and how the loop kept time ({@code p999Ns}: the period error). */
    static int verdict(PrintWriter out, Diagnosis diagnosis, long ticks, long skipped, long p999Ns) {
        long periods = ticks + skipped;
        boolean overrun = diagnosis.highestRaised(FaultId.CONTROL_LOOP_OVERRUN) != null;
        boolean overloaded = overrun || skipped > MAX_SKIPPED_SHARE * periods;
        if (overloaded) {
            out.printf(Locale.ROOT, "host overloaded: %d of %d periods skipped, p99.9 %.1f ms late; %s (give the"
                    + " loop a core of its own)%n", skipped, periods, p999Ns / 1e6, overrun
                            ? "the firmware latched CONTROL_LOOP_OVERRUN"
                            : String.format(Locale.ROOT, "more than %.0f %% of the periods", 100 * MAX_SKIPPED_SHARE));
        }
        List<String> fatal = new ArrayList<>();
        for (FaultId id : FaultId.values()) {
            if (diagnosis.isRaised(id, FaultLevel.FATAL) && id != FaultId.CONTROL_LOOP_OVERRUN) {
                fatal.add(id.name());
            }
        }
        if (!fatal.isEmpty()) { // said too when the host was overloaded: each is a reason of its own
            out.println("fatal faults raised at the end: " + String.join(", ", fatal));
        }
        return overloaded || !fatal.isEmpty() ? 1 : 0;
    }

    /** One line: time, state, pack, cells, soc, link. Read from another thread: a display, not a snapshot. */
    static String status(HilSession<?> session, String link) {
        BmsFirmware f = session.firmware();
        Measurements m = session.port().latest();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < m.cellChannelCount(); c++) {
            min = Math.min(min, m.cellVoltageV(c));
            max = Math.max(max, m.cellVoltageV(c));
        }
        return String.format(Locale.ROOT, "%8.1f s  %-9s %7.2f V %8.2f A  cells %.4f-%.4f V  soc %5.1f %%  %s",
                session.nowNs() / 1e9, f.state().id(), m.packVoltageV(), m.packCurrentA(), min, max,
                100 * f.soc().meanSoc(), link);
    }

    private static void serialSummary(PrintWriter out, HilPort port, SerialLink link) {
        LinkStats s = port.stats();
        FrameDecoder d = port.decoder();
        out.printf(Locale.ROOT, "link: %d frames received (%d bytes), %d sent; %d reports with new data, %d"
                        + " repeats; port lost %d times, %d reconnections; %d bytes not sent (nobody reading)%n",
                d.frames(), d.bytes(), s.framesSent(), s.measurements(), s.repeatedConversions(), link.losses(),
                s.reconnections(), link.droppedBytes());
        out.printf(Locale.ROOT, "errors: %d crc, %d stuffing, %d oversized, %d too short, %d version, %d malformed,"
                        + " %d unknown type, %d sequence gaps, %d wrong channel counts, %d commands"
                        + " refused%n", d.crcErrors(), d.stuffingErrors(), d.oversized(), d.tooShort(),
                d.versionErrors(), s.malformed(), s.unknownTypes(), s.sequenceGaps(), s.wrongCounts(),
                s.rejected());
    }

    private static void faultsAndJitter(PrintWriter out, HilSession<?> session, List<ScenarioEvent> events) {
        List<String> faults = new ArrayList<>();
        for (ScenarioEvent e : events) {
            if (e instanceof ScenarioEvent.FaultChanged f && f.raised()) {
                faults.add(String.format(Locale.ROOT, "%s %s at %.3f s", f.id().name(), f.level().id(), f.timeS()));
            }
        }
        out.println("faults raised: " + (faults.isEmpty() ? "none" : String.join("; ", faults)));
        Histogram h = session.periodError();
        out.printf(Locale.ROOT, "control loop period error (%d ticks): p50 %.1f us, p99 %.1f us, p99.9 %.1f us,"
                        + " max %.1f us; %d overruns%n", h.getTotalCount(), h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3,
                session.firmware().overruns());
    }
}
