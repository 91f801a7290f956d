package org.bmsbench.sim;

import org.bmsbench.port.ContactorId;
import org.bmsbench.port.Measurements;
import org.bmsbench.sim.load.Load;
import org.bmsbench.sim.load.RestLoad;

/**
 * A simulated battery system: the pack's cells and their temperatures, the contactors and the vehicle's DC
 * link, the load on the other side, and the sensors the BMS reads. Time is whatever the caller says: each
 * {@link #step(long)} advances it by a given amount, so a run is as fast as the CPU allows and exactly
 * repeatable.
 *
 * <p>A step: the pack prepares its Thevenin equivalent at the cells' temperatures; the load names the current
 * it wants; the contactor circuit decides what flows (nothing when open, the precharge curve, or the load with
 * the link); the pack, the load and the temperatures advance; the contacts move for their coils; the sensors
 * sample. Nothing allocates after construction.
 */
public final class PackPlant {
    private static final double NS_PER_S = 1e9;

    private final PlantConfig config;
    private final Pack pack;
    private final PackThermal thermal;
    private final ContactorCircuit circuit;
    private final SimulatedAfe afe;
    private final double[] heatW;
    private final double balancingHeatFraction;

    private Load load;
    private long timeNs;
    private double netChargeAh;
    private double netEnergyWh;
    private double heatJ;

    public PackPlant(PlantConfig config) {
        this.config = config;
        this.pack = new Pack(config.pack(), config.initialTemperatureC(), config.seed());
        this.thermal = new PackThermal(config.thermal(), config.pack().cell().thermal(), pack.cellCount(),
                config.initialTemperatureC());
        this.circuit = new ContactorCircuit(config.contactors());
        this.afe = new SimulatedAfe(config.afe(), pack, thermal, circuit, config.seed() ^ 0x5DEECE66DL,
                config.isolationResistanceOhm(), 1.0 - config.thermal().balancingHeatFraction());
        this.heatW = new double[pack.cellCount()];
        this.balancingHeatFraction = config.thermal().balancingHeatFraction();
        this.load = new RestLoad(Double.MAX_VALUE);
        // A zero-length step settles the pack's terminal voltages at rest before the first measurement.
        pack.prepare(0.0, thermal.temperaturesC());
        pack.apply(0.0);
        afe.sample(0);
    }

    /** Hands the pack to {@code next} from now on. */
    public void setLoad(Load next) {
        load = next;
        load.start(timeS());
    }

    public Load load() {
        return load;
    }

    /** Advances the plant by {@code dtNs} nanoseconds. */
    public void step(long dtNs) {
        if (dtNs <= 0) {
            throw new IllegalArgumentException("a step must be longer than zero, got " + dtNs + " ns");
        }
        double dtS = dtNs / NS_PER_S;
        double nowS = timeS();
        pack.prepare(dtS, thermal.temperaturesC());
        boolean connected = circuit.isMainPathClosed();
        double demandA = load.demandA(nowS, dtS, pack);
        double currentA = circuit.step(dtNs, pack.sourceVoltageV(), pack.resistanceOhm(), connected ? demandA : 0.0);
        pack.apply(currentA);
        load.observe(currentA, connected);

        netChargeAh += currentA * dtS / 3600.0;
        netEnergyWh += currentA * pack.terminalVoltageV() * dtS / 3600.0;
        int parallel = pack.parallelCount();
        double heatSumW = 0;
        for (int g = 0, c = 0; g < pack.seriesCount(); g++) {
            // the share of the bleed resistor's heat that sits on the group's cells
            double bleedShareW = balancingHeatFraction > 0
                    ? balancingHeatFraction * pack.groupBleedPowerW(g) / parallel : 0.0;
            for (int end = c + parallel; c < end; c++) {
                double h = pack.cellHeatW(c) + bleedShareW;
                heatW[c] = h;
                heatSumW += h;
            }
        }
        heatJ += heatSumW * dtS;
        thermal.step(dtS, heatW);
        timeNs += dtNs;
        afe.sample(timeNs);
    }

    // ---- the BMS's outputs --------------------------------------------------------------------------------

    /** Energises or releases a contactor coil. */
    public void commandContactor(ContactorId id, boolean energise) {
        contactor(id).command(energise);
    }

    /** Commands the bleed switch of an AFE channel (through the AFE, so a lost AFE ignores it). */
    public void commandBalancing(int channel, boolean on) {
        afe.commandBalancing(channel, on, timeNs);
    }

    public Contactor contactor(ContactorId id) {
        switch (id) {
            case MAIN_POSITIVE: return circuit.mainPositive();
            case MAIN_NEGATIVE: return circuit.mainNegative();
            default: return circuit.precharge();
        }
    }

    // ---- fault injection ----------------------------------------------------------------------------------

    /** Starts a fault. */
    public void inject(PlantFault fault) {
        apply(fault, true);
    }

    /** Ends a fault: the plant or sensor behaves normally again. */
    public void clear(PlantFault fault) {
        apply(fault, false);
    }

    private void apply(PlantFault fault, boolean on) {
        int target = checkTarget(fault);
        double value = fault.value();
        switch (fault.type()) {
            case CELL_VOLTAGE_SENSOR_OFFSET:
                afe.setCellVoltageOffsetV(target, on ? value : 0.0);
                break;
            case CELL_VOLTAGE_SENSOR_STUCK:
                if (on) {
                    afe.setCellVoltageStuck(target, value);
                } else {
                    afe.clearCellVoltageStuck(target);
                }
                break;
            case CELL_VOLTAGE_SENSOR_NAN:
                afe.setCellVoltageInvalid(target, on);
                break;
            case OPEN_WIRE:
                afe.setOpenWire(target, on);
                break;
            case TEMPERATURE_SENSOR_OFFSET:
                afe.setTemperatureOffsetC(target, on ? value : 0.0);
                break;
            case TEMPERATURE_SENSOR_STUCK:
                if (on) {
                    afe.setTemperatureStuck(target, value);
                } else {
                    afe.clearTemperatureStuck(target);
                }
                break;
            case TEMPERATURE_SENSOR_DISCONNECTED:
                afe.setTemperatureDisconnected(target, on);
                break;
            case CURRENT_SENSOR_OFFSET:
                afe.setCurrentOffsetA(on ? value : 0.0);
                break;
            case CURRENT_SENSOR_LOSS:
                afe.setCurrentSensorLost(on);
                break;
            case CELL_INTERNAL_SHORT:
                pack.setInternalShort(target, on ? value : Double.POSITIVE_INFINITY);
                break;
            case CELL_HEATING:
                thermal.setExternalHeatW(target, on ? value : 0.0);
                break;
            case AFE_COMMUNICATION_LOSS:
                afe.setCommunicationLost(on);
                break;
            case CONTACTOR_WELDED:
                contactor(ContactorId.fromWireCode(target)).setWelded(on);
                break;
            case ISOLATION_FAULT:
                afe.setIsolationResistanceOhm(on ? value : config.isolationResistanceOhm());
                break;
            case DC_LINK_SHORT:
                circuit.setLinkShortOhm(on ? value : Double.POSITIVE_INFINITY);
                break;
            default:
                throw new IllegalStateException("unhandled fault type " + fault.type());
        }
    }

    private int checkTarget(PlantFault fault) {
        int count;
        String what;
        switch (fault.type().target()) {
            case CHANNEL:
                count = pack.seriesCount();
                what = "cell voltage channel (series group)";
                break;
            case TEMPERATURE_SENSOR:
                count = afe.temperatureSensorCount();
                what = "temperature sensor";
                break;
            case CELL:
                count = pack.cellCount();
                what = "cell";
                break;
            case CONTACTOR:
                if (ContactorId.fromWireCode(fault.target()) == null) {
                    throw new IllegalArgumentException(fault.type().id() + ": no contactor " + fault.target()
                            + "; this pack has " + ContactorId.COUNT + " (0 to " + (ContactorId.COUNT - 1) + ")");
                }
                return fault.target();
            default:
                return 0;
        }
        if (fault.target() < 0 || fault.target() >= count) {
            throw new IllegalArgumentException(fault.type().id() + ": no " + what + " " + fault.target()
                    + "; this pack has " + count + " (0 to " + (count - 1) + ")");
        }
        return fault.target();
    }

    // ---- state ----------------------------------------------------------------------------------------

    public long timeNs() {
        return timeNs;
    }

    public double timeS() {
        return timeNs / NS_PER_S;
    }

    /** What the sensors report: the BMS's view. */
    public Measurements measurements() {
        return afe.measurements();
    }

    public Pack pack() {
        return pack;
    }

    public PackThermal thermal() {
        return thermal;
    }

    public ContactorCircuit contactors() {
        return circuit;
    }

    public SimulatedAfe afe() {
        return afe;
    }

    public PlantConfig config() {
        return config;
    }

    /** Charge that has left the pack since the start (negative: net charged), Ah. */
    public double netChargeAh() {
        return netChargeAh;
    }

    /** Energy delivered at the pack terminals since the start (negative: net charged), Wh. */
    public double netEnergyWh() {
        return netEnergyWh;
    }

    /** Heat generated in the cells (and from the bleed resistors on them) since the start, J. */
    public double heatJ() {
        return heatJ;
    }
}
