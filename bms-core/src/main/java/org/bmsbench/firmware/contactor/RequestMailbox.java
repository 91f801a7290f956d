package org.bmsbench.firmware.contactor;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-slot mailbox between whoever asks (another thread: MQTT, the dashboard, a scenario) and the state
 * machine, which takes the request once per tick. A newer request replaces one not yet taken. Lock-free and
 * allocation-free.
 */
public final class RequestMailbox {
    private static final int EMPTY = -1;

    private final AtomicInteger slot = new AtomicInteger(EMPTY);

    /** Leaves {@code request} for the next tick (from any thread). */
    public void post(BmsRequest request) {
        slot.set(request.ordinal());
    }

    /** Takes the waiting request, or null (control-loop thread). */
    public BmsRequest take() {
        int value = slot.getAndSet(EMPTY);
        return value == EMPTY ? null : BmsRequest.of(value);
    }
}
