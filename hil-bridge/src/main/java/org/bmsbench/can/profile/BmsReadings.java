package org.bmsbench.can.profile;

import org.bmsbench.firmware.Acquisition;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.diag.Diagnosis;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.port.ContactorId;

/** The readings both profiles share: the BMS's measurements, estimates, limits and faults, in SI units. */
final class BmsReadings {
    static final BmsReading PACK_VOLTAGE_V = (f, i) -> f.acquisition().packVoltageV();
    static final BmsReading LINK_VOLTAGE_V = (f, i) -> f.acquisition().linkVoltageV();
    static final BmsReading PACK_CURRENT_A = (f, i) -> f.acquisition().packCurrentA();
    static final BmsReading SOC_PERCENT = (f, i) -> 100 * f.soc().displayedSoc();
    static final BmsReading MIN_SOC_PERCENT = (f, i) -> 100 * f.soc().minSoc();
    static final BmsReading MAX_SOC_PERCENT = (f, i) -> 100 * f.soc().maxSoc();
    static final BmsReading DISCHARGE_LIMIT_A = (f, i) -> f.limits().dischargeA();
    static final BmsReading CHARGE_LIMIT_A = (f, i) -> f.limits().chargeA();
    static final BmsReading MAX_PACK_VOLTAGE_V =
            (f, i) -> f.config().limits().maxCellVoltageV() * f.acquisition().channelCount();
    static final BmsReading MIN_PACK_VOLTAGE_V =
            (f, i) -> f.config().limits().minCellVoltageV() * f.acquisition().channelCount();
    static final BmsReading MIN_CELL_VOLTAGE_V = (f, i) -> f.acquisition().minCellVoltageV();
    static final BmsReading MAX_CELL_VOLTAGE_V = (f, i) -> f.acquisition().maxCellVoltageV();
    static final BmsReading MIN_CELL_CHANNEL = (f, i) -> f.acquisition().minCellIndex();
    static final BmsReading MAX_CELL_CHANNEL = (f, i) -> f.acquisition().maxCellIndex();
    static final BmsReading MIN_TEMPERATURE_C = (f, i) -> f.acquisition().minTemperatureC();
    static final BmsReading MAX_TEMPERATURE_C = (f, i) -> f.acquisition().maxTemperatureC();
    static final BmsReading COLDEST_SENSOR = (f, i) -> extremeSensor(f.acquisition(), -1);
    static final BmsReading HOTTEST_SENSOR = (f, i) -> extremeSensor(f.acquisition(), 1);
    static final BmsReading CELL_VOLTAGE_V = (f, i) -> f.acquisition().cellVoltageV(i);
    static final BmsReading CELL_INVALID = (f, i) -> flag(!f.acquisition().cellValid(i));
    static final BmsReading TEMPERATURE_C = (f, i) -> f.acquisition().temperatureC(i);
    static final BmsReading BALANCING = (f, i) -> flag(f.balancing().activeCount() > 0);
    static final BmsReading ISOLATION_KOHM = (f, i) -> f.acquisition().isolationResistanceOhm() / 1000;

    private BmsReadings() {
    }

    static BmsReading contactorClosed(ContactorId id) {
        return (f, i) -> flag(f.acquisition().contactorClosed(id));
    }

    /** A fault's highest raised tier: 0 none, 1 info, 2 warning, 3 fatal. */
    static BmsReading faultTier(FaultId id) {
        return (f, i) -> tier(f.diagnosis().highestRaised(id));
    }

    /** Whether a fault has reached {@code level}. */
    static BmsReading faultRaised(FaultId id, FaultLevel level) {
        return (f, i) -> flag(f.diagnosis().isRaised(id, level));
    }

    /** Whether any fault has reached {@code level}. */
    static BmsReading anyRaised(FaultLevel level) {
        return (f, i) -> flag(f.diagnosis().anyRaised(level));
    }

    static final BmsReading HIGHEST_TIER = (f, i) -> {
        int highest = 0;
        for (int id = 0; id < FaultId.COUNT; id++) {
            highest = Math.max(highest, tier(f.diagnosis().highestRaised(FaultId.of(id))));
        }
        return highest;
    };

    static final BmsReading ACTIVE_FAULTS = (f, i) -> {
        Diagnosis diagnosis = f.diagnosis();
        int active = 0;
        for (int id = 0; id < FaultId.COUNT; id++) {
            active += diagnosis.highestRaised(FaultId.of(id)) == null ? 0 : 1;
        }
        return active;
    };

    static int tier(FaultLevel level) {
        return level == null ? 0 : level.ordinal() + 1;
    }

    static double flag(boolean value) {
        return value ? 1 : 0;
    }

    /** The valid sensor with the lowest ({@code sign} -1) or highest (+1) temperature; 0 with none valid. */
    private static int extremeSensor(Acquisition data, int sign) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < data.temperatureSensorCount(); s++) {
            if (data.temperatureValid(s) && sign * data.temperatureC(s) > bestValue) {
                bestValue = sign * data.temperatureC(s);
                best = s;
            }
        }
        return best;
    }
}
