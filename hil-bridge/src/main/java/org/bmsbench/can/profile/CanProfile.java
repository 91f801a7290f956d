package org.bmsbench.can.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.bmsbench.can.dbc.DbcDatabase;
import org.bmsbench.can.dbc.DbcReader;

/**
 * The sets of messages the BMS can speak on a CAN bus, each a DBC shipped in the jar and a plan of what goes in
 * and out: {@code bmsbench}, our own (docs/can/bmsbench.dbc), and {@code foxbms}, foxBMS 2's, so that tools made
 * for foxBMS 2 read bms-bench.
 */
public enum CanProfile {
    BMSBENCH("bmsbench.dbc", BmsbenchProfile::request, BmsbenchProfile::messages,
            new LimitsPlan("BmsLimits", "MaxDischargeCurrent", "MaxChargeCurrent")),
    FOXBMS("foxbms/foxbms.dbc", FoxbmsProfile::request, FoxbmsProfile::messages,
            new LimitsPlan("f_PackLimits", "MaximumDischargeCurrent", "MaximumChargeCurrent"));

    /** Where the vehicle reads the current limits it obeys: a message and its two signals, A. */
    public record LimitsPlan(String message, String dischargeSignal, String chargeSignal) {
    }

    private final String dbcResource;
    private final Supplier<RequestPlan> request;
    private final Supplier<List<MessagePlan>> messages;
    private final LimitsPlan limits;
    private DbcDatabase database;

    CanProfile(String dbcResource, Supplier<RequestPlan> request, Supplier<List<MessagePlan>> messages,
            LimitsPlan limits) {
        this.dbcResource = dbcResource;
        this.request = request;
        this.messages = messages;
        this.limits = limits;
    }

    /** The profile by its name on the command line ({@code bmsbench}, {@code foxbms}). */
    public static CanProfile byId(String id) {
        for (CanProfile profile : values()) {
            if (profile.id().equals(id)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown CAN profile '" + id + "', expected one of "
                + Arrays.stream(values()).map(CanProfile::id).collect(Collectors.joining(", ")));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The profile's DBC, read from the jar once. */
    public synchronized DbcDatabase database() {
        if (database == null) {
            try (InputStream in = CanProfile.class.getResourceAsStream(dbcResource)) {
                if (in == null) {
                    throw new IllegalStateException("the jar lacks " + dbcResource + " of CAN profile " + id());
                }
                database = DbcReader.parse(dbcResource, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return database;
    }

    public RequestPlan request() {
        return request.get();
    }

    public List<MessagePlan> messages() {
        return messages.get();
    }

    public LimitsPlan limits() {
        return limits;
    }
}
