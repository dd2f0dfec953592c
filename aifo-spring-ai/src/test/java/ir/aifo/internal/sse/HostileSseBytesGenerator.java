package ir.aifo.internal.sse;

import ir.aifo.fuzz.ByteMutator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Byte streams no well-behaved server sends, built from the pieces that matter to an SSE decoder so
 * they reach its corners: field names and colons, every line end and lone CRs, NUL, byte order
 * marks anywhere, invalid UTF-8, random bytes, and runs near, at and past the reader's limit (as
 * data, as comments, as unknown fields).
 */
final class HostileSseBytesGenerator {

    private static final List<String> TOKENS = List.of(
            "data:",
            "data: ",
            "data",
            "event:",
            "event: ",
            "id:",
            "id: ",
            "retry:",
            ":",
            " ",
            "\r",
            "\n",
            "\r\n",
            "\r\r",
            "\n\n",
            "\u0000",
            "\uFEFF",
            "سلام",
            "😀",
            "[DONE]",
            "{\"choices\":[]}",
            "Data:",
            "eventt:",
            "i");

    private static final List<String> LINE_ENDS = List.of("\n", "\r", "\r\n", "\n\n", "\r\r", "\r\n\r\n");

    private HostileSseBytesGenerator() {}

    /** A stream of random pieces; long runs are sized around {@code maxEventBytes}. */
    static byte[] generate(SplittableRandom random, int maxEventBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = random.nextInt(60);
        for (int i = 0; i < pieces; i++) {
            switch (random.nextInt(14)) {
                case 12, 13 -> {
                    // A plausible field line, so that some of the noise still completes events.
                    out.writeBytes(TOKENS.get(random.nextInt(9)).getBytes(StandardCharsets.UTF_8));
                    byte[] value = new byte[random.nextInt(12)];
                    random.nextBytes(value);
                    out.writeBytes(value);
                    out.writeBytes(
                            LINE_ENDS.get(random.nextInt(LINE_ENDS.size())).getBytes(StandardCharsets.UTF_8));
                }
                case 0 -> {
                    byte[] noise = new byte[1 + random.nextInt(20)];
                    random.nextBytes(noise);
                    out.writeBytes(noise);
                }
                case 1 -> out.writeBytes(ByteMutator.INVALID_UTF8.get(random.nextInt(ByteMutator.INVALID_UTF8.size())));
                case 2 -> out.writeBytes(run(random, maxEventBytes));
                default ->
                    out.writeBytes(TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    // A run of one repeated byte whose length is near the limit (or small, or a few times over it).
    private static byte[] run(SplittableRandom random, int maxEventBytes) {
        int length = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(16);
            case 1 -> Math.max(0, maxEventBytes + random.nextInt(-8, 9));
            case 2 -> random.nextInt(Math.min(maxEventBytes, 1 << 12) + 1);
            default -> random.nextInt(Math.min(3 * maxEventBytes, 1 << 14) + 1);
        };
        byte[] run = new byte[Math.min(length, 1 << 14)];
        java.util.Arrays.fill(run, (byte) "x:é\0 ".charAt(random.nextInt(5)));
        return run;
    }
}
