package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command decoder alone: what it takes, what it refuses and the words of each refusal. */
class CommandDecoderTest {
    private static CommandDecoder.Decoded decode(CommandDecoder d, String name, String json) {
        return d.decode(name, json.getBytes(StandardCharsets.UTF_8), false, 0);
    }

    private final CommandDecoder open = new CommandDecoder(true, new MqttBench.Capabilities(true, true));
    private final CommandDecoder locked = new CommandDecoder(false, new MqttBench.Capabilities(false, false));

    @Test
    void shouldNameEveryCommandWhenOneIsUnknown() {
        CommandDecoder.Decoded d = decode(open, "open_sesame", "{\"id\": 7}");

        assertThat(d.action()).isNull();
        assertThat(d.id().isInt()).isTrue();
        assertThat(d.id().intValue()).isEqualTo(7);
        assertThat(d.error()).isEqualTo("unknown command 'open_sesame'; expected one of: request_state,"
                + " reset_faults, set_balancing, inject_fault, clear_fault, set_speed");
    }

    @Test
    void shouldTakeWhatThisBenchAllowsAndRefuseTheRestSayingWhy() {
        assertThat(decode(open, "request_state", "{\"id\": \"a\", \"state\": \"normal\"}").action()).isNotNull();
        assertThat(decode(locked, "request_state", "{\"id\": \"a\", \"state\": \"standby\"}").action()).isNotNull();
        assertThat(decode(locked, "request_state", "{\"id\": \"a\", \"state\": \"normal\"}").error())
                .isEqualTo("request_state normal is refused: this bench was not started with remote control allowed"
                        + " (--allow-remote-control)");
        assertThat(decode(locked, "clear_fault", "{\"id\": 1, \"type\": \"open_wire\", \"target\": 2}").error())
                .isEqualTo("this bench has no simulated or emulated plant to put faults in");
        assertThat(decode(locked, "set_speed", "{\"id\": 1, \"speed\": 2}").error())
                .isEqualTo("this bench runs in real time: it has no speed to set");
        assertThat(decode(open, "inject_fault", "{\"id\": 1, \"type\": \"open_wires\", \"target\": 2}").error())
                .isEqualTo("unknown fault type 'open_wires'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"id\": 1}                      | {\"id\":1,\"ok\":true}",
        "{\"id\": \"1\"}                    | {\"id\":\"1\",\"ok\":true}",
        "{\"id\": -2.5}                   | {\"id\":-2.5,\"ok\":true}",
        "{\"id\": 123456789012345678901} | {\"id\":123456789012345678901,\"ok\":true}",
        "{\"id\": \"\"}                     | {\"id\":\"\",\"ok\":true}",
    })
    void shouldEchoTheIdAsItWasSent(String command, String reply) {
        CommandDecoder.Decoded d = decode(open, "reset_faults", command);

        assertThat(d.error()).isNull();
        assertThat(new String(new TelemetryJson().reply(d.id(), d.error()), StandardCharsets.UTF_8)).isEqualTo(reply);
    }

    @Test
    void shouldRefuseAnIdThatIsNeitherAStringNorANumber() {
        for (String id : new String[] {"true", "null", "[1]", "{\"a\": 1}"}) {
            CommandDecoder.Decoded d = decode(open, "reset_faults", "{\"id\": " + id + "}");
            assertThat(d.id()).isNull();
            assertThat(d.error()).isEqualTo("the payload needs an \"id\" (a string or number)");
        }
    }

    @Test
    void shouldRefuseRetainedBusyAndMalformedCommands() {
        byte[] ok = "{\"id\": 1, \"state\": \"standby\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(open.decode("request_state", ok, true, 0).error())
                .isEqualTo("a retained command is not obeyed: publish it without retain");
        assertThat(open.decode("request_state", ok, false, CommandDecoder.MAX_PENDING_COMMANDS).error())
                .startsWith("busy: 256 commands are waiting");
        assertThat(decode(open, "reset_faults", "[1]").error())
                .isEqualTo("the payload must be a JSON object with an \"id\"");
        assertThat(decode(open, "reset_faults", "{\"state\": 1}").error())
                .isEqualTo("the payload needs an \"id\" (a string or number)");
        assertThat(decode(open, "reset_faults", "{\"id\": 1").error()).startsWith("the payload is not JSON: ");
    }
}
