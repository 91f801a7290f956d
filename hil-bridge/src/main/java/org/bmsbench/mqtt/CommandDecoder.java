package org.bmsbench.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;
import org.bmsbench.firmware.balancing.BalancingConfig;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.scenario.BenchControl;
import org.bmsbench.sim.PlantFault;

/**
 * Turns an MQTT command (its topic's name, its payload) into an action on the bench, or a refusal that says why:
 * bounded payloads, a JSON object with an id, strict fields, and what this bench allows (remote control, faults,
 * speed). Pure: no broker, no queue, no thread; the client queues what it returns.
 */
final class CommandDecoder {
    /** A command's payload at most: a command is a few fields, not a file. */
    static final int MAX_PAYLOAD_BYTES = 4096;
    /** Commands waiting for the bench's thread at most; more are refused, each with a reply. */
    static final int MAX_PENDING_COMMANDS = 256;
    /** An error reply quotes this much of what it refuses at most. */
    private static final int MAX_QUOTE = 80;

    /**
     * A decoded command: an action to run, or (action null) the error to reply with; the id as sent (a string or
     * a number, echoed in the reply as that), or null.
     */
    record Decoded(String name, ValueNode id, Function<BenchControl, String> action, String error) {
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final boolean remoteControlAllowed;
    private final MqttBench.Capabilities capabilities;

    CommandDecoder(boolean remoteControlAllowed, MqttBench.Capabilities capabilities) {
        this.remoteControlAllowed = remoteControlAllowed;
        this.capabilities = capabilities;
    }

    /** {@code waiting}: commands queued and not yet run (past the bound, a command is refused as busy). */
    Decoded decode(String name, byte[] payload, boolean retained, int waiting) {
        ValueNode id = null;
        try {
            if (payload.length > MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("a payload of " + payload.length + " bytes: a command is at most "
                        + MAX_PAYLOAD_BYTES);
            }
            JsonNode n = mapper.readTree(payload);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the payload must be a JSON object with an \"id\"");
            }
            JsonNode idNode = n.get("id");
            id = idNode == null ? null : idNode.isNumber() ? (ValueNode) idNode
                    : idNode.isTextual() ? TextNode.valueOf(quote(idNode.asText())) : null;
            if (id == null) {
                throw new IllegalArgumentException("the payload needs an \"id\" (a string or number)");
            }
            if (waiting >= MAX_PENDING_COMMANDS) {
                throw new IllegalArgumentException("busy: " + MAX_PENDING_COMMANDS + " commands are waiting for the"
                        + " bench; send this one again later");
            }
            if (retained) {
                throw new IllegalArgumentException("a retained command is not obeyed: publish it without retain");
            }
            return new Decoded(name, id, action(name, n), null);
        } catch (JsonProcessingException e) {
            return new Decoded(name, id, null, "the payload is not JSON: " + quote(e.getOriginalMessage()));
        } catch (IOException e) {
            return new Decoded(name, id, null, "the payload cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Decoded(name, id, null, e.getMessage());
        }
    }

    private Function<BenchControl, String> action(String name, JsonNode n) {
        BenchCommand command = BenchCommand.fromId(name);
        if (command == null) {
            throw new IllegalArgumentException("unknown command '" + quote(name) + "'; expected one of: "
                    + BenchCommand.ids());
        }
        switch (command) {
            case REQUEST_STATE: {
                String state = text(n, "state");
                if (state.equals(BmsRequest.STANDBY.id())) {
                    return c -> c.request(BmsRequest.STANDBY);
                }
                if (state.equals(BmsRequest.NORMAL.id())) {
                    authorised("request_state normal");
                    return c -> c.request(BmsRequest.NORMAL);
                }
                throw new IllegalArgumentException("state must be standby or normal, got '" + quote(state) + "'");
            }
            case RESET_FAULTS:
                return c -> c.request(BmsRequest.RESET_FAULTS);
            case SET_BALANCING: {
                String strategy = text(n, "strategy");
                for (BalancingConfig.Strategy s : BalancingConfig.Strategy.values()) {
                    if (s.name().toLowerCase(Locale.ROOT).equals(strategy)) {
                        return c -> c.setBalancing(s);
                    }
                }
                throw new IllegalArgumentException("strategy must be none, voltage or soc, got '" + quote(strategy)
                        + "'");
            }
            case INJECT_FAULT:
            case CLEAR_FAULT: {
                boolean inject = command == BenchCommand.INJECT_FAULT;
                if (!capabilities.faults()) {
                    throw new IllegalArgumentException("this bench has no simulated or emulated plant to put"
                            + " faults in");
                }
                if (inject) {
                    authorised("inject_fault");
                }
                PlantFault fault = fault(n);
                return c -> c.fault(fault, inject);
            }
            case SET_SPEED: {
                if (!capabilities.speed()) {
                    throw new IllegalArgumentException("this bench runs in real time: it has no speed to set");
                }
                JsonNode speed = n.get("speed");
                if (speed != null && speed.isTextual() && speed.asText().equals("max")) {
                    return c -> c.setSpeed(Double.NaN);
                }
                if (speed == null || !speed.isNumber() || !(speed.asDouble() > 0) || speed.asDouble() > 1e6) {
                    throw new IllegalArgumentException("speed must be a number above 0 (times real time) or \"max\"");
                }
                double value = speed.asDouble();
                return c -> c.setSpeed(value);
            }
            default:
                throw new IllegalStateException(command + " has no decoder");
        }
    }

    private void authorised(String what) {
        if (!remoteControlAllowed) {
            throw new IllegalArgumentException(what + " is refused: this bench was not started with remote control"
                    + " allowed (--allow-remote-control)");
        }
    }

    private static PlantFault fault(JsonNode n) {
        String type = text(n, "type");
        PlantFault.Type which = PlantFault.Type.fromId(type);
        if (which == null) {
            throw new IllegalArgumentException("unknown fault type '" + quote(type) + "'");
        }
        JsonNode target = n.get("target");
        int index = 0;
        if (which.target() != PlantFault.Target.PACK) {
            if (target == null || !target.isIntegralNumber() || !target.canConvertToInt() || target.asInt() < 1) {
                throw new IllegalArgumentException(type + " needs a \"target\": the cell, channel, sensor or"
                        + " contactor, counted from 1");
            }
            index = target.asInt() - 1;
        }
        JsonNode value = n.get("value");
        if (value != null && !value.isNumber()) {
            throw new IllegalArgumentException("\"value\" must be a number");
        }
        return new PlantFault(which, index, value == null ? Double.NaN : value.asDouble());
    }

    /** What a reply quotes of the sender's text: at most {@link #MAX_QUOTE} characters. */
    static String quote(String text) {
        return text == null || text.length() <= MAX_QUOTE ? text
                : text.substring(0, MAX_QUOTE) + "... (" + text.length() + " characters)";
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("the payload needs \"" + key + "\" (a string)");
        }
        return v.asText();
    }
}
