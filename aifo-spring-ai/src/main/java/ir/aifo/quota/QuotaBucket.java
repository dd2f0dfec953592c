package ir.aifo.quota;

import java.io.Serializable;

/**
 * One provider's allowance for the period: how many requests were used, the limit, and what is left.
 *
 * @since 0.1.0
 */
public record QuotaBucket(long used, long limit, long remaining) implements Serializable {

    /**
     * Whether a bucket that has an allowance has none left. A bucket with no allowance at all (a plan
     * without GPT access) is a matter of the plan, which the hub reports as its own error.
     */
    public boolean isExhausted() {
        return limit > 0 && remaining <= 0;
    }
}
