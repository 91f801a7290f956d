package org.bmsbench.sim;

import org.bmsbench.model.Checks;

/**
 * What the simulated analog front end and the pack's other sensors get wrong, and how often they measure.
 * Per-channel gain and offset errors are drawn once from the plant's seed with the sigmas given here (a
 * real board's calibration error); noise is drawn afresh at every conversion.
 *
 * @param conversionPeriodS        time between AFE conversions of the cell voltages, s
 * @param temperaturePeriodS       time between conversions of the temperature (auxiliary) inputs, s
 * @param adcBits                  resolution of the cell-voltage ADC
 * @param cellVoltageLsbV          cell-voltage ADC step, V
 * @param cellNoiseSigmaV          cell-voltage noise, one sigma, V
 * @param cellOffsetSigmaV         spread of the per-channel offset error, V
 * @param cellGainSigma            spread of the per-channel relative gain error
 * @param cellsPerTemperatureSensor cells covered by one temperature sensor (1: a sensor per cell); a sensor
 *                                 reads the mean temperature of the cells it covers
 * @param temperatureResolutionC   temperature step, degC
 * @param temperatureNoiseSigmaC   temperature noise, one sigma, degC
 * @param temperatureOffsetSigmaC  spread of the per-sensor offset, degC
 * @param temperatureMinC          lower end of the sensor range: an open (disconnected) sensor reads this, degC
 * @param temperatureMaxC          upper end of the sensor range, degC
 * @param currentOffsetSigmaA      spread of the current sensor's offset, A
 * @param currentGainSigma         spread of the current sensor's relative gain error
 * @param currentNoiseSigmaA       current noise, one sigma, A
 * @param currentResolutionA       current step, A
 * @param hvGainSigma              spread of the pack and link voltage measurements' relative gain error
 * @param hvNoiseSigmaV            pack and link voltage noise, one sigma, V
 * @param hvResolutionV            pack and link voltage step, V
 * @param isolationPeriodS         time between isolation-monitor results, s
 * @param balancingWatchdogS       the AFE stops balancing when the host sends nothing for this long, s
 * @param openWireDriftTauS        time constant with which the input pin of a broken sense wire drifts down to
 *                                 the pin below during normal conversions (its filter capacitor discharging
 *                                 into the ADC input), s
 * @param senseWireResistanceOhm   resistance of each sense wire (harness, connector, trace) that a bleed
 *                                 current flows through: a balancing channel reads low by 2 R I and its
 *                                 neighbours high by R I, unless balancing pauses during conversions, Ohm
 * @param channelsPerBoard         cell channels per AFE board (an LTC6813 has 18); each board has a temperature
 *                                 sensor
 * @param boardThermalResistanceKPerW board temperature rise per watt of bleed heat on the board, K/W
 * @param boardThermalTauS         time constant of the board's temperature, s
 */
public record AfeConfig(
        double conversionPeriodS,
        double temperaturePeriodS,
        int adcBits,
        double cellVoltageLsbV,
        double cellNoiseSigmaV,
        double cellOffsetSigmaV,
        double cellGainSigma,
        int cellsPerTemperatureSensor,
        double temperatureResolutionC,
        double temperatureNoiseSigmaC,
        double temperatureOffsetSigmaC,
        double temperatureMinC,
        double temperatureMaxC,
        double currentOffsetSigmaA,
        double currentGainSigma,
        double currentNoiseSigmaA,
        double currentResolutionA,
        double hvGainSigma,
        double hvNoiseSigmaV,
        double hvResolutionV,
        double isolationPeriodS,
        double balancingWatchdogS,
        double openWireDriftTauS,
        double senseWireResistanceOhm,
        int channelsPerBoard,
        double boardThermalResistanceKPerW,
        double boardThermalTauS) {

    /**
     * Defaults like an ADI LTC6813 board: 16-bit ADC, 100 uV LSB, per-channel offset (0.5 mV sigma) and gain
     * (100 ppm sigma) errors typical of a part specified at 2.2 mV maximum total error, about 1 mV noise, a 2 s
     * balancing watchdog; one NTC per cell with 0.1 degC resolution and a -40..125 degC range; a shunt current
     * sensor (20 mA offset, 0.2 % gain, 20 mA noise, 1 mA steps); HV measurement within 0.1 %; a 1 s isolation
     * monitor. The AFE converts the cells every 10 ms (foxBMS's 10 ms acquisition task) and its temperature
     * inputs every 100 ms (auxiliary conversions run less often: temperatures move slowly). Assumptions, not datasheet
     * figures: a broken sense wire's pin drifts with a 1 s time constant, each sense wire has 50 mOhm, and an
     * 18-channel board warms by 5 K per watt of bleed heat with a 5 min time constant (18 channels bleeding at
     * 0.5 W lift it about 45 K, which is why balancing stops on board temperature). See docs/domain.md.
     */
    public static final AfeConfig DEFAULT = new AfeConfig(
            0.010, 0.100, 16, 100e-6, 1.0e-3, 0.5e-3, 100e-6,
            1, 0.1, 0.05, 0.3, -40.0, 125.0,
            0.020, 0.002, 0.020, 0.001,
            0.001, 0.1, 0.01,
            1.0, 2.0, 1.0,
            0.05, 18, 5.0, 300.0);

    /** A perfect AFE (no errors or noise, micro-unit steps), for tests that check the plant rather than the sensors. */
    public static final AfeConfig IDEAL = new AfeConfig(
            0.010, 0.010, 32, 1e-6, 0, 0, 0,
            1, 1e-6, 0, 0, -273.0, 1000.0,
            0, 0, 0, 1e-6,
            0, 0, 1e-6,
            1.0, 2.0, 1.0,
            0.0, 18, 5.0, 300.0);

    public AfeConfig {
        Checks.positive("conversion period", conversionPeriodS);
        Checks.positive("temperature conversion period", temperaturePeriodS);
        if (adcBits < 8 || adcBits > 32) {
            throw new IllegalArgumentException("ADC bits must be 8 to 32, got " + adcBits);
        }
        Checks.positive("cell voltage LSB", cellVoltageLsbV);
        Checks.nonNegative("cell noise", cellNoiseSigmaV);
        Checks.nonNegative("cell offset spread", cellOffsetSigmaV);
        Checks.nonNegative("cell gain spread", cellGainSigma);
        Checks.atLeastOne("cells per temperature sensor", cellsPerTemperatureSensor);
        Checks.positive("temperature resolution", temperatureResolutionC);
        Checks.nonNegative("temperature noise", temperatureNoiseSigmaC);
        Checks.nonNegative("temperature offset spread", temperatureOffsetSigmaC);
        if (!(temperatureMinC < temperatureMaxC)) {
            throw new IllegalArgumentException("temperature range min (" + temperatureMinC
                    + " degC) must be below max (" + temperatureMaxC + " degC)");
        }
        Checks.nonNegative("current offset spread", currentOffsetSigmaA);
        Checks.nonNegative("current gain spread", currentGainSigma);
        Checks.nonNegative("current noise", currentNoiseSigmaA);
        Checks.positive("current resolution", currentResolutionA);
        Checks.nonNegative("HV gain spread", hvGainSigma);
        Checks.nonNegative("HV noise", hvNoiseSigmaV);
        Checks.positive("HV resolution", hvResolutionV);
        Checks.positive("isolation period", isolationPeriodS);
        Checks.positive("balancing watchdog", balancingWatchdogS);
        Checks.positive("open-wire drift time constant", openWireDriftTauS);
        Checks.nonNegative("sense wire resistance", senseWireResistanceOhm);
        Checks.atLeastOne("channels per board", channelsPerBoard);
        Checks.nonNegative("board thermal resistance", boardThermalResistanceKPerW);
        Checks.positive("board thermal time constant", boardThermalTauS);
    }

    /** Full scale of the cell-voltage ADC, V. */
    public double cellFullScaleV() {
        return (Math.pow(2, adcBits) - 1) * cellVoltageLsbV;
    }

    /** AFE boards needed for {@code channels} cell channels. */
    public int boardCount(int channels) {
        return (channels + channelsPerBoard - 1) / channelsPerBoard;
    }

    /** Temperature sensors needed for {@code cells} cells. */
    public int temperatureSensorCount(int cells) {
        return (cells + cellsPerTemperatureSensor - 1) / cellsPerTemperatureSensor;
    }

    public AfeConfig withCellsPerTemperatureSensor(int value) {
        return new AfeConfig(conversionPeriodS, temperaturePeriodS, adcBits, cellVoltageLsbV, cellNoiseSigmaV, cellOffsetSigmaV,
                cellGainSigma, value, temperatureResolutionC, temperatureNoiseSigmaC, temperatureOffsetSigmaC,
                temperatureMinC, temperatureMaxC, currentOffsetSigmaA, currentGainSigma, currentNoiseSigmaA,
                currentResolutionA, hvGainSigma, hvNoiseSigmaV, hvResolutionV, isolationPeriodS, balancingWatchdogS,
                openWireDriftTauS, senseWireResistanceOhm, channelsPerBoard, boardThermalResistanceKPerW,
                boardThermalTauS);
    }
}
