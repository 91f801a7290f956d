package org.bmsbench.hil.protocol;

/**
 * Writers for the short messages ({@code docs/hil-protocol.md} gives their layouts); each begins a frame in the
 * encoder, and the caller finishes it. Their readers are the {@code Bytes} calls at the offsets documented here.
 */
public final class Messages {
    /** ACK results, as the byte-level writers and handlers take them ({@link AckResult} declares them). */
    public static final int ACK_OK = AckResult.OK.wireCode();
    public static final int ACK_BAD_VALUE = AckResult.BAD_VALUE.wireCode();
    public static final int ACK_UNSUPPORTED = AckResult.UNSUPPORTED.wireCode();

    /** INJECT_FAULT actions, as bytes ({@link FaultAction} declares them). */
    public static final int FAULT_CLEAR = FaultAction.CLEAR.wireCode();
    public static final int FAULT_INJECT = FaultAction.INJECT.wireCode();

    /** BALANCE flag: the bleed switches may stay on while the AFE converts. */
    public static final int BALANCE_DURING_CONVERSION = 1;

    private Messages() {
    }

    /** HEARTBEAT: u32 sender uptime, ms. */
    public static void heartbeat(FrameEncoder e, long uptimeMs) {
        e.begin(MessageType.HEARTBEAT).put32((int) uptimeMs);
    }

    /** ACK: u16 sequence acknowledged, u8 its type, u8 result ({@link AckResult}'s code). */
    public static void ack(FrameEncoder e, int sequence, int type, int result) {
        e.begin(MessageType.ACK).put16(sequence).put8(type).put8(result);
    }

    /** HOST_STATUS: u8 BMS state (a {@code BmsState}'s wire code), u16 discharge and u16 charge limit, 0.1 A. */
    public static void hostStatus(FrameEncoder e, int state, double dischargeLimitA, double chargeLimitA) {
        e.begin(MessageType.HOST_STATUS).put8(state).put16(deciAmps(dischargeLimitA)).put16(deciAmps(chargeLimitA));
    }

    /**
     * BALANCE: u16 timeout ms, u8 flags, u16 cell count, then the mask, bit {@code k % 8} of byte {@code k / 8}
     * for cell {@code k}.
     */
    public static void balance(FrameEncoder e, int timeoutMs, int flags, byte[] mask, int cells) {
        e.begin(MessageType.BALANCE).put16(timeoutMs).put8(flags).put16(cells);
        for (int k = 0; k < maskBytes(cells); k++) {
            e.put8(mask[k]);
        }
    }

    /** CONTACTOR: u8 contactor (a {@code ContactorId}'s wire code), u8 1 energise / 0 release. */
    public static void contactor(FrameEncoder e, int contactor, boolean energise) {
        e.begin(MessageType.CONTACTOR).put8(contactor).put8(energise ? 1 : 0);
    }

    /** SET_RATE: u16 report period, ms. */
    public static void setRate(FrameEncoder e, int periodMs) {
        e.begin(MessageType.SET_RATE).put16(periodMs);
    }

    /**
     * INJECT_FAULT: u8 fault type (a {@code PlantFault.Type}'s wire code), u8 action ({@link FaultAction}'s code),
     * u16 target, f32 value (NaN: none).
     */
    public static void injectFault(FrameEncoder e, int faultType, int action, int target, float value) {
        e.begin(MessageType.INJECT_FAULT).put8(faultType).put8(action).put16(target).putF32(value);
    }

    /** VEHICLE_REQUEST: u8 request (a {@code BmsRequest}'s wire code). */
    public static void vehicleRequest(FrameEncoder e, int request) {
        e.begin(MessageType.VEHICLE_REQUEST).put8(request);
    }

    /** Bytes of a BALANCE mask for {@code cells}. */
    public static int maskBytes(int cells) {
        return (cells + 7) / 8;
    }

    private static int deciAmps(double a) {
        return Double.isNaN(a) ? 0 : (int) Math.max(0, Math.min(0xFFFF, Math.round(a * 10)));
    }
}
