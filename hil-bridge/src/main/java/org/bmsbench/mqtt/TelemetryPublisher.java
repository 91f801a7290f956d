package org.bmsbench.mqtt;

import com.fasterxml.jackson.databind.node.ValueNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bmsbench.firmware.events.EventLog;
import org.bmsbench.scenario.FirmwareEvents;
import org.bmsbench.scenario.ScenarioEvent;

/**
 * What a bench publishes, as an agent: each {@link #doWork} takes the snapshots the bench's thread left in the
 * ring, the firmware's new events and the command replies, encodes them and hands them to an {@link Outlet} (the
 * broker connection, or a test's list). It owns no thread and no connection, so a test steps it without a broker.
 */
final class TelemetryPublisher {
    /** Where messages go: a topic leaf under the pack, the payload, QoS and retain. */
    interface Outlet {
        /**
         * @param kind what the message is, for the outlet's counts
         * @return false when it cannot take the message now (a reply then waits for the next round)
         */
        boolean publish(Kind kind, String leaf, byte[] payload, int qos, boolean retained);
    }

    /** The kinds of message, each with its own count. */
    enum Kind { STATUS, CELLS, EVENT, REPLY }

    /** A command's answer, to go out on {@code cmd/<name>/reply}; {@code id} as the command sent it, or null. */
    record Reply(String name, ValueNode id, String error) {
    }

    private final TelemetryRing ring;
    private final TelemetrySnapshot outgoing;
    private final FirmwareEvents events;
    private final TelemetryJson json = new TelemetryJson();
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    /** The events read from the log and not yet encoded. */
    private final List<ScenarioEvent> drained = new ArrayList<>();

    /** {@code log}: the firmware's event log, published as {@code events}; null for none. */
    TelemetryPublisher(TelemetryRing ring, TelemetrySnapshot outgoing, EventLog log) {
        this.ring = ring;
        this.outgoing = outgoing;
        this.events = log == null ? null : new FirmwareEvents(log);
    }

    /** Snapshots the ring overwrote before they were published. */
    long dropped() {
        return ring.dropped();
    }

    /** Queues a reply (any thread). */
    void reply(Reply reply) {
        replies.add(reply);
    }

    /** Publishes what is waiting; returns how many messages the outlet took. */
    int doWork(Outlet out) {
        int work = 0;
        while (ring.poll(outgoing)) {
            // QoS 1: a broker may discard retained QoS 0 messages (Moquette does), and status must be retained
            work += out.publish(Kind.STATUS, "status", json.status(outgoing), 1, true) ? 1 : 0;
            if (outgoing.hasCells) {
                work += out.publish(Kind.CELLS, "cells", json.cells(outgoing), 0, false) ? 1 : 0;
            }
        }
        if (events != null) {
            events.drain(drained, null);
            for (ScenarioEvent e : drained) {
                if (published(e)) {
                    work += out.publish(Kind.EVENT, "events", json.event(e), 1, false) ? 1 : 0;
                }
            }
            drained.clear();
        }
        // every reply goes out: one the outlet cannot take now (too many in flight) waits for the next round
        for (Reply r; (r = replies.peek()) != null; ) {
            if (!out.publish(Kind.REPLY, "cmd/" + r.name() + "/reply", json.reply(r.id(), r.error()), 1, false)) {
                break;
            }
            replies.poll();
            work++;
        }
        return work;
    }

    /** Encodes what is waiting and publishes nothing: a warm-up's, so that the encoder is compiled. */
    void encodeOnly() {
        doWork((kind, leaf, payload, qos, retained) -> kind != Kind.REPLY);
    }

    /** The firmware's events that go out on {@code events}: faults and state changes, and lost events. */
    private static boolean published(ScenarioEvent e) {
        return e instanceof ScenarioEvent.FaultChanged || e instanceof ScenarioEvent.StateChanged
                || e instanceof ScenarioEvent.EventsLost;
    }
}
