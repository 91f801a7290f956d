package org.bmsbench.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bmsbench.config.BmsConfigFiles;
import org.bmsbench.config.CellFiles;
import org.bmsbench.firmware.BmsFirmware;
import org.bmsbench.firmware.contactor.BmsRequest;
import org.bmsbench.sim.PackConfig;
import org.bmsbench.sim.PackPlant;
import org.bmsbench.sim.PlantConfig;
import org.bmsbench.sim.SimulatedPort;
import org.junit.jupiter.api.Test;

/** The publisher stepped by hand, its outlet a list: what goes out on which leaf, and replies that wait. */
class TelemetryPublisherTest {
    private final PackPlant plant = new PackPlant(PlantConfig.of(PackConfig.of(CellFiles.preset("panasonic-18650pf"),
            8, 1, 0.6), 25.0, 1));
    private final BmsFirmware firmware = new BmsFirmware(BmsConfigFiles.defaults(), new SimulatedPort(plant));
    private final TelemetryRing ring = new TelemetryRing(4, () -> TelemetrySnapshot.sizedFor(firmware));
    private final TelemetryPublisher publisher = new TelemetryPublisher(ring, TelemetrySnapshot.sizedFor(firmware),
            firmware.events());
    private final List<String> sent = new ArrayList<>();
    private boolean repliesTaken = true;

    private final TelemetryPublisher.Outlet outlet = (kind, leaf, payload, qos, retained) -> {
        if (kind == TelemetryPublisher.Kind.REPLY && !repliesTaken) {
            return false;
        }
        sent.add(leaf + (retained ? " retained" : "") + " " + new String(payload, StandardCharsets.UTF_8));
        return true;
    };

    @Test
    void shouldPublishSnapshotsEventsAndRepliesOnTheirLeaves() {
        firmware.request(BmsRequest.NORMAL);
        for (long t = 0; t <= 200_000_000L; t += 1_000_000L) {
            firmware.tick(t);
        }
        ring.claim().fill(firmware, 0.2, true);
        ring.publish();
        publisher.reply(new TelemetryPublisher.Reply("reset_faults", TextNode.valueOf("7"), null));

        int work = publisher.doWork(outlet);

        assertThat(sent).anyMatch(m -> m.startsWith("status retained {"));
        assertThat(sent).anyMatch(m -> m.startsWith("cells {"));
        assertThat(sent).anyMatch(m -> m.startsWith("events {") && m.contains("state_changed"));
        assertThat(sent.get(sent.size() - 1)).startsWith("cmd/reset_faults/reply {").contains("\"7\"");
        assertThat(work).isEqualTo(sent.size());
        assertThat(publisher.doWork(outlet)).isZero();
    }

    @Test
    void shouldKeepARepliesOrderWhileTheOutletCannotTakeThem() {
        publisher.reply(new TelemetryPublisher.Reply("request_state", TextNode.valueOf("1"), null));
        publisher.reply(new TelemetryPublisher.Reply("request_state", TextNode.valueOf("2"), "refused"));
        repliesTaken = false;

        publisher.doWork(outlet);
        assertThat(sent).noneMatch(m -> m.startsWith("cmd/"));

        repliesTaken = true;
        publisher.doWork(outlet);
        assertThat(sent).filteredOn(m -> m.startsWith("cmd/")).hasSize(2);
        assertThat(sent.get(sent.size() - 2)).contains("\"1\"");
        assertThat(sent.get(sent.size() - 1)).contains("\"2\"").contains("refused");
    }
}
