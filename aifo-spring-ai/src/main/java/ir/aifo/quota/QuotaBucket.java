package ir.aifo.quota;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One provider's allowance for the period: how many requests were used, the limit, and what is left.
 *
 * @param resetsAt when the rate-limit window these figures count ends, as reported with them; {@code null}
 *     when the hub did not say, and for a month's buckets, whose period says when they end
 * @since 0.1.0
 */
public record QuotaBucket(
        long used,
        long limit,
        long remaining,
        // Left out of JSON when absent, so that a month's buckets show in /actuator/aifo as they always have.
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant resetsAt)
        implements Serializable {

    /** A bucket without a window's end, such as a month's. */
    public QuotaBucket(long used, long limit, long remaining) {
        this(used, limit, remaining, null);
    }

    /**
     * Whether a bucket that has an allowance has none left. A bucket with no allowance at all (a plan
     * without GPT access) is a matter of the plan, which the hub reports as its own error.
     */
    public boolean isExhausted() {
        return limit > 0 && remaining <= 0;
    }
}
