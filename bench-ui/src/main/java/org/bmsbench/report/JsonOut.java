package org.bmsbench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The JSON the bench writes (summary.json, run.json, {@code validate --json}): indented, and a number that is not
 * finite written as {@code null}, since JSON has no NaN or infinity (Jackson would write the strings
 * {@code "NaN"} and {@code "Infinity"}, which a reader takes for text).
 */
public final class JsonOut {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("finite numbers").addSerializer(Double.class, new FiniteOrNull()));

    private JsonOut() {
    }

    /** The shared, configured mapper (thread-safe once configured). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static final class FiniteOrNull extends StdSerializer<Double> {
        FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                out.writeNumber(value);
            } else {
                out.writeNull();
            }
        }
    }
}
