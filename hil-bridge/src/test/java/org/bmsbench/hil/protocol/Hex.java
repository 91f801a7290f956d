package org.bmsbench.hil.protocol;

import java.util.HexFormat;

/** Hex strings with spaces, as docs/hil-protocol.md writes frames. */
final class Hex {
    private Hex() {
    }

    static String of(byte[] b, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02X", b[i] & 0xFF));
        }
        return s.toString();
    }

    static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", "").toLowerCase());
    }
}
