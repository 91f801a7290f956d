package org.bmsbench.hil.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.port.ContactorId;
import org.bmsbench.port.WireCoded;
import org.bmsbench.sim.PlantFault;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every code on the wire against the tables of {@code docs/hil-protocol.md}, read at test time: a constant added
 * without its row, a row without its constant, or a code that differs fails here, so the protocol a board
 * implements from the document is the one the bench speaks.
 */
class WireCodesDocTest {
    private static final Path DOC = Path.of("..", "docs", "hil-protocol.md");
    /** The first table under each heading: its rows, each its cells, backticks removed. */
    private static final Map<String, List<List<String>>> TABLES = new LinkedHashMap<>();

    @BeforeAll
    static void readTheDocument() throws IOException {
        String heading = "";
        List<List<String>> table = null;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "").trim();
                table = null;
            } else if (line.startsWith("|")) {
                if (table == null && !TABLES.containsKey(heading)) {
                    table = new ArrayList<>();
                    TABLES.put(heading, table);
                }
                if (table != null && !line.matches("\\|[\\s|:-]+\\|?")) { // not the header's underline
                    table.add(cells(line));
                }
            } else if (table != null) {
                table = null; // the table ended; a second one under the same heading is prose's
            }
        }
    }

    private static List<String> cells(String line) {
        String inner = line.trim().replaceAll("^\\||\\|$", "");
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.replace("`", "").trim());
        }
        return cells;
    }

    /** The document's table under {@code heading} as name to code, the header row left out. */
    private static Map<String, Integer> documented(String heading, String codeHeader, String nameHeader,
                                                   IntFunction<Integer> codeOf) {
        List<List<String>> table = TABLES.get(heading);
        assertThat(table).as("a table under '%s' in %s", heading, DOC).isNotNull().isNotEmpty();
        List<String> header = table.get(0);
        int code = header.indexOf(codeHeader);
        int name = header.indexOf(nameHeader);
        assertThat(code).as("column '%s' of '%s'", codeHeader, heading).isNotNegative();
        assertThat(name).as("column '%s' of '%s'", nameHeader, heading).isNotNegative();
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (List<String> row : table.subList(1, table.size())) {
            Integer previous = rows.put(row.get(name), codeOf.apply(Integer.decode(row.get(code))));
            assertThat(previous).as("'%s' listed twice under '%s'", row.get(name), heading).isNull();
        }
        return rows;
    }

    private static Map<String, Integer> documented(String heading, String codeHeader, String nameHeader) {
        return documented(heading, codeHeader, nameHeader, c -> c);
    }

    private static <E extends WireCoded> Map<String, Integer> declared(E[] constants, Function<E, String> name) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (E e : constants) {
            codes.put(name.apply(e), e.wireCode());
        }
        return codes;
    }

    /** The public int constants of {@code type} whose names pass {@code which}: name to value. */
    private static Map<String, Integer> constants(Class<?> type, Predicate<String> which) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (Field f : type.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == int.class
                    && which.test(f.getName())) {
                try {
                    values.put(f.getName(), f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return values;
    }

    @Test
    void shouldListEveryMessageType() {
        assertThat(documented("Messages", "type", "name")).isEqualTo(declared(MessageType.values(), Enum::name));
    }

    @Test
    void shouldListEveryAckResult() {
        assertThat(documented("ACK results", "code", "result")).isEqualTo(declared(AckResult.values(), Enum::name));
    }

    @Test
    void shouldListEveryFaultAction() {
        assertThat(documented("Fault actions", "code", "action"))
                .isEqualTo(declared(FaultAction.values(), Enum::name));
    }

    @Test
    void shouldListEveryFaultType() {
        assertThat(documented("Fault types", "code", "type"))
                .isEqualTo(declared(PlantFault.Type.values(), PlantFault.Type::id));
    }

    @Test
    void shouldGiveEachFaultTypesTargetAndUnit() {
        Map<String, String> documented = new LinkedHashMap<>();
        for (List<String> row : TABLES.get("Fault types").subList(1, TABLES.get("Fault types").size())) {
            documented.put(row.get(1), row.get(2) + ", " + row.get(3));
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (PlantFault.Type t : PlantFault.Type.values()) {
            declared.put(t.id(), t.target().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", "
                    + (t.unit().isEmpty() ? "none" : t.unit()));
        }
        assertThat(documented).isEqualTo(declared);
    }

    @Test
    void shouldListEveryVehicleRequest() {
        assertThat(documented("Vehicle requests", "code", "request"))
                .isEqualTo(declared(BmsRequest.values(), BmsRequest::id));
    }

    @Test
    void shouldListEveryBmsState() {
        assertThat(documented("BMS states", "code", "state")).isEqualTo(declared(BmsState.values(), BmsState::id));
    }

    @Test
    void shouldListEveryContactor() {
        assertThat(documented("Contactors", "code", "contactor"))
                .isEqualTo(declared(ContactorId.values(), Enum::name));
    }

    @Test
    void shouldListEveryHelloRole() {
        assertThat(documented("HELLO roles", "code", "role")).isEqualTo(declared(Hello.Role.values(), Enum::name));
    }

    @Test
    void shouldListEveryHelloCapability() {
        assertThat(documented("HELLO capabilities", "bit", "capability", bit -> 1 << bit))
                .isEqualTo(constants(Hello.class, n -> n.startsWith("CAN_")));
    }

    @Test
    void shouldListEveryMeasurementStatusBit() {
        assertThat(documented("MEASUREMENT status bits", "bit", "status", bit -> 1 << bit))
                .isEqualTo(constants(MeasurementCodec.class, n -> n.startsWith("STATUS_")));
    }

    @Test
    void shouldKeepTheByteLevelConstantsEqualToTheirVocabularies() {
        assertThat(constants(Messages.class, n -> n.startsWith("ACK_"))).isEqualTo(
                declared(AckResult.values(), r -> "ACK_" + r.name()));
        assertThat(constants(Messages.class, n -> n.startsWith("FAULT_"))).isEqualTo(
                declared(FaultAction.values(), a -> "FAULT_" + a.name()));
    }

    static Stream<Arguments> vocabularies() {
        return Stream.of(
                Arguments.of(MessageType.values(), (IntFunction<Object>) MessageType::fromWireCode),
                Arguments.of(AckResult.values(), (IntFunction<Object>) AckResult::fromWireCode),
                Arguments.of(FaultAction.values(), (IntFunction<Object>) FaultAction::fromWireCode),
                Arguments.of(PlantFault.Type.values(), (IntFunction<Object>) PlantFault.Type::fromWireCode),
                Arguments.of(BmsRequest.values(), (IntFunction<Object>) BmsRequest::fromWireCode),
                Arguments.of(BmsState.values(), (IntFunction<Object>) BmsState::fromWireCode),
                Arguments.of(ContactorId.values(), (IntFunction<Object>) ContactorId::fromWireCode),
                Arguments.of(Hello.Role.values(), (IntFunction<Object>) Hello.Role::fromWireCode));
    }

    @ParameterizedTest
    @MethodSource("vocabularies")
    void shouldDecodeEveryCodeToItsConstantAndAnyOtherToNothing(WireCoded[] constants, IntFunction<Object> decode) {
        Map<Integer, WireCoded> byCode = new LinkedHashMap<>();
        for (WireCoded c : constants) {
            assertThat(byCode.put(c.wireCode(), c)).as("a second constant with code %d", c.wireCode()).isNull();
        }
        for (int code = -2; code <= 0x101; code++) {
            assertThat(decode.apply(code)).as("code %d", code).isEqualTo(byCode.get(code));
        }
        assertThat(decode.apply(Integer.MIN_VALUE)).isNull();
        assertThat(decode.apply(Integer.MAX_VALUE)).isNull();
    }
}
