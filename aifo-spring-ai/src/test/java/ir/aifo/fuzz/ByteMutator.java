package ir.aifo.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Breaks a body below the JSON level, as a cut connection or a broken proxy would: truncation,
 * invalid UTF-8, NUL bytes, flipped and lost bytes, a byte order mark, trailing garbage, or a body
 * replaced by something else entirely. Logs each step.
 */
public final class ByteMutator {

    /** Byte sequences that are not UTF-8: lone lead and continuation bytes, overlong forms, surrogates, past U+10FFFF. */
    public static final List<byte[]> INVALID_UTF8 = List.of(
            bytes(0xFF),
            bytes(0xFE),
            bytes(0xC3),
            bytes(0x80),
            bytes(0xC0, 0xAF),
            bytes(0xE0, 0x80, 0xAF),
            bytes(0xED, 0xA0, 0x80),
            bytes(0xED, 0xBF, 0xBF),
            bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xE2, 0x82),
            bytes(0xD8));

    private static final List<String> REPLACEMENT_BODIES = List.of(
            "",
            "null",
            "[]",
            "[null]",
            "{}",
            "\"reply\"",
            "0",
            "true",
            "   ",
            "\uFEFF{}",
            "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
            "data: {\"choices\":[]}\n\ndata: [DONE]\n\n",
            "{\"error\":null}",
            "{\"error\":{}}",
            "{\"error\":[]}",
            "{\"error\":\"\"}",
            "{\"choices\":[null]}",
            "{\"choices\":[{}]}",
            "{\"choices\":[{\"message\":null}]}",
            "{\"choices\":[{\"message\":{\"tool_calls\":[null]}}]}",
            "{\"choices\":[{\"message\":{\"content\":[null,1,{\"text\":{}}]}}]}",
            "{\"reply\":null,\"error\":false}",
            "{\"reply\":\"\",\"usage\":[]}");

    private final SplittableRandom random;

    private final List<String> log = new ArrayList<>();

    public ByteMutator(SplittableRandom random) {
        this.random = random;
    }

    public List<String> log() {
        return log;
    }

    /** The body after {@code count} random mutations. */
    public byte[] mutate(byte[] body, int count) {
        byte[] result = body;
        for (int i = 0; i < count; i++) {
            result = mutateOnce(result);
        }
        return result;
    }

    private byte[] mutateOnce(byte[] body) {
        int at = random.nextInt(body.length + 1);
        switch (random.nextInt(10)) {
            case 0, 1 -> {
                log.add("truncated at " + at);
                return Arrays.copyOf(body, at);
            }
            case 2, 3 -> {
                byte[] invalid = INVALID_UTF8.get(random.nextInt(INVALID_UTF8.size()));
                log.add("invalid UTF-8 " + PrintableBytes.of(invalid) + " inserted at " + at);
                return insert(body, at, invalid);
            }
            case 4 -> {
                log.add("NUL inserted at " + at);
                return insert(body, at, new byte[1]);
            }
            case 5 -> {
                if (at == body.length) {
                    return body;
                }
                byte[] flipped = body.clone();
                flipped[at] = (byte) random.nextInt(256);
                log.add("byte " + at + " set to " + (flipped[at] & 0xFF));
                return flipped;
            }
            case 6 -> {
                int end = Math.min(body.length, at + random.nextInt(1, 20));
                log.add("bytes " + at + ".." + end + " removed");
                return concat(Arrays.copyOf(body, at), Arrays.copyOfRange(body, end, body.length));
            }
            case 7 -> {
                String prefix = random.nextBoolean() ? "\uFEFF" : " \r\n\t";
                log.add("prefixed " + PrintableBytes.of(prefix, 100));
                return concat(prefix.getBytes(StandardCharsets.UTF_8), body);
            }
            case 8 -> {
                String suffix = List.of("}", "]", "{}", "garbage", "\n\n", "\u0000", ",")
                        .get(random.nextInt(7));
                log.add("appended " + PrintableBytes.of(suffix, 100));
                return concat(body, suffix.getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                String replacement = REPLACEMENT_BODIES.get(random.nextInt(REPLACEMENT_BODIES.size()));
                log.add("replaced by " + PrintableBytes.of(replacement, 200));
                return replacement.getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static byte[] insert(byte[] body, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + inserted.length);
        out.write(body, 0, at);
        out.writeBytes(inserted);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
