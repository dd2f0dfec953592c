package ir.aifo.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAI-compatible dialect's request limit: each key may send so many requests per fixed window,
 * the window beginning with the key's first request after the last one ended.
 */
final class RequestWindow {

    private final int limit;

    private final Duration length;

    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    RequestWindow(int limit, Duration length) {
        this.limit = limit;
        this.length = length;
    }

    private record Count(Instant start, int requests) {}

    /** Where a key stands after one more request at {@code now}. */
    Standing count(String key, Instant now) {
        // compute() counts concurrent requests of one key one at a time, so none is lost or let through twice.
        Count count = counts.compute(
                key,
                (k, known) -> known == null || !now.isBefore(known.start().plus(length))
                        ? new Count(now, 1)
                        : new Count(known.start(), known.requests() + 1));
        return new Standing(
                limit, count.requests(), Duration.between(now, count.start().plus(length)));
    }

    void clear() {
        counts.clear();
    }

    /**
     * One request's place in its window.
     *
     * @param number how many requests the window has counted, this one included
     * @param untilReset how long until the window ends
     */
    record Standing(int limit, int number, Duration untilReset) {

        boolean isRefused() {
            return number > limit;
        }

        int remaining() {
            return Math.max(0, limit - number);
        }
    }
}
