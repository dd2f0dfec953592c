package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.routing.AifoRouter;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Registers the {@code aifo} actuator endpoint when Spring Boot Actuator is present and the endpoint
 * is exposed ({@code management.endpoints.web.exposure.include=aifo}).
 *
 * <p>A configuration of its own, after the chat model's and the routes', so that it can see whether any
 * model, and a router, exist.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = {AifoChatAutoConfiguration.class, AifoRoutingAutoConfiguration.class})
@ConditionalOnClass({AifoChatModel.class, Endpoint.class})
public final class AifoEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({AifoChatModel.class, QuotaTracker.class})
    @ConditionalOnAvailableEndpoint
    AifoEndpoint aifoEndpoint(
            Map<String, AifoChatModel> models,
            QuotaTracker tracker,
            ObjectProvider<AifoRouter> router,
            ObjectProvider<QuotaStoreStatus> store,
            Environment environment) {
        return new AifoEndpoint(
                byHub(models, environment),
                tracker,
                router.getIfAvailable(),
                store.getIfAvailable(() -> QuotaStoreStatus.of(tracker)));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("aifo")
    static class AifoHealthConfiguration {

        // Named so that the contributor is "aifo".
        @Bean
        @ConditionalOnBean(QuotaStoreStatus.class)
        @ConditionalOnMissingBean(name = "aifoHealthIndicator")
        HealthIndicator aifoHealthIndicator(QuotaStoreStatus store) {
            return new AifoHealthIndicator(store);
        }
    }

    /**
     * The models by the name of their hub, which is their bean name; the one model of an application
     * without named hubs is the {@code default} hub, whatever its bean is called.
     */
    private static Map<String, AifoChatModel> byHub(Map<String, AifoChatModel> models, Environment environment) {
        if (models.size() == 1 && NamedHubs.of(environment).isEmpty()) {
            return Map.of(NamedHubs.SINGLE_HUB_NAME, models.values().iterator().next());
        }
        return models;
    }
}
