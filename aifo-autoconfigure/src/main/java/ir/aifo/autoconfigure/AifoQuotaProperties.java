package ir.aifo.autoconfigure;

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
}
