package ir.aifo.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Reads an HTTP {@code Retry-After} value, which is either a number of seconds or an HTTP-date.
 *
 * @since 0.1.0
 */
final class RetryAfter {

    /**
     * The longest wait reported: about 292 years, the most a {@link Duration} converts to nanoseconds
     * (and so to milliseconds) without overflowing. A hub that sends {@code Retry-After:
     * 9223372036854775807} or a date in the year 9999 would otherwise break every caller that converts it.
     */
    static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    private RetryAfter() {}

    /**
     * The wait the value asks for, measured from {@code clock}'s now; {@code null} when the value is
     * absent or malformed; never negative (a date in the past means "now") and at most {@link #LONGEST}.
     */
    public static @Nullable Duration parse(@Nullable String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return atMostLongest(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : atMostLongest(wait);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration atMostLongest(Duration wait) {
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
