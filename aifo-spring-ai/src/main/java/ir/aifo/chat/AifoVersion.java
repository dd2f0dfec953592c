package ir.aifo.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this library, as recorded at build time, for the {@code User-Agent} header.
 *
 * @since 0.1.0
 */
final class AifoVersion {

    private static final String VERSION = load();

    private AifoVersion() {}

    /** The library's version, such as {@code 0.1.0}. */
    public static String current() {
        return VERSION;
    }

    /** The {@code User-Agent} value this library sends, such as {@code aifo-spring-ai/0.1.0}. */
    public static String userAgent() {
        return "aifo-spring-ai/" + VERSION;
    }

    private static String load() {
        try (InputStream in = AifoVersion.class.getResourceAsStream("/ir/aifo/aifo-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
