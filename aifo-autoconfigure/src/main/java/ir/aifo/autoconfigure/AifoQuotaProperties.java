package ir.aifo.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the quota a hub reports is acted on: {@code spring.ai.aifo.quota.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(AifoQuotaProperties.PREFIX)
public class AifoQuotaProperties {

    public static final String PREFIX = "spring.ai.aifo.quota";

    /** Whether a call fails at once, unsent, when the last report says its bucket is spent this month. */
    private boolean failFast = true;

    /** Fraction of a bucket's limit below which an AifoQuotaLowEvent is published, 0 to 1. */
    private double lowWatermark = 0.1;

    /**
     * Where quota and routing cool-downs are kept: in each instance's memory, or shared by every
     * instance through Redis (needs ir.aifo:aifo-quota-redis).
     */
    private Store store = Store.MEMORY;

    private final Redis redis = new Redis();

    public boolean isFailFast() {
        return failFast;
    }

    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    public double getLowWatermark() {
        return lowWatermark;
    }

    public void setLowWatermark(double lowWatermark) {
        this.lowWatermark = lowWatermark;
    }

    public Store getStore() {
        return store;
    }

    public void setStore(Store store) {
        this.store = store;
    }

    public Redis getRedis() {
        return redis;
    }

    /** Where quota and cool-downs are kept. */
    public enum Store {
        /** In each instance's memory: each learns on its own. */
        MEMORY,
        /** In Redis, shared by every instance of the application. */
        REDIS
    }

    /** {@code spring.ai.aifo.quota.redis.*}: where Redis is comes from Boot's {@code spring.data.redis.*}. */
    public static class Redis {

        /**
         * The application's name in the store's keys (aifo:{<prefix>}:...); instances with one prefix
         * share. By default spring.application.name, else "application".
         */
        private @Nullable String keyPrefix;

        public @Nullable String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(@Nullable String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }
    }
}
