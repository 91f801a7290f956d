package org.bmsbench.can.profile;

import static org.bmsbench.can.profile.BmsReadings.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.port.ContactorId;

/** bms-bench's own messages (docs/can/bmsbench.dbc, described in docs/can.md). */
final class BmsbenchProfile {
    static final int CELLS_PER_FRAME = 4;
    static final int SENSORS_PER_FRAME = 6;
    private static final String SLOTS = "ABCDEF";

    private BmsbenchProfile() {
    }

    static RequestPlan request() {
        return new RequestPlan("VcuRequest", "StateRequest",
                raw -> raw == 0 ? BmsRequest.STANDBY : raw == 1 ? BmsRequest.NORMAL : null,
                Map.of("ResetFaults", BmsRequest.RESET_FAULTS, "ServiceReset", BmsRequest.SERVICE_RESET), false);
    }

    static List<MessagePlan> messages() {
        return List.of(
                MessagePlan.plain("BmsStatus", byName(Map.of(
                        "BmsState", SignalBinding.of((f, i) -> f.state().wireCode()),
                        "PositiveContactorClosed", SignalBinding.of(contactorClosed(ContactorId.MAIN_POSITIVE)),
                        "NegativeContactorClosed", SignalBinding.of(contactorClosed(ContactorId.MAIN_NEGATIVE)),
                        "PrechargeContactorClosed", SignalBinding.of(contactorClosed(ContactorId.PRECHARGE)),
                        "Balancing", SignalBinding.of(BALANCING),
                        "HighestFaultLevel", SignalBinding.of(HIGHEST_TIER),
                        "ActiveFaults", SignalBinding.of(ACTIVE_FAULTS),
                        "AliveCounter", SignalBinding.aliveCounter()))),
                MessagePlan.plain("BmsPackValues", byName(Map.of(
                        "PackVoltage", SignalBinding.of(PACK_VOLTAGE_V),
                        "PackCurrent", SignalBinding.of(PACK_CURRENT_A),
                        "Soc", SignalBinding.of(SOC_PERCENT),
                        "LinkVoltage", SignalBinding.of(LINK_VOLTAGE_V)))),
                MessagePlan.plain("BmsLimits", byName(Map.of(
                        "MaxDischargeCurrent", SignalBinding.of(DISCHARGE_LIMIT_A),
                        "MaxChargeCurrent", SignalBinding.of(CHARGE_LIMIT_A),
                        "MaxPackVoltage", SignalBinding.of(MAX_PACK_VOLTAGE_V),
                        "MinPackVoltage", SignalBinding.of(MIN_PACK_VOLTAGE_V)))),
                MessagePlan.plain("BmsCellVoltageExtremes", byName(Map.of(
                        "MinCellVoltage", SignalBinding.of(MIN_CELL_VOLTAGE_V),
                        "MaxCellVoltage", SignalBinding.of(MAX_CELL_VOLTAGE_V),
                        "MinCellVoltageChannel", SignalBinding.of(MIN_CELL_CHANNEL),
                        "MaxCellVoltageChannel", SignalBinding.of(MAX_CELL_CHANNEL)))),
                MessagePlan.plain("BmsCellTemperatureExtremes", byName(Map.of(
                        "MinCellTemperature", SignalBinding.of(MIN_TEMPERATURE_C),
                        "MaxCellTemperature", SignalBinding.of(MAX_TEMPERATURE_C),
                        "MinCellTemperatureSensor", SignalBinding.of(COLDEST_SENSOR),
                        "MaxCellTemperatureSensor", SignalBinding.of(HOTTEST_SENSOR)))),
                MessagePlan.plain("BmsFaults", (signal, mux) -> SignalBinding.of(faultTier(faultOf(signal)))),
                MessagePlan.multiplexed("BmsCellVoltages",
                        (signal, mux) -> slot(signal, "CellVoltage", mux, CELLS_PER_FRAME, CELL_VOLTAGE_V),
                        f -> f.acquisition().channelCount(), CELLS_PER_FRAME, false),
                MessagePlan.multiplexed("BmsCellTemperatures",
                        (signal, mux) -> slot(signal, "CellTemperature", mux, SENSORS_PER_FRAME, TEMPERATURE_C),
                        f -> f.acquisition().temperatureSensorCount(), SENSORS_PER_FRAME, false));
    }

    /** The fault a BmsFaults signal carries: {@code CellOvervoltage} is CELL_OVERVOLTAGE. */
    static FaultId faultOf(String signal) {
        return FaultId.valueOf(signal.replaceAll("(?<=[a-z])(?=[A-Z])", "_").toUpperCase(Locale.ROOT));
    }

    /** {@code CellVoltageC} in group {@code mux} is item {@code mux * perFrame + 2}. */
    private static SignalBinding slot(String signal, String prefix, int mux, int perFrame, BmsReading reading) {
        int slot = SLOTS.indexOf(signal.charAt(signal.length() - 1));
        if (!signal.startsWith(prefix) || signal.length() != prefix.length() + 1 || slot < 0 || slot >= perFrame) {
            throw new IllegalArgumentException("no reading for signal " + signal);
        }
        return SignalBinding.item(reading, mux * perFrame + slot);
    }

    private static MessagePlan.Rule byName(Map<String, SignalBinding> bindings) {
        return (signal, mux) -> {
            SignalBinding binding = bindings.get(signal);
            if (binding == null) {
                throw new IllegalArgumentException("no reading for signal " + signal);
            }
            return binding;
        };
    }
}
