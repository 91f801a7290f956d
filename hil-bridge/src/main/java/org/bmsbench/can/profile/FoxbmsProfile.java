package org.bmsbench.can.profile;

import static org.bmsbench.can.profile.BmsReadings.*;

import java.util.List;
import java.util.Map;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;

/**
 * foxBMS 2's messages, from its own DBC (v1.11.0), so that tools made for foxBMS 2 read bms-bench: the vehicle's
 * {@code f_BmsStateRequest} in; state, pack values, limits, cell voltage extremes, state estimation and cell
 * voltages out. Signals foxBMS has and bms-bench does not estimate (state of energy, state of health, heater,
 * interlock...) stay 0; so do the min/max cell's string/module/cell indices, whose range the DBC gives as 0-1.
 */
final class FoxbmsProfile {
    static final int CELLS_PER_FRAME = 4;
    /** foxBMS's BmsState values (its VAL_ table) for each of ours. */
    private static final int[] FOXBMS_STATE = new int[BmsState.values().length];

    static {
        FOXBMS_STATE[BmsState.STANDBY.ordinal()] = 5;
        FOXBMS_STATE[BmsState.PRECHARGE.ordinal()] = 6;
        FOXBMS_STATE[BmsState.NORMAL.ordinal()] = 7;
        FOXBMS_STATE[BmsState.OPENING.ordinal()] = 4; // OPEN_CONTACTORS
        FOXBMS_STATE[BmsState.ERROR.ordinal()] = 10;
    }

    private FoxbmsProfile() {
    }

    /**
     * RequestBmsMode: 0 Standby; 1 Discharge and 2 Charge both close the contactors. As in foxBMS, a standby
     * request also leaves the error state once no fatal cause remains; ResetPersistentFlags clears latched faults.
     */
    static RequestPlan request() {
        return new RequestPlan("f_BmsStateRequest", "RequestBmsMode",
                raw -> raw == 0 ? BmsRequest.STANDBY : raw == 1 || raw == 2 ? BmsRequest.NORMAL : null,
                Map.of("ResetPersistentFlags", BmsRequest.SERVICE_RESET), true);
    }

    static List<MessagePlan> messages() {
        BmsReading packPowerKw = (f, i) -> f.acquisition().packVoltageV() * f.acquisition().packCurrentA() / 1000;
        BmsReading chargePowerKw = (f, i) -> f.limits().chargeA() * f.acquisition().packVoltageV() / 1000;
        BmsReading dischargePowerKw = (f, i) -> f.limits().dischargeA() * f.acquisition().packVoltageV() / 1000;
        BmsReading millivolts = (f, i) -> 1000 * f.acquisition().cellVoltageV(i);
        return List.of(
                MessagePlan.plain("f_BmsState", byName(Map.ofEntries(
                        Map.entry("BmsState", SignalBinding.of((f, i) -> FOXBMS_STATE[f.state().ordinal()])),
                        Map.entry("NumberOfConnectedStrings",
                                SignalBinding.of((f, i) -> flag(f.state() == BmsState.NORMAL))),
                        Map.entry("GeneralError", SignalBinding.of(anyRaised(FaultLevel.FATAL))),
                        Map.entry("GeneralWarning", SignalBinding.of(anyRaised(FaultLevel.WARNING))),
                        Map.entry("PrechargeVoltageError",
                                SignalBinding.of(faultRaised(FaultId.PRECHARGE_FAILED, FaultLevel.FATAL))),
                        Map.entry("InsulationMonitoring", SignalBinding.of((f, i) -> 1)),
                        Map.entry("InsulationError",
                                SignalBinding.of(faultRaised(FaultId.ISOLATION_LOW, FaultLevel.FATAL))),
                        Map.entry("CanTimingError", SignalBinding.of(
                                faultRaised(FaultId.VEHICLE_COMMUNICATION_LOSS, FaultLevel.FATAL))),
                        Map.entry("PackOvercurrentChargeError",
                                SignalBinding.of(faultRaised(FaultId.OVERCURRENT_CHARGE, FaultLevel.FATAL))),
                        Map.entry("PackOvercurrentDischargeError",
                                SignalBinding.of(faultRaised(FaultId.OVERCURRENT_DISCHARGE, FaultLevel.FATAL))),
                        Map.entry("InsulationResistance", SignalBinding.of(ISOLATION_KOHM)),
                        Map.entry("BalancingAlgorithmState", SignalBinding.of(BALANCING)),
                        Map.entry("BmsChargingFlag", SignalBinding.of((f, i) -> flag(f.acquisition().charging())))))),
                MessagePlan.plain("f_PackValuesP0", byName(Map.of(
                        "BatteryVoltage", SignalBinding.of(PACK_VOLTAGE_V),
                        "BusVoltage", SignalBinding.of(LINK_VOLTAGE_V),
                        "Current", SignalBinding.of(PACK_CURRENT_A),
                        "Power", SignalBinding.of(packPowerKw)))),
                MessagePlan.plain("f_PackValuesP1", byName(Map.of(
                        "InsulationResistance", SignalBinding.of(ISOLATION_KOHM)))),
                MessagePlan.plain("f_PackLimits", byName(Map.of(
                        "MaximumChargeCurrent", SignalBinding.of(CHARGE_LIMIT_A),
                        "MaximumDischargeCurrent", SignalBinding.of(DISCHARGE_LIMIT_A),
                        "MaximumChargePower", SignalBinding.of(chargePowerKw),
                        "MaximumDischargePower", SignalBinding.of(dischargePowerKw),
                        "MaximumBatteryVoltage", SignalBinding.of(MAX_PACK_VOLTAGE_V),
                        "MinimumBatteryVoltage", SignalBinding.of(MIN_PACK_VOLTAGE_V)))),
                MessagePlan.plain("f_PackMinMaxCellVoltage", byName(Map.of(
                        "MinimumCellVoltage", SignalBinding.of((f, i) -> 1000 * f.acquisition().minCellVoltageV()),
                        "MaximumCellVoltage",
                        SignalBinding.of((f, i) -> 1000 * f.acquisition().maxCellVoltageV())))),
                MessagePlan.plain("f_PackStateEstimation", byName(Map.of(
                        "MinimumSoc", SignalBinding.of(MIN_SOC_PERCENT),
                        "MaximumSoc", SignalBinding.of(MAX_SOC_PERCENT)))),
                MessagePlan.multiplexed("f_CellVoltages", (signal, mux) -> cellVoltage(signal, millivolts),
                        FoxbmsProfile::channels, CELLS_PER_FRAME, true));
    }

    private static int channels(BmsFirmware firmware) {
        return firmware.acquisition().channelCount();
    }

    /** {@code CellVoltage_012} (mV) and {@code CellVoltage_012_invalidFlag} are about channel 12. */
    private static SignalBinding cellVoltage(String signal, BmsReading millivolts) {
        String prefix = "CellVoltage_";
        if (!signal.startsWith(prefix)) {
            return null;
        }
        boolean flag = signal.endsWith("_invalidFlag");
        int channel = Integer.parseInt(signal.substring(prefix.length(), prefix.length() + 3));
        return SignalBinding.item(flag ? CELL_INVALID : millivolts, channel);
    }

    /** Signals with no binding stay 0: foxBMS has more than bms-bench estimates. */
    private static MessagePlan.Rule byName(Map<String, SignalBinding> bindings) {
        return (signal, mux) -> bindings.get(signal);
    }
}
