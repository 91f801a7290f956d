package org.bmsbench.firmware;

import java.util.Arrays;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.HardwarePort;
import org.bmsbench.port.Measurements;

/**
 * Hardware for firmware unit tests: the test sets what the sensors read, and the contactors follow their coils
 * after a closing time unless told to weld or to fail. Cell data is stamped as fresh on every read unless the
 * AFE is "lost", and, like a real ADC's, it dithers by one 100 uV step from read to read (unless a channel is
 * set {@link #frozen}). The link voltage follows the main contactors: it equals the pack voltage when both are
 * closed, and during a precharge it rises linearly over {@link #prechargeTimeNs} (or never, when
 * {@link #prechargeStuck} is set).
 */
public final class ScriptedPort implements HardwarePort {
    public final Measurements m;
    public final boolean[] coil = new boolean[ContactorId.COUNT];
    public final boolean[] welded = new boolean[ContactorId.COUNT];
    public final boolean[] failsToClose = new boolean[ContactorId.COUNT];
    public final boolean[] balancing;
    public final boolean[] frozen;
    public boolean dischargeDuringConversion;
    public boolean afeLost;
    /** The whole link is down: reads leave the firmware's last snapshot as it was, old timestamps and all. */
    public boolean linkLost;
    public boolean prechargeStuck;
    public long prechargeTimeNs = 300_000_000L;
    public long contactorTimeNs = 20_000_000L;
    public double[] openWirePullUp;
    public double[] openWirePullDown;
    public int reads;

    private final long[] coilChangedNs = new long[ContactorId.COUNT];
    private long prechargeStartNs = -1;
    /** The firmware's clock as the test last set it, to time coil changes. */
    private long lastNowNs;

    public ScriptedPort(int channels, int sensors, double cellV, double temperatureC) {
        m = new Measurements(channels, sensors, 1);
        balancing = new boolean[channels];
        frozen = new boolean[channels];
        for (int g = 0; g < channels; g++) {
            m.setCellVoltageV(g, cellV);
        }
        for (int s = 0; s < sensors; s++) {
            m.setTemperatureC(s, temperatureC);
        }
        m.setBoardTemperatureC(0, temperatureC);
        m.setPackCurrentA(0.0);
        m.setPackVoltageV(cellV * channels);
        m.setLinkVoltageV(0.0);
        m.setIsolationResistanceOhm(5e6);
    }

    public void setAllCells(double v) {
        for (int g = 0; g < m.cellChannelCount(); g++) {
            m.setCellVoltageV(g, v);
        }
        m.setPackVoltageV(v * m.cellChannelCount());
    }

    public void setAllTemperatures(double t) {
        for (int s = 0; s < m.temperatureSensorCount(); s++) {
            m.setTemperatureC(s, t);
        }
    }

    @Override
    public int cellChannelCount() {
        return m.cellChannelCount();
    }

    @Override
    public int temperatureSensorCount() {
        return m.temperatureSensorCount();
    }

    @Override
    public int boardCount() {
        return m.boardCount();
    }

    @Override
    public void read(long nowNs, Measurements into) {
        reads++;
        if (linkLost) {
            return;
        }
        if (!afeLost) {
            m.completeConversion(nowNs);
        }
        m.setTimestampNs(nowNs);
        for (int i = 0; i < ContactorId.COUNT; i++) {
            boolean settled = nowNs - coilChangedNs[i] >= contactorTimeNs;
            boolean closed = m.contactorClosed(ContactorId.of(i));
            if (welded[i] && closed) {
                continue;
            }
            if (settled) {
                m.setContactorClosed(ContactorId.of(i), coil[i] && !failsToClose[i]);
            }
        }
        boolean mainPath = closed(ContactorId.MAIN_NEGATIVE) && closed(ContactorId.MAIN_POSITIVE);
        boolean prechargePath = closed(ContactorId.MAIN_NEGATIVE) && closed(ContactorId.PRECHARGE);
        double pack = m.packVoltageV();
        if (mainPath) {
            m.setLinkVoltageV(pack);
            prechargeStartNs = -1;
        } else if (prechargePath && !prechargeStuck) {
            if (prechargeStartNs < 0) {
                prechargeStartNs = nowNs;
            }
            m.setLinkVoltageV(Math.min(pack, pack * (nowNs - prechargeStartNs) / (double) prechargeTimeNs));
        } else {
            prechargeStartNs = -1;
        }
        into.copyFrom(m);
        double dither = reads % 2 == 0 ? 100e-6 : 0.0;
        for (int g = 0; g < frozen.length; g++) {
            if (!frozen[g]) {
                into.setCellVoltageV(g, m.cellVoltageV(g) + dither);
            }
        }
    }

    private boolean closed(ContactorId id) {
        return m.contactorClosed(id);
    }

    @Override
    public void commandBalancing(long nowNs, boolean[] on, boolean dischargeDuringConversion) {
        System.arraycopy(on, 0, balancing, 0, balancing.length);
        this.dischargeDuringConversion = dischargeDuringConversion;
    }

    @Override
    public void commandContactor(ContactorId id, boolean energise) {
        if (coil[id.ordinal()] != energise) {
            coil[id.ordinal()] = energise;
            coilChangedNs[id.ordinal()] = lastNowNs;
        }
    }

    /** The firmware's clock, so coil changes can be timed (call before each tick). */
    public void now(long nowNs) {
        lastNowNs = nowNs;
    }

    @Override
    public boolean openWireConversion(long nowNs, boolean pullUp, double[] out) {
        double[] source = pullUp ? openWirePullUp : openWirePullDown;
        if (source == null) {
            for (int g = 0; g < out.length; g++) {
                out[g] = m.cellVoltageV(g);
            }
        } else {
            System.arraycopy(source, 0, out, 0, out.length);
        }
        return true;
    }

    public int balancingCount() {
        int n = 0;
        for (boolean b : balancing) {
            n += b ? 1 : 0;
        }
        return n;
    }

    @Override
    public String toString() {
        return "coils " + Arrays.toString(coil);
    }
}
