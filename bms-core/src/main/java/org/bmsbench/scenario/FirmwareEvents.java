package org.bmsbench.scenario;

import java.util.List;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.firmware.events.Event;
import org.bmsbench.firmware.events.EventLog;
import org.bmsbench.firmware.events.EventType;

/**
 * Reads a firmware's event log as it grows, from any thread, and turns each event into a typed
 * {@link ScenarioEvent}. A reader that fell more than the log's capacity behind is told how many it lost.
 */
public final class FirmwareEvents {
    /** Told of every fault raised or cleared, as it is read. */
    @FunctionalInterface
    public interface FaultListener {
        void onFault(long timeNs, FaultId id, FaultLevel level, boolean raised);
    }

    private final EventLog log;
    private final Event event = new Event();
    private long cursor;

    public FirmwareEvents(EventLog log) {
        this.log = log;
    }

    /**
     * Appends the events logged since the last call to {@code out}; {@code faults} may be null. Events the log no
     * longer holds are counted in one {@link ScenarioEvent.EventsLost}, timed at the oldest event it still holds.
     */
    public void drain(List<ScenarioEvent> out, FaultListener faults) {
        long count = log.count();
        if (cursor < log.oldest()) {
            long lost = log.oldest() - cursor;
            cursor = log.oldest();
            out.add(new ScenarioEvent.EventsLost(log.read(cursor, event) ? event.timeNs() : 0, lost));
        }
        for (; cursor < count; cursor++) {
            if (log.read(cursor, event)) {
                out.add(typed(faults));
            }
        }
    }

    private ScenarioEvent typed(FaultListener faults) {
        long timeNs = event.timeNs();
        EventType type = event.type();
        switch (type) {
            case FAULT_RAISED:
            case FAULT_CLEARED: {
                FaultId id = FaultId.of(event.code());
                FaultLevel level = FaultLevel.of(event.level());
                boolean raised = type == EventType.FAULT_RAISED;
                if (faults != null) {
                    faults.onFault(timeNs, id, level, raised);
                }
                return new ScenarioEvent.FaultChanged(timeNs, id, level, raised, event.value(), event.cell());
            }
            case STATE_CHANGED:
                return new ScenarioEvent.StateChanged(timeNs, BmsState.of(event.code()), BmsState.of(event.level()));
            case REQUEST:
            case REQUEST_REFUSED:
                return new ScenarioEvent.RequestSeen(timeNs, BmsRequest.of(event.code()),
                        type == EventType.REQUEST_REFUSED);
            case OPENED_UNDER_LOAD:
                return new ScenarioEvent.OpenedUnderLoad(timeNs, event.value());
            case PRECHARGE_ATTEMPT_FAILED:
                return new ScenarioEvent.PrechargeFailed(timeNs, event.code(), event.value());
            default:
                return new ScenarioEvent.FirmwareEvent(timeNs, type, event.code(), event.value());
        }
    }
}
