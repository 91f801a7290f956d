package org.bmsbench.can.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.bmsbench.can.CanBus;
import org.bmsbench.can.CanBuses;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.CandumpWriter;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioBus;
import org.bmsbench.scenario.Segment;

/**
 * A scenario's CAN bus, in the process and on the simulated clock: the BMS's {@link BmsCanNode} on one end, the
 * scenario's {@link CanVehicle} on the other. Every frame can be kept as a candump log, in simulated time from the
 * run's start, and mirrored onto a live bus as it happens (for a team's own CAN tools to watch the run): a third
 * member of the scenario's bus hears both ends, and after each tick what it heard is sent on the live bus. Frames
 * from the live bus are taken and counted by that bus, never acted on: the vehicle is the scenario's.
 */
public final class CanScenarioBus implements ScenarioBus {
    private static final AtomicLong OPENED = new AtomicLong();

    private final CanVehicle vehicle;
    private final BmsCanNode node;
    private final CanBus bmsEnd;
    private final CanBus vehicleEnd;
    private final CandumpWriter log;
    private final CanBus mirrorEnd;
    private final CanBus live;
    private final CanFrame mirrored = new CanFrame();

    /** Buses for a runner; {@code logFile} names each run's candump log, or gives null for none. */
    public static ScenarioBus.Factory factory(Function<Scenario, Path> logFile) {
        return factory(logFile, null);
    }

    /**
     * Buses for a runner whose traffic is also sent on {@code live} (null: none), which stays open for the next
     * run: its owner closes it.
     */
    public static ScenarioBus.Factory factory(Function<Scenario, Path> logFile, CanBus live) {
        return (scenario, firmware, listener) -> new CanScenarioBus(scenario, firmware, listener,
                logFile.apply(scenario), live);
    }

    /**
     * @throws IllegalArgumentException when the scenario names an unknown profile, or a message, signal or request
     *                                  the profile does not have (with the scenario's file)
     */
    public CanScenarioBus(Scenario scenario, BmsFirmware firmware, Listener listener, Path logFile, CanBus live) {
        String bus = "virtual:scenario-" + OPENED.incrementAndGet();
        this.bmsEnd = CanBuses.open(bus);
        this.vehicleEnd = CanBuses.open(bus);
        this.mirrorEnd = live == null ? null : CanBuses.open(bus);
        this.live = live;
        try {
            if (logFile != null && logFile.getParent() != null) {
                Files.createDirectories(logFile.getParent());
            }
            this.log = logFile == null ? null : new CandumpWriter(logFile);
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot write the CAN log " + logFile + ": " + e.getMessage(), e);
        }
        try {
            this.vehicle = new CanVehicle(scenario, scenario.canProfile(), vehicleEnd, listener, log);
        } catch (IllegalArgumentException e) {
            close();
            throw e;
        }
        this.node = new BmsCanNode(vehicle.profile(), firmware, bmsEnd);
    }

    @Override
    public void request(BmsRequest request) {
        vehicle.request(request);
    }

    @Override
    public void send(Segment.CanSegment segment) {
        vehicle.send(segment);
    }

    @Override
    public double dischargeLimitA() {
        return vehicle.dischargeLimitA();
    }

    @Override
    public double chargeLimitA() {
        return vehicle.chargeLimitA();
    }

    /** After each firmware tick: the vehicle's frames, the BMS's node, what the BMS sent, then the live bus. */
    @Override
    public void afterTick(long nowNs) {
        vehicle.sendDue(nowNs);
        node.afterTick(nowNs);
        vehicle.receive(nowNs);
        if (live != null) {
            mirror();
        }
    }

    /** Both ends' frames, in the order sent, onto the live bus; what arrived from it taken (the bus counts it). */
    private void mirror() {
        while (mirrorEnd.receive(mirrored)) {
            live.send(mirrored);
        }
        while (live.receive(mirrored)) {
            // taken so that the bus's queue does not fill; the bus has counted it
        }
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "CAN (%s profile): the vehicle sent %d frames, the BMS %d;"
                + " BMS side %s", vehicle.profile().id(), vehicle.framesSent(), vehicle.framesReceived(),
                bmsEnd.counters());
    }

    @Override
    public void close() {
        bmsEnd.close();
        vehicleEnd.close();
        if (mirrorEnd != null) {
            mirrorEnd.close();
        }
        if (log != null) {
            log.close();
        }
    }
}
