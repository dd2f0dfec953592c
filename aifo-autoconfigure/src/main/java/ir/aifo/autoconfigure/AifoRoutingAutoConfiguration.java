package ir.aifo.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.RouteListener;
import java.time.Clock;
import java.util.Map;
import org.springframework.ai.model.SpringAIModelProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Registers an {@link AifoRouter} over the named hubs when {@code spring.ai.aifo.routes} declares
 * routes: the primary {@code ChatModel}, so the auto-configured {@code ChatClient} asks for routes, while
 * each hub stays injectable by its name.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AifoChatAutoConfiguration.class)
@ConditionalOnClass(AifoRouter.class)
@ConditionalOnProperty(name = SpringAIModelProperties.CHAT_MODEL, havingValue = "aifo", matchIfMissing = true)
@Conditional(OnRoutesCondition.class)
@EnableConfigurationProperties(AifoRoutingProperties.class)
public final class AifoRoutingAutoConfiguration {

    @Bean
    CoolDownEventPublisher aifoCoolDownEventPublisher(ApplicationEventPublisher publisher) {
        return new CoolDownEventPublisher(publisher);
    }

    @Bean
    @Primary
    @ConditionalOnMissingBean
    AifoRouter aifoRouter(
            Map<String, AifoChatModel> hubs,
            AifoRoutingProperties properties,
            ObjectProvider<RouteListener> listeners,
            ObjectProvider<AifoRouter.CoolDownSharing> sharing,
            ObjectProvider<Clock> clock) {
        // Each hub's bean is named after the hub, which is how route targets name it.
        return RouterFactory.create(
                hubs,
                properties,
                listeners.orderedStream(),
                sharing.getIfUnique(),
                clock.getIfUnique(Clock::systemUTC));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class RoutingMetricsConfiguration {

        // A MeterBinder: Boot binds it to the registry once that exists.
        @Bean
        AifoRoutingMetrics aifoRoutingMetrics() {
            return new AifoRoutingMetrics();
        }
    }
}
