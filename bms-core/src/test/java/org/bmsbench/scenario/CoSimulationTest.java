package org.bmsbench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmsbench.config.ConfigNode;
import org.bmsbench.config.ScenarioFiles;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.HardwarePort;
import org.bmsbench.port.Measurements;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.SimulatedPort;
import org.junit.jupiter.api.Test;

/** The one loop's order: what each tick sees of the plant, on either clock. */
class CoSimulationTest {
    private static final long MS = 1_000_000L;

    private final Scenario scenario = ScenarioFiles.parse(ConfigNode.parse("order.yaml", """
            name: order
            pack: {series: 4, initial: {soc: 0.5}}
            simulation: {step_s: 0.01}
            profile:
              - request: {state: normal}
              - current: {current_a: 2, duration_s: 1}
            expect:
              - {state: normal, by_s: 1}
            """), Path.of("."));
    private final List<long[]> reads = new ArrayList<>(); // {tick time, plant time at the tick}

    private CoSimulation simulation() {
        PackPlant plant = new PackPlant(scenario.plant());
        BmsFirmware firmware = new BmsFirmware(scenario.bms(), new RecordingPort(plant));
        ScenarioWorld world = new ScenarioWorld(scenario, plant, ScenarioWorld.Bms.of(firmware), new ArrayList<>());
        return new CoSimulation(plant, firmware, world, scenario.stepNs());
    }

    @Test
    void shouldTickOnTheFirmwaresScheduleWithThePlantAtItsLastStepBoundary() {
        CoSimulation sim = simulation();
        List<Long> stepsSeen = new ArrayList<>();
        sim.setObserver(s -> stepsSeen.add(s.plant().timeNs()));
        sim.start();

        sim.advanceTo(0);
        assertThat(reads).hasSize(1);
        assertThat(stepsSeen).isEmpty();

        sim.advanceTo(250 * MS);

        assertThat(sim.plant().timeNs()).isEqualTo(250 * MS);
        assertThat(stepsSeen).hasSize(25).startsWith(10 * MS).endsWith(250 * MS);
        assertThat(reads).hasSize(251); // every fast period from 0 to 250 ms, both ends in
        for (int i = 0; i < reads.size(); i++) {
            long tickNs = reads.get(i)[0];
            long plantNs = reads.get(i)[1];
            assertThat(tickNs).isEqualTo(i * MS);
            assertThat(plantNs).isEqualTo(tickNs / (10 * MS) * (10 * MS));
        }
    }

    @Test
    void shouldCatchThePlantUpBeforeATickGivenByARealTimeLoop() {
        CoSimulation sim = simulation();
        sim.start();

        sim.tickAt(3 * MS);
        sim.tickAt(47_500_000L);
        sim.tickAt(61 * MS);

        assertThat(reads).extracting(r -> r[1]).containsExactly(0L, 40 * MS, 60 * MS);
    }

    @Test
    void shouldEndWithTheScenarioOrWhenTheObserverStopsIt() {
        CoSimulation whole = simulation();
        whole.start();
        while (whole.running()) {
            whole.step();
        }
        assertThat(whole.plant().timeS()).isBetween(1.0, 1.02); // the request's main period, then 1 s of load

        CoSimulation stopped = simulation();
        stopped.setObserver(s -> {
            if (s.plant().timeNs() >= 100 * MS) {
                s.stop();
            }
        });
        stopped.start();
        stopped.advanceTo(500 * MS);
        assertThat(stopped.plant().timeNs()).isEqualTo(100 * MS);
        assertThat(stopped.running()).isFalse();
    }

    /** The simulated port, noting the plant's time at each of the firmware's fast reads. */
    private final class RecordingPort implements HardwarePort {
        private final PackPlant plant;
        private final SimulatedPort port;

        RecordingPort(PackPlant plant) {
            this.plant = plant;
            this.port = new SimulatedPort(plant);
        }

        @Override
        public int cellChannelCount() {
            return port.cellChannelCount();
        }

        @Override
        public int temperatureSensorCount() {
            return port.temperatureSensorCount();
        }

        @Override
        public int boardCount() {
            return port.boardCount();
        }

        @Override
        public void read(long nowNs, Measurements into) {
            reads.add(new long[] {nowNs, plant.timeNs()});
            port.read(nowNs, into);
        }

        @Override
        public void commandBalancing(long nowNs, boolean[] on, boolean dischargeDuringConversion) {
            port.commandBalancing(nowNs, on, dischargeDuringConversion);
        }

        @Override
        public void commandContactor(ContactorId id, boolean energise) {
            port.commandContactor(id, energise);
        }

        @Override
        public boolean openWireConversion(long nowNs, boolean pullUp, double[] out) {
            return port.openWireConversion(nowNs, pullUp, out);
        }
    }
}
