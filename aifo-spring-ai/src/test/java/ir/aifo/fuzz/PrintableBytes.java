package ir.aifo.fuzz;

/**
 * Bytes shown in a failure message so that a reader can rebuild them: well-formed UTF-8 as its
 * characters (Persian stays readable), everything else escaped ({@code \xC3}, {@code \r}, {@code \0}).
 */
public final class PrintableBytes {

    private static final int DEFAULT_LIMIT = 4000;

    private PrintableBytes() {}

    public static String of(byte[] bytes) {
        return of(bytes, DEFAULT_LIMIT);
    }

    /** Text shown the same way; lone surrogates, which UTF-8 cannot carry, as {@code \\uD800}. */
    public static String of(String text, int limit) {
        StringBuilder shown = new StringBuilder("\"");
        int end = Math.min(text.length(), limit);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            switch (c) {
                case '\r' -> shown.append("\\r");
                case '\n' -> shown.append("\\n");
                case '\t' -> shown.append("\\t");
                case '\\' -> shown.append("\\\\");
                case '"' -> shown.append("\\\"");
                default -> {
                    if (c < 0x20 || c == 0x7F || (Character.isSurrogate(c) && !paired)) {
                        shown.append(String.format("\\u%04X", (int) c));
                    } else {
                        shown.append(c);
                    }
                }
            }
        }
        shown.append('"');
        return text.length() > limit ? shown + "… (" + text.length() + " chars)" : shown.toString();
    }

    /** At most {@code limit} bytes are shown: the head and the tail, with the count of those left out. */
    public static String of(byte[] bytes, int limit) {
        if (bytes.length <= limit) {
            return "\"" + escape(bytes, 0, bytes.length) + "\" (" + bytes.length + " bytes)";
        }
        int half = limit / 2;
        return "\"" + escape(bytes, 0, half) + "\" … " + (bytes.length - 2 * half) + " bytes left out … \""
                + escape(bytes, bytes.length - half, bytes.length) + "\" (" + bytes.length + " bytes)";
    }

    private static String escape(byte[] bytes, int from, int to) {
        StringBuilder text = new StringBuilder();
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            int length = sequenceLength(bytes, i, to);
            if (length > 1) {
                text.append(new String(bytes, i, length, java.nio.charset.StandardCharsets.UTF_8));
                i += length;
                continue;
            }
            switch (b) {
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                case 0 -> text.append("\\0");
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        text.append((char) b);
                    } else {
                        text.append(String.format("\\x%02X", b));
                    }
                }
            }
            i++;
        }
        return text.toString();
    }

    // The length of the well-formed multi-byte UTF-8 sequence at i, or 1 when there is none.
    private static int sequenceLength(byte[] bytes, int i, int to) {
        int b = bytes[i] & 0xFF;
        int length;
        int min;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            min = 0x800;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            min = 0x10000;
        } else {
            return 1;
        }
        if (i + length > to) {
            return 1;
        }
        int codePoint = b & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++) {
            int c = bytes[i + k] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                return 1;
            }
            codePoint = (codePoint << 6) | (c & 0x3F);
        }
        boolean surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
        return codePoint < min || codePoint > 0x10FFFF || surrogate ? 1 : length;
    }
}
