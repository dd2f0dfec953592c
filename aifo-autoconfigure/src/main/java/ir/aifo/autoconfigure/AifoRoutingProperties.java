package ir.aifo.autoconfigure;

import ir.aifo.routing.AifoRouter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Routes over the named hubs, {@code spring.ai.aifo.routes.<route>=hub:model, ...} and
 * {@code spring.ai.aifo.default-route}, and how they treat targets that fail:
 * {@code spring.ai.aifo.routing.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(AifoRoutingProperties.PREFIX)
public class AifoRoutingProperties {

    public static final String PREFIX = "spring.ai.aifo";

    /** Routes by name: each a model alias served by hub:model targets, tried in the order listed. */
    private Map<String, List<String>> routes = new LinkedHashMap<>();

    /** The route of a request that names no model. */
    private @Nullable String defaultRoute;

    private final Routing routing = new Routing();

    public Map<String, List<String>> getRoutes() {
        return routes;
    }

    public void setRoutes(Map<String, List<String>> routes) {
        this.routes = routes;
    }

    public @Nullable String getDefaultRoute() {
        return defaultRoute;
    }

    public void setDefaultRoute(@Nullable String defaultRoute) {
        this.defaultRoute = defaultRoute;
    }

    public Routing getRouting() {
        return routing;
    }

    /** How routes treat a target that fails. */
    public static class Routing {

        /** How many failures in a row (after the hub's own retries) make a target cool down. */
        private int failuresBeforeCoolDown = AifoRouter.Builder.DEFAULT_FAILURES_BEFORE_COOL_DOWN;

        /** How long a target that keeps failing is skipped. */
        private Duration failureCoolDown = AifoRouter.Builder.DEFAULT_FAILURE_COOL_DOWN;

        /** How long a hub that refused its API key (401, 403) is skipped. */
        private Duration keyRefusedCoolDown = AifoRouter.Builder.DEFAULT_KEY_REFUSED_COOL_DOWN;

        /** How long a hub that answered 429 is skipped when it said neither Retry-After nor a reset. */
        private Duration rateLimitCoolDown = AifoRouter.Builder.DEFAULT_RATE_LIMIT_COOL_DOWN;

        public int getFailuresBeforeCoolDown() {
            return failuresBeforeCoolDown;
        }

        public void setFailuresBeforeCoolDown(int failuresBeforeCoolDown) {
            this.failuresBeforeCoolDown = failuresBeforeCoolDown;
        }

        public Duration getFailureCoolDown() {
            return failureCoolDown;
        }

        public void setFailureCoolDown(Duration failureCoolDown) {
            this.failureCoolDown = failureCoolDown;
        }

        public Duration getKeyRefusedCoolDown() {
            return keyRefusedCoolDown;
        }

        public void setKeyRefusedCoolDown(Duration keyRefusedCoolDown) {
            this.keyRefusedCoolDown = keyRefusedCoolDown;
        }

        public Duration getRateLimitCoolDown() {
            return rateLimitCoolDown;
        }

        public void setRateLimitCoolDown(Duration rateLimitCoolDown) {
            this.rateLimitCoolDown = rateLimitCoolDown;
        }
    }
}
