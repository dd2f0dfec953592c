package ir.aifo.internal.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineBreaksTest {

    @Test
    void findsACrOrLfAtEveryPositionOfEveryWindow() {
        for (byte lineBreak : new byte[] {'\n', '\r'}) {
            for (int length = 0; length <= 40; length++) {
                for (int at = 0; at < length; at++) {
                    byte[] bytes = filled(length, (byte) 'a');
                    bytes[at] = lineBreak;
                    for (int from = 0; from <= length; from++) {
                        int expected = from <= at ? at : length;
                        assertThat(LineBreaks.indexOf(bytes, from, length))
                                .as("break at %d of %d, from %d", at, length, from)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void stopsAtTheEndOfTheWindowEvenWithABreakJustPastIt() {
        byte[] bytes = "abcdefghijklmnop\nq".getBytes(StandardCharsets.US_ASCII);

        assertThat(LineBreaks.indexOf(bytes, 0, 16)).isEqualTo(16);
        assertThat(LineBreaks.indexOf(bytes, 3, 17)).isEqualTo(16);
    }

    @Test
    void bytesThatOnlyLookCloseToABreakAreNotOne() {
        // Bytes one off from CR and LF, high bytes of UTF-8 text, and zero bytes, whose borrows the
        // word-at-a-time test must not take for a match.
        byte[] near = {0x09, 0x0B, 0x0C, 0x0E, (byte) 0x8A, (byte) 0x8D, (byte) 0xFF, 0x00, (byte) 0x80, 0x01};
        String persian = "سلام! AiFO یک هاب است.";
        byte[] text = (persian + persian).getBytes(StandardCharsets.UTF_8);

        assertThat(LineBreaks.indexOf(near, 0, near.length)).isEqualTo(near.length);
        assertThat(LineBreaks.indexOf(text, 0, text.length)).isEqualTo(text.length);
    }

    @Test
    void agreesWithAByteByByteSearchOnRandomBytes() {
        Random random = new Random(20261205);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            assertThat(LineBreaks.indexOf(bytes, from, bytes.length)).isEqualTo(byteByByte(bytes, from, bytes.length));
        }
    }

    private static int byteByByte(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return to;
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }
}
