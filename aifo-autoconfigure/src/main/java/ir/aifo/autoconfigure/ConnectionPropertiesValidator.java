package ir.aifo.autoconfigure;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * Checks the ranges of the durations and sizes of {@code spring.ai.aifo.*} at start-up, so a wrong
 * value fails with the property's full name and its allowed range rather than a builder's field name.
 */
final class ConnectionPropertiesValidator {

    private static final String PREFIX = AifoConnectionProperties.PREFIX + ".";

    // Boot's units of 1024^1 to 1024^4 bytes.
    private static final List<String> SIZE_UNITS = List.of("KB", "MB", "GB", "TB");

    private ConnectionPropertiesValidator() {}

    static void validate(AifoConnectionProperties connection) {
        positive("connect-timeout", connection.getConnectTimeout(), "10s");
        positive("read-timeout", connection.getReadTimeout(), "60s");
        positive("call-timeout", connection.getCallTimeout(), "5m");
        positive("stream-timeout", connection.getStreamTimeout(), "30m");
        Duration maxRetryAfter = connection.getMaxRetryAfter();
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
            throw outOfRange(
                    "max-retry-after", print(maxRetryAfter), "zero or more, such as 60s (0s ignores Retry-After)");
        }
        DataSize maxReplySize = connection.getMaxReplySize();
        if (maxReplySize == null || maxReplySize.toBytes() <= 0) {
            throw outOfRange("max-reply-size", print(maxReplySize), "more than zero, such as 32MB");
        }
    }

    private static void positive(String property, @Nullable Duration duration, String example) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw outOfRange(property, print(duration), "more than zero, such as " + example);
        }
    }

    private static IllegalArgumentException outOfRange(String property, String value, String range) {
        return new IllegalArgumentException(PREFIX + property + " is " + value + " but must be " + range);
    }

    // In the property's own notation (-5s, not PT-5S), in the largest unit that holds it exactly.
    private static String print(@Nullable Duration duration) {
        if (duration == null) {
            return "empty";
        }
        long seconds = duration.getSeconds();
        if (duration.getNano() != 0) {
            return duration.getNano() % 1_000_000 == 0 ? duration.toMillis() + "ms" : duration.toNanos() + "ns";
        }
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static String print(@Nullable DataSize size) {
        if (size == null) {
            return "empty";
        }
        long bytes = size.toBytes();
        for (int power = SIZE_UNITS.size(); power > 0; power--) {
            long unit = 1L << (10 * power);
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + SIZE_UNITS.get(power - 1);
            }
        }
        return bytes + "B";
    }
}
