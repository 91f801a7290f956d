package org.bmsbench.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import org.bmsbench.firmware.contactor.BmsState;
import org.bmsbench.port.ContactorId;
import org.junit.jupiter.api.Test;

class HarnessTest {
    @Test
    void shouldCloseTheContactorsOfAHealthyPack() {
        FirmwareHarness h = FirmwareHarness.defaults();
        h.closeContactors();
        assertThat(h.firmware.state()).isEqualTo(BmsState.NORMAL);
        assertThat(h.port.coil[ContactorId.MAIN_POSITIVE.ordinal()]).isTrue();
        assertThat(h.port.coil[ContactorId.PRECHARGE.ordinal()]).isFalse();
        h.runMs(1000);
        assertThat(h.firmware.diagnosis().anyRaised(org.bmsbench.firmware.diag.FaultLevel.INFO)).isFalse();
        assertThat(h.firmware.soc().meanSoc()).isBetween(0.4, 0.7);
    }
}
