package org.bmsbench.can;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanBusesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "can0 | unknown kind of bus",
            "serial:/dev/ttyACM0 | unknown kind of bus",
            "virtual: | virtual: needs a bus name",
            "slcan: | slcan: needs a serial port and a bit rate",
            "slcan:/dev/ttyACM0 | slcan needs a port and a bit rate, such as slcan:/dev/ttyACM0@500000",
            "slcan:/dev/ttyACM0@ | slcan needs a port and a bit rate",
            "slcan:/dev/ttyACM0@fast | 'fast' is not a bit rate in bit/s",
            "slcan:/dev/ttyACM0@83300 | slcan bit rate 83300 is not one of",
            "slcan-device: | slcan-device: needs a serial port",
            "socketcan: | socketcan: needs an interface name",
            "socketcan:can 0 | 'can 0' is not a network interface name",
            "candump: | candump: needs a log file",
            "candump:/no/such/file.log | no candump log at /no/such/file.log"})
    void shouldRefuseBadAddressesListingTheAcceptedForms(String address, String why) {
        assertThatThrownBy(() -> CanBuses.open(address)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("CAN bus '" + address + "': ")
                .hasMessageContaining(why)
                .hasMessageEndingWith("; a bus is one of " + CanBuses.FORMS);
    }

    @Test
    void shouldOpenEachKindByItsAddress() {
        try (CanBus virtual = CanBuses.open("virtual:shouldOpenEachKind")) {
            assertThat(virtual).isInstanceOf(VirtualCanBus.class);
            assertThat(virtual.isUp()).isTrue();
        }
        Path port = dir.resolve("ttyNothing");
        try (CanBus host = CanBuses.open("slcan:" + port + "@500000")) {
            assertThat(host).isInstanceOf(SlcanBus.class);
            assertThat(host.isUp()).isFalse(); // no port there yet: it is looked for again, not refused
            assertThat(host.address()).isEqualTo("slcan:" + port + "@500000");
        }
        try (CanBus device = CanBuses.open("slcan-device:" + port)) {
            assertThat(device).isInstanceOf(SlcanDeviceBus.class);
            assertThat(device.isUp()).isFalse();
        }
    }
}
