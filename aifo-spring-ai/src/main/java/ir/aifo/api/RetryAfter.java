package ir.aifo.api;

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
public final class RetryAfter {

    private RetryAfter() {}

    /**
     * The wait the value asks for, measured from {@code clock}'s now; {@code null} when the value is
     * absent or malformed; never negative (a date in the past means "now").
     */
    public static @Nullable Duration parse(@Nullable String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
