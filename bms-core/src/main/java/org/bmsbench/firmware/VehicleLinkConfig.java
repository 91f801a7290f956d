package org.bmsbench.firmware;

/**
 * How the BMS watches its vehicle: a vehicle controller on CAN repeats its state request cyclically (foxBMS 2's
 * {@code f_BmsStateRequest}, every 100 ms), so silence means it is gone.
 *
 * @param requestTimeoutNs once the vehicle has been heard, no request within this time raises
 *                         VEHICLE_COMMUNICATION_LOSS, ns
 */
public record VehicleLinkConfig(long requestTimeoutNs) {
    public VehicleLinkConfig {
        if (requestTimeoutNs <= 0) {
            throw new IllegalArgumentException("vehicle.request_timeout_ms must be above zero");
        }
    }
}
