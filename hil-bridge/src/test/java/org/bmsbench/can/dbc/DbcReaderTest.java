package org.bmsbench.can.dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmsbench.can.dbc.DbcSignal.ByteOrder;
import org.bmsbench.can.dbc.DbcSignal.ValueType;
import org.bmsbench.sim.ReferenceData;
import org.junit.jupiter.api.Test;

class DbcReaderTest {

    private static DbcDatabase parse(String text) {
        return DbcReader.parse("test.dbc", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadEveryCantoolsFileButTheOneWithAWrongLength() throws IOException {
        int files = 0;
        for (Path file : DbcFiles.cantoolsTests()) {
            if (file.getFileName().toString().equals(DbcFiles.BAD_LENGTH)) {
                continue;
            }
            DbcDatabase database = DbcReader.read(file);
            // as many messages as BO_ lines (none of these files has Vector's pseudo message)
            long boLines = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> l.startsWith("BO_ ")).count();
            assertThat(database.messages()).as(file.toString()).hasSize((int) boLines);
            files++;
        }
        assertThat(files).isEqualTo(18);
    }

    @Test
    void shouldRefuseASignalBeyondItsMessageWithTheFileAndLine() {
        Path bad = ReferenceData.file("can/cantools-tests/" + DbcFiles.BAD_LENGTH);
        assertThatThrownBy(() -> DbcReader.read(bad)).isInstanceOfSatisfying(DbcException.class, e -> {
            assertThat(e.source()).isEqualTo(bad.toString());
            assertThat(e.line()).isEqualTo(40); // " SG_ Signal1 : 8|1@1+ ..." in the 1-byte Message1
            assertThat(e.getMessage()).isEqualTo(bad + ":40: SG_: signal Signal1 (Signal1 8|1@1+) needs 2 bytes,"
                    + " but message Message1 is 1 bytes long");
        });
    }

    @Test
    void shouldReadFoxBmsWithItsFortyOneMessages() throws IOException {
        Path file = ReferenceData.file("can/foxbms/foxbms.dbc");
        long boLines = Files.readAllLines(file).stream().filter(l -> l.startsWith("BO_ ")).count();
        assertThat(boLines).isEqualTo(41);
        DbcDatabase foxbms = DbcReader.read(file);
        assertThat(foxbms.messages()).hasSize(41);

        DbcMessage request = foxbms.message("f_BmsStateRequest").orElseThrow();
        assertThat(request.id()).isEqualTo(0x210);
        assertThat(request.extended()).isFalse();
        assertThat(foxbms.message(0x210, false)).isSameAs(request);
        assertThat(foxbms.message(0x210, true)).isNull();
        assertThat(request.cycleTimeMs()).isZero(); // sent by the vehicle: no BA_, the default 0
        assertThat(foxbms.message("f_BmsState").orElseThrow().cycleTimeMs()).isEqualTo(100);
        DbcSignal mode = request.signal("RequestBmsMode").orElseThrow();
        assertThat(mode.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(mode.startBit()).isEqualTo(1);
        assertThat(mode.bitLength()).isEqualTo(2);

        DbcMessage cellVoltages = foxbms.message("f_CellVoltages").orElseThrow();
        DbcSignal mux = cellVoltages.signal("f_CellVoltages_Mux").orElseThrow();
        assertThat(mux.isMultiplexer()).isTrue();
        DbcSignal cell5 = cellVoltages.signal("CellVoltage_005").orElseThrow();
        assertThat(cell5.selectedBy()).isSameAs(mux);
        assertThat(cell5.selectingRanges()).containsExactly(1, 1);
        assertThat(cell5.unit()).isEqualTo("mV");
        assertThat(cellVoltages.cycleTimeMs()).isEqualTo(5400);
    }

    @Test
    void shouldReadTheCurrentSensorAndTheIsolationMonitor() {
        DbcDatabase ivt = DbcFiles.read("foxbms/IVT-S_12082020.dbc");
        // 11 BO_ lines, one of them Vector's VECTOR__INDEPENDENT_SIG_MSG, which is no frame
        assertThat(ivt.messages()).hasSize(10);
        DbcSignal current = ivt.message("IVT_Msg_Result_I").orElseThrow().signal("IVT_Result_I").orElseThrow();
        assertThat(current.isSigned()).isTrue();
        assertThat(current.bitLength()).isEqualTo(32);
        assertThat(current.unit()).isEqualTo("mA");
        assertThat(ivt.nodes()).contains("IVT_Mod", "Host");

        DbcDatabase imd = DbcFiles.read("foxbms/iso165_IMD.dbc");
        assertThat(imd.messages()).extracting(DbcMessage::name)
                .contains("IMD_Info", "IMD_Request", "IMD_Response").hasSize(5);
    }

    @Test
    void shouldReadMotohawksSignalsCommentsValueTableAndCycleTimeDefault() {
        DbcDatabase motohawk = DbcFiles.read("cantools-tests/motohawk.dbc");
        assertThat(motohawk.nodes()).containsExactly("PCM1", "FOO");
        DbcMessage example = motohawk.message(496, false);
        assertThat(example.name()).isEqualTo("ExampleMessage");
        assertThat(example.length()).isEqualTo(8);
        assertThat(example.transmitter()).isEqualTo("PCM1");
        assertThat(example.comment()).isEqualTo("Example message used as template in MotoHawk models.");
        assertThat(example.cycleTimeMs()).isZero(); // BA_DEF_DEF_ "GenMsgCycleTime" 0, no BA_
        assertThat(example.attributes()).containsEntry("GenMsgCycleTime", "0");
        DbcSignal temperature = example.signal("Temperature").orElseThrow();
        assertThat(temperature.startBit()).isZero();
        assertThat(temperature.bitLength()).isEqualTo(12);
        assertThat(temperature.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(temperature.isSigned()).isTrue();
        assertThat(temperature.factor()).isEqualTo(0.01);
        assertThat(temperature.offset()).isEqualTo(250);
        assertThat(temperature.minimum()).isEqualTo(229.52);
        assertThat(temperature.maximum()).isEqualTo(270.47);
        assertThat(temperature.unit()).isEqualTo("degK");
        assertThat(temperature.receivers()).containsExactly("PCM1", "FOO");
        assertThat(example.signal("Enable").orElseThrow().valueDescriptions())
                .containsExactly(java.util.Map.entry(0L, "Disabled"), java.util.Map.entry(1L, "Enabled"));
    }

    @Test
    void shouldReadExtendedIdsAttributesAndNodeComments() {
        DbcDatabase numbers = DbcFiles.read("cantools-tests/big_numbers.dbc");
        DbcMessage extended = numbers.message("TheMessage").orElseThrow();
        assertThat(extended.extended()).isTrue();
        assertThat(extended.id()).isEqualTo(57); // 2147483705 - 2^31
        assertThat(extended.fileId()).isEqualTo(2147483705L);
        assertThat(extended.cycleTimeMs()).isEqualTo(1000);
        assertThat(extended.attributes()).containsEntry("TheFloatAttribute", "58.7");
        assertThat(extended.signal("TheSignal").orElseThrow().attributes())
                .containsEntry("TheSignalStringAttribute", "TestString");
        assertThat(numbers.message(42, false).name()).isEqualTo("TheOtherMessage");
        assertThat(numbers.nodeComments()).containsEntry("TheNode", "TheNodeComment");
        assertThat(numbers.attributes()).containsEntry("BusType", "CAN");
    }

    @Test
    void shouldReadAWindows1252File() {
        DbcDatabase cp1252 = DbcFiles.read("cantools-tests/cp1252.dbc");
        // 0x80 is the euro sign in Windows-1252, 0xFF is ÿ
        assertThat(cp1252.nodeComments().get("Node1")).contains("€‚ƒ„…", "ÀÁÂ").endsWith("þÿ");
    }

    @Test
    void shouldReadNamedValueTablesAndFloats() {
        DbcDatabase tables = DbcFiles.read("cantools-tests/val_table.dbc");
        assertThat(tables.valueTables().get("Table3")).containsOnlyKeys(0L, 2L, 7L, 16L);
        assertThat(tables.valueTables().get("Table2")).isEmpty();
        DbcDatabase floats = DbcFiles.read("cantools-tests/floating_point.dbc");
        assertThat(floats.message(1024, false).signal("Signal1").orElseThrow().valueType())
                .isEqualTo(ValueType.DOUBLE);
        assertThat(floats.message(1025, false).signal("Signal2").orElseThrow().valueType())
                .isEqualTo(ValueType.FLOAT);
    }

    @Test
    void shouldReadCascadedMultiplexersAndRanges() {
        DbcDatabase mux = DbcFiles.read("cantools-tests/multiplex_2.dbc");
        DbcMessage extended = mux.message("Extended").orElseThrow();
        DbcSignal s0 = extended.signal("S0").orElseThrow();
        DbcSignal s1 = extended.signal("S1").orElseThrow();
        assertThat(s1.isMultiplexer()).isTrue();
        assertThat(s1.selectedBy()).isSameAs(s0); // S1 m0M, SG_MUL_VAL_ S1 S0 0-0
        assertThat(extended.signal("S3").orElseThrow().selectedBy()).isSameAs(s1);
        assertThat(extended.signal("S7").orElseThrow().selectedBy()).isSameAs(extended.signal("S6").orElseThrow());
        DbcSignal shared1 = mux.message("Shared").orElseThrow().signal("S1").orElseThrow();
        assertThat(shared1.selectingRanges()).containsExactly(1, 1, 3, 3); // SG_MUL_VAL_ ... S1 S0 1-1, 3-3
        assertThat(shared1.isSelectedBy(3)).isTrue();
        assertThat(shared1.isSelectedBy(2)).isFalse();
    }

    @Test
    void shouldRefuseABrokenLineWithWhereAndWhat() {
        String message = "BO_ 100 M: 8 Node\n SG_ A : 0|8@1+ (1,0) [0|255] \"\" Node\n";
        assertThatThrownBy(() -> parse(message + "this is not dbc\n"))
                .hasMessage("test.dbc:3: SG_: expected a DBC keyword (BO_, SG_, CM_, BA_, VAL_, ...) at the start"
                        + " of the line, found 'this'");
        assertThatThrownBy(() -> parse(message + " SG_ B : 8|8@2+ (1,0) [0|255] \"\" Node\n"))
                .hasMessage("test.dbc:3: SG_: signal B: '2+', expected the byte order and sign: 1+, 1- (Intel)"
                        + " or 0+, 0- (Motorola)");
        assertThatThrownBy(() -> parse(message + " SG_ B : 8|8@1+ (one,0) [0|255] \"\" Node\n"))
                .hasMessage("test.dbc:3: SG_: expected the factor (a number), found 'one'");
        assertThatThrownBy(() -> parse(message + " SG_ B : 8|8@1+ (1,0) [0|255] Node\n"))
                .hasMessage("test.dbc:3: SG_: expected the unit, found 'Node'");
        assertThatThrownBy(() -> parse(message + "CM_ BO_ 100 \"never closed;\n"))
                .hasMessage("test.dbc:3: a string that does not end: expected a closing \"");
        assertThatThrownBy(() -> parse(message + "CM_ BO_ 101 \"no such message\";\n"))
                .hasMessage("test.dbc:3: CM_: no message has id 101: expected the id of a BO_ in this file");
        assertThatThrownBy(() -> parse(message + "VAL_ 100 B 1 \"one\" ;\n"))
                .hasMessage("test.dbc:3: VAL_: message M has no signal B");
        assertThatThrownBy(() -> parse("BO_ 2048 M: 8 Node\n"))
                .hasMessageStartingWith("test.dbc:1: BO_: message M: id 2048 is not a CAN id");
        assertThatThrownBy(() -> parse("BO_ 100 M: 65 Node\n"))
                .hasMessage("test.dbc:1: BO_: expected the message's length in bytes (0-64), found 65");
        assertThatThrownBy(() -> parse(message + " SG_ B : 9999999999999999999|8@1+ (1,0) [0|255] \"\" Node\n"))
                .hasMessage("test.dbc:3: SG_: expected the start bit (a whole number), found '9999999999999999999'");
        assertThatThrownBy(() -> parse(message + " SG_ B : 4294967304|8@1+ (1,0) [0|255] \"\" Node\n"))
                .hasMessage("test.dbc:3: SG_: expected the start bit (0-511), found 4294967304");
        assertThatThrownBy(() -> parse(message + "BO_ 100 N: 8 Node\n"))
                .hasMessage("test.dbc:3: BO_: message N: the id 100 is already message M's (line 1)");
        assertThatThrownBy(() -> parse(message + " SG_ B m1 : 8|8@1+ (1,0) [0|255] \"\" Node\n"))
                .hasMessage("test.dbc:3: signal B is multiplexed (m1) but message M has no multiplexer (M)");
        assertThatThrownBy(() -> parse(message + "SIG_VALTYPE_ 100 A : 1;\n"))
                .hasMessage("test.dbc:3: SIG_VALTYPE_: signal A is 8 bits long, a float needs 32");
        assertThatThrownBy(() -> parse(message + " SG_ B : 8|0@1+ (1,0) [0|255] \"\" Node\n"))
                .hasMessage("test.dbc:3: SG_: signal B: length 0 bits, expected 1-64");
        assertThatThrownBy(() -> parse(" SG_ A : 0|8@1+ (1,0) [0|255] \"\" Node\n"))
                .hasMessage("test.dbc:1: SG_: a signal (SG_) outside a message: expected it right after its BO_"
                        + " line");
    }

    @Test
    void shouldSkipSectionsItDoesNotUse() {
        DbcDatabase database = parse("""
                VERSION "1"
                NS_ :
                \tCM_
                \tBA_
                BS_:
                BU_: A B
                EV_ Speed: 0 [0|100] "" 0 1 DUMMY_NODE_VECTOR0 Vector__XXX;
                BO_ 2164195584 Ext: 3 A
                 SG_ S : 0|8@1+ (2,1) [0|0] "" B
                BO_TX_BU_ 2164195584 : A,B;
                SIG_GROUP_ 2164195584 G 1 : S;
                CM_ "the network";
                BA_DEF_ BO_ "GenMsgCycleTime" INT 0 1000;
                BA_DEF_DEF_ "GenMsgCycleTime" 50;
                """);
        DbcMessage ext = database.message(0xFF0100, true);
        assertThat(ext.name()).isEqualTo("Ext");
        assertThat(ext.cycleTimeMs()).isEqualTo(50); // the default: no BA_ for this message
        assertThat(database.comment()).isEqualTo("the network");
        assertThat(database.nodes()).containsExactly("A", "B");
    }

    @Test
    void shouldNameEnumAttributesAndFillInDefaults() {
        String file = """
                BO_ 100 A: 8 Node
                BO_ 101 B: 8 Node
                BA_DEF_ BO_ "GenMsgSendType" ENUM "Cyclic","OnChange","IfActive";
                BA_DEF_DEF_ "GenMsgSendType" "Cyclic";
                BA_ "GenMsgSendType" BO_ 101 2;
                """;
        DbcDatabase database = parse(file);
        assertThat(database.message(100, false).attributes()).containsEntry("GenMsgSendType", "Cyclic");
        assertThat(database.message(101, false).attributes()).containsEntry("GenMsgSendType", "IfActive");
        assertThatThrownBy(() -> parse(file.replace("BO_ 101 2;", "BO_ 101 3;")))
                .hasMessage("test.dbc:5: attribute GenMsgSendType: '3', expected an index 0-2 into [Cyclic, OnChange,"
                        + " IfActive]");
    }

    @Test
    void shouldGiveTheSameCountAsGrepForEveryFile() throws IOException {
        Pattern bo = Pattern.compile("^BO_ (\\d+) (\\w+)", Pattern.MULTILINE);
        for (Path file : DbcFiles.readable()) {
            Matcher m = bo.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
            int frames = 0;
            while (m.find()) {
                frames += m.group(2).equals("VECTOR__INDEPENDENT_SIG_MSG") ? 0 : 1;
            }
            assertThat(DbcReader.read(file).messages()).as(file.toString()).hasSize(frames);
        }
    }
}
