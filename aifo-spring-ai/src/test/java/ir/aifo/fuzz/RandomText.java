package ir.aifo.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random text of the kinds hubs send: English and Persian words, Persian digits, emoji (surrogate
 * pairs), ZWNJ, JSON's special characters, control characters and the stream's own markers.
 */
public final class RandomText {

    private static final List<String> PIECES = List.of(
            "hello",
            " world",
            "سلام",
            "، حال شما چطور است؟",
            "متن پاسخ مدل اینجاست...",
            "۱۲۳",
            "می\u200cخواهم",
            "😀",
            "👩‍💻",
            " ",
            "\"",
            "\\",
            "/",
            "{",
            "}",
            "[",
            "]",
            ":",
            ",",
            "\t",
            "\u0000",
            "\u001f",
            "\u007f",
            "\u2028",
            "\uFEFF",
            "[DONE]",
            "data: ",
            "event: error",
            "</title>",
            "<title>502</title>",
            "x".repeat(300));

    private static final List<String> LINE_BREAKS = List.of("\r", "\n", "\r\n");

    private RandomText() {}

    /** Text of up to about {@code maxPieces} pieces, line breaks included. */
    public static String any(SplittableRandom random, int maxPieces) {
        return build(random, maxPieces, true);
    }

    /** Text without CR or LF, as one SSE line can carry. */
    public static String singleLine(SplittableRandom random, int maxPieces) {
        return build(random, maxPieces, false);
    }

    /** A short identifier-like word, such as a tool or model name. */
    public static String word(SplittableRandom random) {
        String letters = "abcdefghijklmnopqrstuvwxyz_0123456789";
        int length = 1 + random.nextInt(12);
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(letters.charAt(random.nextInt(letters.length())));
        }
        return word.toString();
    }

    private static String build(SplittableRandom random, int maxPieces, boolean lineBreaks) {
        int pieces = random.nextInt(maxPieces + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            int kind = random.nextInt(10);
            if (kind == 0 && lineBreaks) {
                text.append(LINE_BREAKS.get(random.nextInt(LINE_BREAKS.size())));
            } else if (kind == 1) {
                text.appendCodePoint(randomCodePoint(random));
            } else {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
        }
        return text.toString();
    }

    // Any code point but surrogates (which a String can only hold in pairs) and, on a single line, CR and LF.
    private static int randomCodePoint(SplittableRandom random) {
        while (true) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x110000);
            if ((codePoint < 0xD800 || codePoint > 0xDFFF) && codePoint != '\r' && codePoint != '\n') {
                return codePoint;
            }
        }
    }
}
