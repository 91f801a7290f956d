package org.bmsbench.scenario;

import java.util.List;
import java.util.Locale;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.firmware.events.Event;
import org.bmsbench.firmware.events.EventLog;
import org.bmsbench.firmware.events.EventType;

/**
 * Reads a firmware's event log as it grows, from any thread, and turns each event into a readable
 * {@link ScenarioEvent}. A reader that fell more than the log's capacity behind is told how many it lost.
 */
public final class FirmwareEvents {
    /** Told of every fault raised or cleared, as it is read. */
    @FunctionalInterface
    public interface FaultListener {
        void onFault(double timeS, FaultId id, FaultLevel level, boolean raised);
    }

    private static final double NS_PER_S = 1e9;

    private final EventLog log;
    private final Event event = new Event();
    private long cursor;

    public FirmwareEvents(EventLog log) {
        this.log = log;
    }

    /** Appends the events logged since the last call to {@code out}; {@code faults} may be null. */
    public void drain(double nowS, List<ScenarioEvent> out, FaultListener faults) {
        long count = log.count();
        if (cursor < log.oldest()) {
            out.add(new ScenarioEvent(nowS, "events_lost", (log.oldest() - cursor) + " events",
                    "the log overflowed between two reads"));
            cursor = log.oldest();
        }
        for (; cursor < count; cursor++) {
            if (!log.read(cursor, event)) {
                continue;
            }
            double timeS = event.timeNs() / NS_PER_S;
            EventType type = event.type();
            switch (type) {
                case FAULT_RAISED:
                case FAULT_CLEARED: {
                    FaultId id = FaultId.of(event.code());
                    FaultLevel level = FaultLevel.of(event.level());
                    boolean raised = type == EventType.FAULT_RAISED;
                    if (faults != null) {
                        faults.onFault(timeS, id, level, raised);
                    }
                    out.add(new ScenarioEvent(timeS, type.id(), id.name(),
                            String.format(Locale.ROOT, "%s, value %.6g", level.id(), event.value())));
                    break;
                }
                case STATE_CHANGED:
                    out.add(new ScenarioEvent(timeS, type.id(), BmsState.of(event.code()).id(),
                            "from " + BmsState.of(event.level()).id()));
                    break;
                case REQUEST:
                case REQUEST_REFUSED:
                    out.add(new ScenarioEvent(timeS, type.id(), BmsRequest.of(event.code()).id(), ""));
                    break;
                case OPENED_UNDER_LOAD:
                    out.add(new ScenarioEvent(timeS, type.id(), "contactors",
                            String.format(Locale.ROOT, "%.6g A", event.value())));
                    break;
                case PRECHARGE_ATTEMPT_FAILED:
                    out.add(new ScenarioEvent(timeS, type.id(), "attempt " + event.code(),
                            String.format(Locale.ROOT, "link at %.6g V", event.value())));
                    break;
                default:
                    out.add(new ScenarioEvent(timeS, type.id(), Integer.toString(event.code()),
                            String.format(Locale.ROOT, "%.6g", event.value())));
            }
        }
    }
}
