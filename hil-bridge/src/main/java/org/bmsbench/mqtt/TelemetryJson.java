package org.bmsbench.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.port.ContactorId;
import org.bmsbench.scenario.ScenarioEvent;

/** The JSON payloads of {@code docs/mqtt.md}, written on the publisher's thread. NaN is written as null. */
final class TelemetryJson {
    private final JsonFactory factory = new JsonFactory();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);

    byte[] status(TelemetrySnapshot s) {
        return write(g -> {
            g.writeNumberField("time_s", round(s.timeS, 3));
            g.writeStringField("bms_state", BmsState.of(s.state).id());
            g.writeObjectFieldStart("contactors");
            for (int k = 0; k < ContactorId.COUNT; k++) {
                g.writeBooleanField(ContactorId.of(k).id(), s.contactorClosed[k]);
            }
            g.writeEndObject();
            number(g, "pack_current_a", s.packCurrentA, 3);
            number(g, "pack_voltage_v", s.packVoltageV, 3);
            number(g, "link_voltage_v", s.linkVoltageV, 3);
            number(g, "soc", s.soc, 4);
            number(g, "cell_voltage_min_v", s.cellMinV, 4);
            number(g, "cell_voltage_max_v", s.cellMaxV, 4);
            number(g, "cell_voltage_spread_v", s.cellMaxV - s.cellMinV, 4);
            number(g, "temperature_min_c", s.temperatureMinC, 1);
            number(g, "temperature_max_c", s.temperatureMaxC, 1);
            number(g, "discharge_limit_a", s.dischargeLimitA, 2);
            number(g, "charge_limit_a", s.chargeLimitA, 2);
            g.writeArrayFieldStart("faults");
            for (int k = 0; k < FaultId.COUNT; k++) {
                if (s.faults[k] != TelemetrySnapshot.NONE) {
                    g.writeStartObject();
                    g.writeStringField("id", FaultId.of(k).name());
                    g.writeStringField("level", FaultLevel.of(s.faults[k]).id());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeNumberField("balancing_cells", s.balancingCells);
        });
    }

    byte[] cells(TelemetrySnapshot s) {
        return write(g -> {
            g.writeNumberField("time_s", round(s.timeS, 3));
            array(g, "voltages_v", s.cellVoltageV, 4);
            booleans(g, "valid", s.cellValid);
            array(g, "temperatures_c", s.temperatureC, 1);
            array(g, "soc", s.cellSoc, 4);
            booleans(g, "balancing", s.balancing);
        });
    }

    byte[] event(ScenarioEvent e) {
        return write(g -> {
            g.writeNumberField("time_s", round(e.timeS(), 4));
            g.writeStringField("type", e.type());
            g.writeStringField("subject", e.subject());
            g.writeStringField("detail", e.detail());
        });
    }

    /** {@code id}: a string or a number, written as it came (a number stays a number); null when there was none. */
    byte[] reply(ValueNode id, String error) {
        return write(g -> {
            g.writeFieldName("id");
            if (id == null) {
                g.writeNull();
            } else {
                id.serialize(g, null); // a value node writes itself without a serializer provider
            }
            g.writeBooleanField("ok", error == null);
            if (error != null) {
                g.writeStringField("error", error);
            }
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private byte[] write(Body body) {
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return buffer.toByteArray();
    }

    private static void number(JsonGenerator g, String key, double v, int decimals) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(key, round(v, decimals));
        } else {
            g.writeNullField(key);
        }
    }

    private static void array(JsonGenerator g, String key, double[] values, int decimals) throws IOException {
        g.writeArrayFieldStart(key);
        for (double v : values) {
            if (Double.isFinite(v)) {
                g.writeNumber(round(v, decimals));
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
    }

    private static void booleans(JsonGenerator g, String key, boolean[] values) throws IOException {
        g.writeArrayFieldStart(key);
        for (boolean b : values) {
            g.writeBoolean(b);
        }
        g.writeEndArray();
    }

    private static double round(double v, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(v * scale) / scale;
    }
}
