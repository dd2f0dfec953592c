package ir.aifo.chat;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The range checks of a connection's and a model's durations and sizes, stated once. A refusal starts
 * with the setting's name and shows the value in Spring Boot's notation ({@code -5s}, {@code 32MB}),
 * so the auto-configuration can put the property's name in its place and the message still reads as
 * what the user wrote.
 */
final class SettingRange {

    // Boot's units of 1024^1 to 1024^4 bytes.
    private static final List<String> SIZE_UNITS = List.of("KB", "MB", "GB", "TB");

    private SettingRange() {}

    static Duration positive(String setting, @Nullable Duration value, Duration example) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw outOfRange(setting, print(value), "more than zero, such as " + print(example));
        }
        return value;
    }

    static Duration notNegative(String setting, @Nullable Duration value, Duration example, String zeroMeans) {
        if (value == null || value.isNegative()) {
            throw outOfRange(
                    setting, print(value), "zero or more, such as " + print(example) + " (0s " + zeroMeans + ")");
        }
        return value;
    }

    static long positiveSize(String setting, long bytes, long example) {
        if (bytes <= 0) {
            throw outOfRange(setting, printSize(bytes), "more than zero, such as " + printSize(example));
        }
        return bytes;
    }

    private static IllegalArgumentException outOfRange(String setting, String value, String range) {
        return new IllegalArgumentException(setting + " is " + value + " but must be " + range);
    }

    // In the largest unit that holds it exactly: -5s, not PT-5S.
    static String print(@Nullable Duration duration) {
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

    static String printSize(long bytes) {
        for (int power = SIZE_UNITS.size(); power > 0; power--) {
            long unit = 1L << (10 * power);
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + SIZE_UNITS.get(power - 1);
            }
        }
        return bytes + "B";
    }
}
