package org.bmsbench.can.profile;

import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import org.bmsbench.firmware.contactor.BmsRequest;

/**
 * How a profile reads the vehicle's cyclic request: a state signal whose value names the wanted state (a change is
 * a request; the first frame heard is one too), and flags whose rising edge is a request (a fault reset). Every
 * frame of the message counts as the vehicle heard.
 *
 * @param message     the request message's name in the profile's DBC
 * @param stateSignal the signal carrying the wanted state
 * @param stateOf     the request a raw state value stands for; null for a value with no meaning (ignored)
 * @param risingEdges the flag signals, with the request each one's 0 to 1 edge makes
 * @param standbyResets whether a change to STANDBY also resets the faults (foxBMS leaves its error state when the
 *                      vehicle asks for standby and no error remains): the vehicle's fault reset is a standby
 *                      request
 */
public record RequestPlan(String message, String stateSignal, LongFunction<BmsRequest> stateOf,
                          Map<String, BmsRequest> risingEdges, boolean standbyResets) {
    public RequestPlan {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stateSignal, "stateSignal");
        Objects.requireNonNull(stateOf, "stateOf");
        risingEdges = Map.copyOf(risingEdges);
    }

    /** The smallest raw state value that stands for {@code request}, or -1 when no state value does. */
    public long rawStateOf(BmsRequest request) {
        for (long raw = 0; raw < 256; raw++) {
            if (stateOf.apply(raw) == request) {
                return raw;
            }
        }
        return -1;
    }

    /** The flag signal whose rising edge makes {@code request}, or null when none does. */
    public String flagFor(BmsRequest request) {
        return risingEdges.entrySet().stream().filter(e -> e.getValue() == request).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }
}
