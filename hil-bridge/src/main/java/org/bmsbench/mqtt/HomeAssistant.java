package org.bmsbench.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Home Assistant MQTT discovery: a retained config per main sensor under
 * {@code homeassistant/sensor/bmsbench_<pack>/<key>/config}, each reading a field of the retained status and
 * available while {@code online} is true.
 */
final class HomeAssistant {
    /** key, name, unit, device class (null: none). */
    private static final String[][] SENSORS = {
        {"soc", "State of charge", "%", "battery"},
        {"pack_voltage_v", "Pack voltage", "V", "voltage"},
        {"pack_current_a", "Pack current", "A", "current"},
        {"cell_voltage_min_v", "Lowest cell", "V", "voltage"},
        {"cell_voltage_max_v", "Highest cell", "V", "voltage"},
        {"temperature_max_c", "Hottest cell", "°C", "temperature"},
        {"bms_state", "BMS state", null, null},
    };

    private HomeAssistant() {
    }

    static void publishDiscovery(MqttAsyncClient client, String packId, String root) throws MqttException {
        ObjectMapper mapper = new ObjectMapper();
        String device = "bmsbench_" + packId;
        for (String[] s : SENSORS) {
            ObjectNode config = mapper.createObjectNode();
            config.put("name", s[1]);
            config.put("unique_id", device + "_" + s[0]);
            config.put("state_topic", root + "status");
            config.put("value_template", s[0].equals("soc") ? "{{ (value_json.soc * 100) | round(1) }}"
                    : "{{ value_json." + s[0] + " }}");
            if (s[2] != null) {
                config.put("unit_of_measurement", s[2]);
                config.put("state_class", "measurement");
            }
            if (s[3] != null) {
                config.put("device_class", s[3]);
            }
            config.put("availability_topic", root + "online");
            config.put("payload_available", "true");
            config.put("payload_not_available", "false");
            ObjectNode dev = config.putObject("device");
            dev.putArray("identifiers").add(device);
            dev.put("name", "bms-bench " + packId);
            dev.put("manufacturer", "bms-bench");
            try {
                client.publish("homeassistant/sensor/" + device + "/" + s[0] + "/config",
                        mapper.writeValueAsBytes(config), 1, true);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e); // an ObjectNode always serialises
            }
        }
    }
}
