package ir.aifo.chat;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Checks an API key when a model is built: whitespace around it is removed, and any other character
 * an HTTP header value cannot carry (RFC 9110: visible ASCII, with spaces and tabs only inside) fails
 * with its position and kind. Left to the JDK, such a key fails the first call with a message that
 * quotes the whole {@code Authorization} header, key included.
 */
final class ApiKeyValidator {

    private static final Log logger = LogFactory.getLog(ApiKeyValidator.class);

    private ApiKeyValidator() {}

    /**
     * The key without the whitespace around it (the newline a secrets file ends with, say), which is
     * reported once at WARN.
     *
     * @throws InvalidApiKeyException when a character inside it is not visible ASCII, a space or a tab
     */
    static String validated(String apiKey) {
        String key = apiKey.strip();
        int before = apiKey.length() - apiKey.stripLeading().length();
        for (int i = 0; i < key.length(); i += Character.charCount(key.codePointAt(i))) {
            int c = key.codePointAt(i);
            if (!isFieldValueCharacter(c)) {
                // In the key as it was given; every character before this one is ASCII, so one char each.
                throw new InvalidApiKeyException(before + i + 1, describe(c));
            }
        }
        if (key.length() != apiKey.length() && logger.isWarnEnabled()) {
            logger.warn(strippedWarning(apiKey, before, apiKey.length() - before - key.length()));
        }
        return key;
    }

    private static boolean isFieldValueCharacter(int c) {
        return (c >= 0x21 && c <= 0x7E) || c == ' ' || c == '\t';
    }

    // Says what was removed, by count and kind only: the key stays out of the log.
    private static String strippedWarning(String apiKey, int before, int after) {
        Set<String> kinds = new LinkedHashSet<>();
        apiKey.substring(0, before).codePoints().forEach(c -> kinds.add(describe(c)));
        apiKey.substring(apiKey.length() - after).codePoints().forEach(c -> kinds.add(describe(c)));
        String where = before == 0
                ? after + " after it"
                : after == 0 ? before + " before it" : before + " before it and " + after + " after it";
        return "The API key had whitespace around it (" + where + ": " + String.join(", ", kinds)
                + "), which was removed; the key is sent without it. Remove it where the key is set, as a key"
                + " read from a file often ends with a newline.";
    }

    /** The kind and code point of a character, such as {@code a zero-width space (U+200B)}, never the character. */
    private static String describe(int c) {
        return kind(c) + " (" + String.format(Locale.ROOT, "U+%04X", c) + ")";
    }

    private static String kind(int c) {
        return switch (c) {
            case '\t' -> "a tab";
            case '\n' -> "a line feed";
            case '\r' -> "a carriage return";
            case ' ' -> "a space";
            case 0xA0 -> "a no-break space";
            case 0x200B -> "a zero-width space";
            case 0x200C -> "a zero-width non-joiner";
            case 0x200D -> "a zero-width joiner";
            case 0x2028 -> "a line separator";
            case 0x2060 -> "a word joiner";
            case 0xFEFF -> "a byte order mark";
            default -> category(c);
        };
    }

    private static String category(int c) {
        if (Character.isISOControl(c)) {
            return "a control character";
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return "a non-ASCII space";
        }
        if (Character.isLetter(c)) {
            return "a non-ASCII letter";
        }
        if (Character.isDigit(c)) {
            return "a non-ASCII digit";
        }
        return switch (Character.getType(c)) {
            case Character.FORMAT -> "an invisible formatting character";
            case Character.SURROGATE -> "half of a character that was cut in two";
            default -> "a non-ASCII character";
        };
    }
}
