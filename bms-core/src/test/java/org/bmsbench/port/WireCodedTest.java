package org.bmsbench.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The code tables the wire vocabularies decode with. */
class WireCodedTest {
    private enum Sparse implements WireCoded {
        A(3), B(0), C(7);

        private final int code;

        Sparse(int code) {
            this.code = code;
        }

        @Override
        public int wireCode() {
            return code;
        }
    }

    private enum Shared implements WireCoded {
        A, B;

        @Override
        public int wireCode() {
            return 1;
        }
    }

    private enum Wide implements WireCoded {
        A;

        @Override
        public int wireCode() {
            return 256;
        }
    }

    @Test
    void shouldDecodeByTheDeclaredCodeNotThePosition() {
        Sparse[] table = WireCoded.table(Sparse.values());
        assertThat(WireCoded.lookup(table, 3)).isEqualTo(Sparse.A);
        assertThat(WireCoded.lookup(table, 0)).isEqualTo(Sparse.B);
        assertThat(WireCoded.lookup(table, 7)).isEqualTo(Sparse.C);
    }

    @Test
    void shouldDecodeAnUnknownCodeToNull() {
        Sparse[] table = WireCoded.table(Sparse.values());
        for (int code : new int[] {-1, 1, 2, 8, 255, 256, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThat(WireCoded.lookup(table, code)).as("code %d", code).isNull();
        }
    }

    @Test
    void shouldRefuseACodeTwoConstantsShareOrThatIsNotAByte() {
        assertThatThrownBy(() -> WireCoded.table(Shared.values())).hasMessage("A and B share wire code 1");
        assertThatThrownBy(() -> WireCoded.table(Wide.values())).hasMessage("A: wire code 256 is not a byte");
    }
}
