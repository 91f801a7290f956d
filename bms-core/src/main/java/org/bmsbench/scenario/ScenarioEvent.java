package org.bmsbench.scenario;

import java.util.Locale;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.firmware.events.EventType;
import org.bmsbench.sim.PlantFault;

/**
 * Something that happened in a run, typed: the firmware's events (faults, states, requests), the world's (faults
 * injected, segments) and the board's. Consumers match on the type; the words ({@link #type}, {@link #subject},
 * {@link #tier}, {@link #unit}, {@link #note}, {@link #detail}) are for the sinks that write text (CSV, console,
 * MQTT JSON, report), and are made only here. A sink with columns writes tier, value, unit, cell and note apart;
 * one with a line writes {@link #detail}, which puts them together.
 */
public sealed interface ScenarioEvent {
    /** When, ns from the start of the run. */
    long timeNs();

    /** What kind, as the event files name it, e.g. {@code fault_raised}. */
    String type();

    /** What it is about: a fault id, a state, a request, a segment. */
    String subject();

    /** A fault's tier ({@code info}, {@code warning}, {@code fatal}); empty for other events. */
    default String tier() {
        return "";
    }

    /** The number behind the event (a fault's sample, a current, a voltage); NaN when it has none. */
    default double value() {
        return Double.NaN;
    }

    /** The unit of {@link #value}; empty when it has none. */
    default String unit() {
        return "";
    }

    /** The cell (series group, from 0) the value was measured on; -1 when the event is not about one cell. */
    default int cell() {
        return -1;
    }

    /** What the other fields do not say, as words (the previous state, a fault's target); may be empty. */
    String note();

    /** Tier, value with its unit, cell (counted from 1, as people do) and note, as one line of words. */
    default String detail() {
        StringBuilder s = new StringBuilder(tier());
        if (!Double.isNaN(value())) {
            s.append(s.isEmpty() ? "" : ", ").append(number(value()));
            s.append(unit().isEmpty() ? "" : " " + unit());
        }
        if (cell() >= 0) {
            s.append(s.isEmpty() ? "" : ", ").append("cell ").append(cell() + 1);
        }
        if (!note().isEmpty()) {
            s.append(s.isEmpty() ? "" : ", ").append(note());
        }
        return s.toString();
    }

    /** When, s from the start. */
    default double timeS() {
        return timeNs() / 1e9;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6g", value);
    }

    /**
     * A fault tier raised or cleared by the firmware's diagnosis, with the value that decided it and, for a
     * per-cell fault (over- and undervoltage, deep discharge), the cell it was measured on (-1 for the others).
     */
    record FaultChanged(long timeNs, FaultId id, FaultLevel level, boolean raised, double value, int cell)
            implements ScenarioEvent {
        public FaultChanged {
            if (cell < -1) {
                throw new IllegalArgumentException("a fault's cell is -1 (none) or a channel from 0, got " + cell);
            }
        }

        /** A fault that is not one cell's. */
        public FaultChanged(long timeNs, FaultId id, FaultLevel level, boolean raised, double value) {
            this(timeNs, id, level, raised, value, -1);
        }

        @Override
        public String tier() {
            return level.id();
        }

        @Override
        public String unit() {
            return id.unit();
        }

        @Override
        public String type() {
            return (raised ? EventType.FAULT_RAISED : EventType.FAULT_CLEARED).id();
        }

        @Override
        public String subject() {
            return id.name();
        }

        @Override
        public String note() {
            return "";
        }
    }

    /** The BMS state machine moved. */
    record StateChanged(long timeNs, BmsState to, BmsState from) implements ScenarioEvent {
        @Override
        public String type() {
            return EventType.STATE_CHANGED.id();
        }

        @Override
        public String subject() {
            return to.id();
        }

        @Override
        public String note() {
            return "from " + from.id();
        }
    }

    /** A request reached the firmware's mailbox, and was taken or refused. */
    record RequestSeen(long timeNs, BmsRequest request, boolean refused) implements ScenarioEvent {
        @Override
        public String type() {
            return (refused ? EventType.REQUEST_REFUSED : EventType.REQUEST).id();
        }

        @Override
        public String subject() {
            return request.id();
        }

        @Override
        public String note() {
            return "";
        }
    }

    /** The contactors opened with current flowing. */
    record OpenedUnderLoad(long timeNs, double currentA) implements ScenarioEvent {
        @Override
        public String type() {
            return EventType.OPENED_UNDER_LOAD.id();
        }

        @Override
        public String subject() {
            return "contactors";
        }

        @Override
        public double value() {
            return currentA;
        }

        @Override
        public String unit() {
            return "A";
        }

        @Override
        public String note() {
            return "";
        }
    }

    /** A precharge attempt ended without the link reaching the pack. */
    record PrechargeFailed(long timeNs, int attempt, double linkVoltageV) implements ScenarioEvent {
        @Override
        public String type() {
            return EventType.PRECHARGE_ATTEMPT_FAILED.id();
        }

        @Override
        public String subject() {
            return "attempt " + attempt;
        }

        @Override
        public double value() {
            return linkVoltageV;
        }

        @Override
        public String unit() {
            return "V";
        }

        @Override
        public String note() {
            return "the link voltage reached";
        }
    }

    /** Another firmware event: its code and value as logged. */
    record FirmwareEvent(long timeNs, EventType kind, int code, double value) implements ScenarioEvent {
        @Override
        public String type() {
            return kind.id();
        }

        @Override
        public String subject() {
            return Integer.toString(code);
        }

        @Override
        public String note() {
            return "";
        }
    }

    /** A reader fell behind the firmware's log by more than it holds. */
    record EventsLost(long timeNs, long count) implements ScenarioEvent {
        @Override
        public String type() {
            return "events_lost";
        }

        @Override
        public String subject() {
            return count + " events";
        }

        @Override
        public String note() {
            return "the log overflowed between two reads";
        }
    }

    /** Who put a fault into the plant or took it out. */
    enum FaultSource { SCENARIO, LINK }

    /** A plant fault injected or cleared, on the scenario's timeline or over the HIL link. */
    record PlantFaultChanged(long timeNs, PlantFault fault, boolean injected, FaultSource source)
            implements ScenarioEvent {
        @Override
        public String type() {
            if (injected) {
                return "fault_injected";
            }
            return source == FaultSource.SCENARIO ? "fault_cleared_by_scenario" : "fault_cleared";
        }

        @Override
        public String subject() {
            return fault.type().id();
        }

        @Override
        public double value() {
            return source == FaultSource.LINK ? Double.NaN : fault.value();
        }

        @Override
        public String unit() {
            return Double.isNaN(value()) ? "" : fault.type().unit();
        }

        @Override
        public String note() {
            if (source == FaultSource.LINK) {
                return "over the link, target " + (fault.target() + 1);
            }
            return fault.type().target() == PlantFault.Target.PACK ? "" : "target " + (fault.target() + 1);
        }
    }

    /** The profile moved to its next segment. */
    record SegmentStarted(long timeNs, String description) implements ScenarioEvent {
        @Override
        public String type() {
            return "segment";
        }

        @Override
        public String subject() {
            return description;
        }

        @Override
        public String note() {
            return "";
        }
    }

    /** What an emulated board did about its host. */
    enum BoardAction {
        HOST_CONNECTED, HOST_WATCHDOG, HOST_BACK, BALANCE_TIMEOUT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An emulated board's own event. */
    record BoardEvent(long timeNs, BoardAction action, String why) implements ScenarioEvent {
        @Override
        public String type() {
            return action.id();
        }

        @Override
        public String subject() {
            return "board";
        }

        @Override
        public String note() {
            return why;
        }
    }
}
