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
import org.bmsbench.can.CandumpWriter;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.scenario.Scenario;
import org.bmsbench.scenario.ScenarioBus;
import org.bmsbench.scenario.Segment;

/**
 * A scenario's CAN bus, in the process and on the simulated clock: the BMS's {@link BmsCanNode} on one end, the
 * scenario's {@link CanVehicle} on the other. Every frame can be kept as a candump log, in simulated time from the
 * run's start.
 */
public final class CanScenarioBus implements ScenarioBus {
    private static final AtomicLong OPENED = new AtomicLong();

    private final CanVehicle vehicle;
    private final BmsCanNode node;
    private final CanBus bmsEnd;
    private final CanBus vehicleEnd;
    private final CandumpWriter log;

    /** Buses for a runner; {@code logFile} names each run's candump log, or gives null for none. */
    public static ScenarioBus.Factory factory(Function<Scenario, Path> logFile) {
        return (scenario, firmware, listener) -> new CanScenarioBus(scenario, firmware, listener,
                logFile.apply(scenario));
    }

    /**
     * @throws IllegalArgumentException when the scenario names an unknown profile, or a message, signal or request
     *                                  the profile does not have (with the scenario's file)
     */
    public CanScenarioBus(Scenario scenario, BmsFirmware firmware, Listener listener, Path logFile) {
        String bus = "virtual:scenario-" + OPENED.incrementAndGet();
        this.bmsEnd = CanBuses.open(bus);
        this.vehicleEnd = CanBuses.open(bus);
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

    /** After each firmware tick: the vehicle's frames, the BMS's node, then what the BMS sent. */
    @Override
    public void afterTick(long nowNs) {
        vehicle.sendDue(nowNs);
        node.afterTick(nowNs);
        vehicle.receive(nowNs);
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
        if (log != null) {
            log.close();
        }
    }
}
