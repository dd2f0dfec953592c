package ir.aifo.internal.protocol;

import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Parses the reset values of rate-limit headers: Go-style durations such as {@code 1s}, {@code 6m0s},
 * {@code 20ms} or {@code 1h2m3.5s}, or a bare number of seconds.
 */
final class ResetDuration {

    private ResetDuration() {}

    /** The duration, or {@link Duration#ZERO} when the value is absent or not a duration. */
    static Duration parse(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return parseStrict(value.trim());
        } catch (RuntimeException malformed) {
            return Duration.ZERO;
        }
    }

    private static Duration parseStrict(String text) {
        if (isNumber(text)) {
            return nanos(text, 1_000_000_000L);
        }
        Duration total = Duration.ZERO;
        int i = 0;
        while (i < text.length()) {
            int numberStart = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            int unitStart = i;
            while (i < text.length() && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            if (numberStart == unitStart || unitStart == i) {
                throw new IllegalArgumentException("Not a duration: " + text);
            }
            total = total.plus(
                    nanos(text.substring(numberStart, unitStart), nanosPerUnit(text.substring(unitStart, i))));
        }
        return total;
    }

    private static boolean isNumber(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isDigit(c) && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static long nanosPerUnit(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException("Unknown duration unit: " + unit);
        };
    }

    // Whole amounts, what hubs nearly always send (every stream reads two), without a BigDecimal.
    private static Duration nanos(String amount, long nanosPerUnit) {
        if (amount.indexOf('.') < 0 && amount.length() <= 18) {
            return Duration.ofNanos(Math.multiplyExact(Long.parseLong(amount), nanosPerUnit));
        }
        return Duration.ofNanos(new BigDecimal(amount)
                .multiply(BigDecimal.valueOf(nanosPerUnit))
                .longValueExact());
    }
}
