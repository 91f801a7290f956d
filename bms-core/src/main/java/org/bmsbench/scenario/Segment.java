package org.bmsbench.scenario;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.sim.load.Load;

/** One step of a scenario's profile: a load for a while, or a request to the BMS that takes no time. */
public sealed interface Segment {
    /** A short description for logs and reports. */
    String describe();

    /**
     * A load until it ends by itself. {@code load} makes a fresh one for each run (loads carry state);
     * {@code respectLimits} makes it obey the BMS's current limits, as an inverter or charger does.
     */
    record LoadSegment(Supplier<Load> load, boolean respectLimits, String describe) implements Segment {
    }

    /** The vehicle (or an operator) asks something of the BMS. */
    record RequestSegment(BmsRequest request) implements Segment {
        @Override
        public String describe() {
            return "request " + request.id();
        }
    }

    /**
     * The vehicle puts a frame on the scenario's CAN bus: raw ({@code id} and {@code dataHex}) or a message of the
     * scenario's CAN profile with signal values (the others 0); once, or every {@code everyNs} until a frame with
     * the same id replaces it. {@code stop} ends the cyclic frame of that id, or every cyclic frame of the
     * vehicle (its requests too) when neither id nor message is given: the vehicle falls silent.
     *
     * @param id      the raw frame's id, or -1 for a frame by message name
     * @param message the message's name, or null for a raw frame
     */
    record CanSegment(int id, boolean extended, String dataHex, String message, Map<String, Double> signals,
                      long everyNs, boolean stop) implements Segment {
        public CanSegment {
            signals = signals == null ? Map.of() : Map.copyOf(signals);
            if (everyNs < 0) {
                throw new IllegalArgumentException("every_ms must not be negative");
            }
        }

        @Override
        public String describe() {
            String what = message != null ? message + (signals.isEmpty() ? "" : " " + new TreeMap<>(signals))
                    : id >= 0 ? String.format(Locale.ROOT, extended ? "%08X#%s" : "%03X#%s", id, dataHex)
                    : "every cyclic frame";
            return stop ? "can stop " + what
                    : "can " + what + (everyNs > 0 ? " every " + everyNs / 1_000_000 + " ms" : "");
        }
    }
}
