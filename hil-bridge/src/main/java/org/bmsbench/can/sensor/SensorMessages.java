package org.bmsbench.can.sensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.bmsbench.can.CanFrame;
import org.bmsbench.can.dbc.DbcDatabase;
import org.bmsbench.can.dbc.DbcMessage;
import org.bmsbench.can.dbc.DbcReader;
import org.bmsbench.can.dbc.DbcSignal;
import org.bmsbench.can.profile.CanProfile;
import org.bmsbench.port.ContactorId;

/**
 * The messages of a pack whose sensors are on CAN, resolved once for a pack layout, for both ends (the emulated
 * devices and the BMS's port): foxBMS 2's {@code AFE_CellVoltages} (4 cells a frame, mV) and
 * {@code AFE_CellTemperatures} (6 sensors a frame, degC: the cell sensors, then one per AFE board), the IVT-S's
 * current and first two voltages (pack before the contactors, DC link after them), the iso165C's {@code IMD_Info},
 * all from foxBMS's DBC; and the bench's I/O node (docs/can/bmsbench-io.dbc): the layout, coil commands, auxiliary
 * contacts and bleed switches.
 */
public final class SensorMessages {
    public static final int CELLS_PER_FRAME = 4;
    public static final int TEMPERATURES_PER_FRAME = 6;
    public static final int BLEEDS_PER_FRAME = 48;
    /** The I/O node's protocol version in {@code IoBoardInfo}. */
    public static final int PROTOCOL_VERSION = 1;
    private static final String IO_DBC = "bmsbench-io.dbc";
    private static DbcDatabase io;

    final int cells;
    final int temperatureSensors;
    final int boards;
    final DbcMessage cellVoltages;
    final DbcSignal cellMux;
    final DbcSignal[] cellValueMv;
    final DbcSignal[] cellInvalid;
    final DbcMessage cellTemperatures;
    final DbcSignal temperatureMux;
    final DbcSignal[] temperatureValueC;
    final DbcSignal[] temperatureInvalid;
    final Ivt current;
    final Ivt packVoltage;
    final Ivt linkVoltage;
    final DbcMessage isolation;
    final DbcSignal isolationKohm;
    final DbcSignal isolationDeactivated;
    final DbcSignal isolationOutdated;
    final DbcSignal isolationConnectionError;
    final DbcMessage boardInfo;
    final DbcSignal infoCells;
    final DbcSignal infoTemperatures;
    final DbcSignal infoBoards;
    final DbcSignal infoVersion;
    final DbcSignal infoWatchdog;
    final DbcSignal infoBalancing;
    final DbcMessage contactorCommand;
    final DbcSignal[] coil = new DbcSignal[ContactorId.COUNT];
    final DbcMessage contactorFeedback;
    final DbcSignal[] auxiliary = new DbcSignal[ContactorId.COUNT];
    final DbcMessage balancing;
    final DbcSignal bleedGroup;
    final DbcSignal dischargeDuringConversion;
    final DbcSignal bleedMask;

    /** One IVT-S result message: its value, error flags, message counter and result id. */
    static final class Ivt {
        final DbcMessage message;
        final DbcSignal value;
        final DbcSignal[] errors;
        final DbcSignal counter;
        final DbcSignal resultId;
        final int resultIdValue;

        Ivt(DbcDatabase foxbms, String message, String result, int resultIdValue) {
            this.message = message(foxbms, message);
            this.value = signal(this.message, "IVT_Result_" + result);
            this.errors = new DbcSignal[] {signal(this.message, "IVT_Result_" + result + "_System_Error"),
                    signal(this.message, "IVT_Result_" + result + "_Measurement_Error"),
                    signal(this.message, "IVT_Result_" + result + "_Channel_Error"),
                    signal(this.message, "IVT_Result_" + result + "_OCS")};
            this.counter = signal(this.message, "IVT_MsgCount_Result_" + result);
            this.resultId = signal(this.message, "IVT_ID_Result_" + result);
            this.resultIdValue = resultIdValue;
        }
    }

    /**
     * @throws IllegalArgumentException when the pack does not fit foxBMS's AFE messages (216 cells; 180 temperature
     *                                  slots for the cell sensors and the boards) or the I/O node's bleed groups
     */
    public SensorMessages(int cells, int temperatureSensors, int boards) {
        DbcDatabase foxbms = CanProfile.FOXBMS.database();
        DbcDatabase ioDbc = ioDatabase();
        this.cells = cells;
        this.temperatureSensors = temperatureSensors;
        this.boards = boards;
        cellVoltages = message(foxbms, "AFE_CellVoltages");
        cellMux = signal(cellVoltages, "AFE_CellVoltages_Mux");
        cellValueMv = new DbcSignal[cells];
        cellInvalid = new DbcSignal[cells];
        for (int c = 0; c < cells; c++) {
            String name = String.format(Locale.ROOT, "CellVoltage_%03d", c);
            cellValueMv[c] = fits(cellVoltages, name, cells + " cells");
            cellInvalid[c] = signal(cellVoltages, name + "_invalidFlag");
        }
        cellTemperatures = message(foxbms, "AFE_CellTemperatures");
        temperatureMux = signal(cellTemperatures, "AFE_CellTemperatures_Mux");
        int slots = temperatureSensors + boards;
        temperatureValueC = new DbcSignal[slots];
        temperatureInvalid = new DbcSignal[slots];
        for (int s = 0; s < slots; s++) {
            String name = String.format(Locale.ROOT, "CellTemperature_%03d", s);
            temperatureValueC[s] = fits(cellTemperatures, name,
                    temperatureSensors + " temperature sensors and " + boards + " boards");
            temperatureInvalid[s] = signal(cellTemperatures, name + "_invalidFlag");
        }
        current = new Ivt(foxbms, "CS_IsabellenhuetteIvtString0Curr", "I", 0);
        packVoltage = new Ivt(foxbms, "CS_IsabellenhuetteIvtString0V1", "U1", 1);
        linkVoltage = new Ivt(foxbms, "CS_IsabellenhuetteIvtString0V2", "U2", 2);
        isolation = message(foxbms, "IMD_BenderIso165c_Info");
        isolationKohm = signal(isolation, "II_IMC_R_ISO");
        isolationDeactivated = signal(isolation, "II_VIFC_STATUS_00_IsoMeasurement");
        isolationOutdated = signal(isolation, "II_VIFC_STATUS_08_Outdated");
        isolationConnectionError = signal(isolation, "II_VIFC_STATUS_01_IMC_Connection");
        boardInfo = message(ioDbc, "IoBoardInfo");
        infoCells = signal(boardInfo, "Cells");
        infoTemperatures = signal(boardInfo, "TemperatureSensors");
        infoBoards = signal(boardInfo, "Boards");
        infoVersion = signal(boardInfo, "ProtocolVersion");
        infoWatchdog = signal(boardInfo, "HostWatchdog");
        infoBalancing = signal(boardInfo, "Balancing");
        contactorCommand = message(ioDbc, "IoContactorCommand");
        contactorFeedback = message(ioDbc, "IoContactorFeedback");
        String[] coils = {"MainPositive", "MainNegative", "Precharge"};
        for (int k = 0; k < ContactorId.COUNT; k++) {
            coil[k] = signal(contactorCommand, coils[ContactorId.of(k).wireCode()]);
            auxiliary[k] = signal(contactorFeedback, coils[ContactorId.of(k).wireCode()] + "Closed");
        }
        balancing = message(ioDbc, "IoBalancing");
        bleedGroup = signal(balancing, "BleedGroup");
        dischargeDuringConversion = signal(balancing, "DischargeDuringConversion");
        bleedMask = signal(balancing, "BleedMask");
        if (bleedGroups() > (1 << bleedGroup.bitLength())) {
            throw new IllegalArgumentException(cells + " cells need more bleed groups than IoBalancing has");
        }
    }

    /** The I/O node's DBC, shipped in the jar from docs/can/bmsbench-io.dbc. */
    public static synchronized DbcDatabase ioDatabase() {
        if (io == null) {
            try (InputStream in = SensorMessages.class.getResourceAsStream(IO_DBC)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks " + IO_DBC);
                }
                io = DbcReader.parse(IO_DBC, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return io;
    }

    /**
     * Whether a standard id is one of the sensors' or the I/O node's: the port's share of a bus it shares with the
     * vehicle. Allocates nothing.
     */
    public static boolean isSensorId(int id) {
        return id >= 0 && id < SensorIds.TABLE.length && SensorIds.TABLE[id];
    }

    /** The sensors' ids, worked out on first use. */
    private static final class SensorIds {
        static final boolean[] TABLE = build();

        private static boolean[] build() {
            boolean[] ids = new boolean[CanFrame.MAX_STANDARD_ID + 1];
            DbcDatabase foxbms = CanProfile.FOXBMS.database();
            for (String name : List.of("AFE_CellVoltages", "AFE_CellTemperatures", "CS_IsabellenhuetteIvtString0Curr",
                    "CS_IsabellenhuetteIvtString0V1", "CS_IsabellenhuetteIvtString0V2", "IMD_BenderIso165c_Info")) {
                ids[message(foxbms, name).id()] = true;
            }
            for (DbcMessage message : ioDatabase().messages()) {
                ids[message.id()] = true;
            }
            return ids;
        }
    }

    int cellFrames() {
        return (cells + CELLS_PER_FRAME - 1) / CELLS_PER_FRAME;
    }

    int temperatureFrames() {
        return (temperatureSensors + boards + TEMPERATURES_PER_FRAME - 1) / TEMPERATURES_PER_FRAME;
    }

    int bleedGroups() {
        return (cells + BLEEDS_PER_FRAME - 1) / BLEEDS_PER_FRAME;
    }

    private static DbcSignal fits(DbcMessage message, String name, String what) {
        return message.signal(name).orElseThrow(() -> new IllegalArgumentException("foxBMS's " + message.name()
                + " has no " + name + ": " + what + " do not fit its multiplexed frames"));
    }

    private static DbcMessage message(DbcDatabase database, String name) {
        return database.message(name).orElseThrow(() -> new IllegalStateException(
                database.source() + " has no message " + name));
    }

    private static DbcSignal signal(DbcMessage message, String name) {
        return message.signal(name).orElseThrow(() -> new IllegalStateException(
                "message " + message.name() + " has no signal " + name));
    }
}
