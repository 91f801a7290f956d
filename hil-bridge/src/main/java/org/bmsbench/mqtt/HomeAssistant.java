package org.bmsbench.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bmsbench.firmware.diag.FaultId;
import org.bmsbench.firmware.diag.FaultLevel;
import org.bmsbench.port.ContactorId;

/**
 * Home Assistant MQTT discovery: one retained config per entity under
 * {@code <prefix>/<sensor|binary_sensor>/bmsbench_<pack>/<key>/config}, each reading the retained status and
 * available while {@code online} is true. Every template renders {@code None} (HA's "unknown") for a reading the
 * status holds as null or lacks, never an error. The fault entities come from {@link FaultId}, so a new fault
 * appears without a change here.
 */
final class HomeAssistant {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** key, name, unit, device class (null: none), the template's value (one status field). */
    private static final String[][] SENSORS = {
        {"soc", "State of charge", "%", "battery"},
        {"pack_voltage_v", "Pack voltage", "V", "voltage"},
        {"pack_current_a", "Pack current", "A", "current"},
        {"cell_voltage_min_v", "Lowest cell", "V", "voltage"},
        {"cell_voltage_max_v", "Highest cell", "V", "voltage"},
        {"temperature_min_c", "Coldest cell", "°C", "temperature"},
        {"temperature_max_c", "Hottest cell", "°C", "temperature"},
        {"bms_state", "BMS state", null, null},
    };

    private HomeAssistant() {
    }

    /** Every discovery config of {@code packId}: its topic and its JSON payload, in a stable order. */
    static Map<String, byte[]> configs(String prefix, String packId, String root) {
        String device = "bmsbench_" + packId;
        Map<String, byte[]> configs = new LinkedHashMap<>();
        for (String[] s : SENSORS) {
            String field = "value_json." + s[0];
            String value = s[0].equals("soc") ? "(" + field + " * 100) | round(1)" : field;
            String test = s[2] == null ? " is string" : " is number";
            ObjectNode config = entity(device, packId, root, s[0], s[1]);
            config.put("value_template", "{{ " + value + " if " + field + test + " else None }}");
            if (s[2] != null) {
                config.put("unit_of_measurement", s[2]);
                config.put("state_class", "measurement");
            }
            if (s[3] != null) {
                config.put("device_class", s[3]);
            }
            configs.put(prefix + "/sensor/" + device + "/" + s[0] + "/config", json(config));
        }
        ObjectNode fatal = entity(device, packId, root, "fatal_fault", "Fatal fault");
        fatal.put("device_class", "problem");
        fatal.put("value_template", onWhenAnyFault("level", FaultLevel.FATAL.id()));
        configs.put(prefix + "/binary_sensor/" + device + "/fatal_fault/config", json(fatal));
        for (FaultId f : FaultId.values()) {
            String key = "fault_" + f.name().toLowerCase(Locale.ROOT);
            ObjectNode fault = entity(device, packId, root, key, "Fault " + f.name());
            fault.put("device_class", "problem");
            fault.put("value_template", onWhenAnyFault("id", f.name()));
            configs.put(prefix + "/binary_sensor/" + device + "/" + key + "/config", json(fault));
        }
        for (int k = 0; k < ContactorId.COUNT; k++) {
            String id = ContactorId.of(k).id();
            ObjectNode contactor = entity(device, packId, root, "contactor_" + id,
                    "Contactor " + id.replace('_', ' '));
            // closed ON, open OFF, unknown when the status does not say
            contactor.put("value_template", "{% set c = (value_json.contactors or {})." + id + " %}"
                    + "{{ 'ON' if c is true else 'OFF' if c is false else None }}");
            configs.put(prefix + "/binary_sensor/" + device + "/contactor_" + id + "/config", json(contactor));
        }
        return configs;
    }

    /** ON while the status's {@code faults} holds one whose {@code attribute} is {@code value}. */
    private static String onWhenAnyFault(String attribute, String value) {
        return "{{ 'ON' if (value_json.faults or []) | selectattr('" + attribute + "', 'eq', '" + value
                + "') | list | count > 0 else 'OFF' }}";
    }

    private static ObjectNode entity(String device, String packId, String root, String key, String name) {
        ObjectNode config = MAPPER.createObjectNode();
        config.put("name", name);
        config.put("unique_id", device + "_" + key);
        config.put("state_topic", root + "status");
        config.put("availability_topic", root + "online");
        config.put("payload_available", "true");
        config.put("payload_not_available", "false");
        ObjectNode dev = config.putObject("device");
        dev.putArray("identifiers").add(device);
        dev.put("name", "bms-bench " + packId);
        dev.put("manufacturer", "bms-bench");
        return config;
    }

    private static byte[] json(ObjectNode config) {
        try {
            return MAPPER.writeValueAsBytes(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // an ObjectNode always serialises
        }
    }
}
