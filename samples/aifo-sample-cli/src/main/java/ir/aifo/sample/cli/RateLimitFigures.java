package ir.aifo.sample.cli;

import ir.aifo.quota.QuotaBucket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.RateLimit;

/** How the chat words quota and rate-limit figures: {@code 499/500 left, resets in 1m}. */
final class RateLimitFigures {

    private RateLimitFigures() {}

    /** Whether a rate limit holds figures; Spring AI reports "none" as an empty one, all zeros. */
    static boolean reported(@Nullable RateLimit rateLimit) {
        return rateLimit != null && (positive(rateLimit.getRequestsLimit()) || positive(rateLimit.getTokensLimit()));
    }

    /** The request and token windows, such as {@code requests 499/500 left, resets in 1m}. */
    static List<String> windows(RateLimit rateLimit) {
        List<String> windows = new ArrayList<>(2);
        if (positive(rateLimit.getRequestsLimit())) {
            windows.add("requests "
                    + left(
                            rateLimit.getRequestsRemaining(),
                            rateLimit.getRequestsLimit(),
                            rateLimit.getRequestsReset()));
        }
        if (positive(rateLimit.getTokensLimit())) {
            windows.add("tokens "
                    + left(rateLimit.getTokensRemaining(), rateLimit.getTokensLimit(), rateLimit.getTokensReset()));
        }
        return windows;
    }

    /** A monthly bucket, such as {@code 1/80 used, 79 left}. */
    static String used(QuotaBucket bucket) {
        return bucket.used() + "/" + bucket.limit() + " used, " + bucket.remaining() + " left";
    }

    private static String left(@Nullable Long remaining, Long limit, @Nullable Duration reset) {
        String text = (remaining == null ? 0 : remaining) + "/" + limit + " left";
        return reset == null || reset.isZero() || reset.isNegative() ? text : text + ", resets in " + human(reset);
    }

    /** A reset time as people write it: {@code 20ms}, {@code 45s}, {@code 1m}, {@code 2h 5m}, {@code 3d 4h}. */
    static String human(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        long days = duration.toDays();
        int hours = duration.toHoursPart();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        if (days > 0) {
            return days + "d" + (hours > 0 ? " " + hours + "h" : "");
        }
        if (hours > 0) {
            return hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
        }
        if (minutes > 0) {
            return minutes + "m" + (seconds > 0 ? " " + seconds + "s" : "");
        }
        return seconds + "s";
    }

    private static boolean positive(@Nullable Long value) {
        return value != null && value > 0;
    }
}
