package ir.aifo.internal.http;

import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.HubError;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The moment by which a whole call, or a whole stream, must be done, retries and their waits included.
 *
 * <p>The read timeout bounds silence only: a hub that drips a byte a second, or a retry policy that
 * backs off for minutes, would otherwise hold a caller for as long as the connection lives. Measured
 * on the monotonic clock, so a change of the wall clock neither shortens nor extends it.
 *
 * @since 0.1.0
 */
public final class Deadline {

    private final long expiresAtNanos;

    private final Duration limit;

    private final String name;

    private final String property;

    private Deadline(Duration limit, String name, String property) {
        // Positive: checked where it is set, in AifoConnection.
        this.limit = limit;
        this.name = name;
        this.property = property;
        this.expiresAtNanos = System.nanoTime() + saturatedNanos(limit);
    }

    /** A blocking call's deadline, starting now: {@code spring.ai.aifo.call-timeout}. */
    public static Deadline forCall(Duration limit) {
        return new Deadline(limit, "call timeout", "spring.ai.aifo.call-timeout");
    }

    /** A stream's deadline, starting now: {@code spring.ai.aifo.stream-timeout}. */
    public static Deadline forStream(Duration limit) {
        return new Deadline(limit, "stream timeout", "spring.ai.aifo.stream-timeout");
    }

    /** The time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, remainingNanos()));
    }

    /** Whether the deadline has passed. */
    public boolean hasPassed() {
        return remainingNanos() <= 0;
    }

    /** Whether {@code wait} ends before the deadline, leaving time for an attempt after it. */
    public boolean allows(Duration wait) {
        return remainingNanos() > saturatedNanos(wait);
    }

    long expiresAtNanos() {
        return expiresAtNanos;
    }

    /**
     * The failure of a call or stream that ran out of time.
     *
     * @param what what did not finish, such as "The call to https://api.haftominhonar.ir"
     * @param lastFailure the failure of the last attempt, when the deadline stopped a retry
     */
    public AifoConnectionException exceeded(String what, @Nullable Throwable lastFailure) {
        String message = what + " did not finish within the " + describe();
        if (lastFailure != null) {
            message += "; retrying would have run past it, so the last failure stands: " + lastFailure.getMessage();
        }
        return new AifoConnectionException(message, HubError.of(0, null), lastFailure);
    }

    /** The limit and the property that sets it, such as "call timeout of 5 min (spring.ai.aifo.call-timeout)". */
    public String describe() {
        return name + " of " + format(limit) + " (" + property + ")";
    }

    private long remainingNanos() {
        return expiresAtNanos - System.nanoTime();
    }

    static String format(Duration duration) {
        if (duration.toMillis() < 1_000 || duration.toMillis() % 1_000 != 0) {
            return duration.toMillis() + " ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    // Durations beyond about 292 years do not fit in nanoseconds; they mean "no deadline" in practice.
    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    @Override
    public String toString() {
        return "Deadline[" + describe() + ", remaining=" + remaining() + "]";
    }
}
