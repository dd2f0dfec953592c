package ir.aifo.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.QuotaListener;
import ir.aifo.quota.QuotaTracker;
import java.time.Clock;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.SpringAIModelProperties;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.retry.RetryUtils;
import org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.retry.RetryTemplate;

/**
 * Registers an {@link AifoChatModel} built from {@code spring.ai.aifo.*}, unless the application
 * defines its own {@link ChatModel} or {@code spring.ai.model.chat} names another model; or, when hubs
 * are named under {@code spring.ai.aifo.hubs}, one {@link AifoChatModel} per hub, with the hub's name as
 * its bean name, each inheriting what it leaves unset from {@code spring.ai.aifo.*}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = {SpringAiRetryAutoConfiguration.class, ToolCallingAutoConfiguration.class})
@ConditionalOnClass(AifoChatModel.class)
@ConditionalOnProperty(name = SpringAIModelProperties.CHAT_MODEL, havingValue = "aifo", matchIfMissing = true)
@EnableConfigurationProperties({AifoConnectionProperties.class, AifoChatProperties.class, AifoQuotaProperties.class})
public final class AifoChatAutoConfiguration {

    /**
     * In memory by default; shared through Redis with {@code aifo-quota-redis} and
     * {@code spring.ai.aifo.quota.store=redis}; a bean of the application's replaces either.
     */
    @Bean
    @ConditionalOnMissingBean
    QuotaTracker aifoQuotaTracker(AifoQuotaProperties quota) {
        if (quota.getStore() == AifoQuotaProperties.Store.REDIS) {
            throw new IllegalStateException(AifoRedisQuotaAutoConfiguration.STORE + "=redis needs the module"
                    + " ir.aifo:aifo-quota-redis on the classpath: add it beside the starter, or remove the property"
                    + " to keep quota in each instance's memory");
        }
        return QuotaTracker.inMemory();
    }

    @Bean
    @ConditionalOnMissingBean
    QuotaStoreStatus aifoQuotaStoreStatus(QuotaTracker tracker) {
        return QuotaStoreStatus.of(tracker);
    }

    @Bean
    QuotaLowEventPublisher aifoQuotaLowEventPublisher(ApplicationEventPublisher publisher, AifoQuotaProperties quota) {
        return new QuotaLowEventPublisher(publisher, quota.getLowWatermark());
    }

    @Bean
    @ConditionalOnMissingBean
    AifoChatModelFactory aifoChatModelFactory(
            QuotaTracker quotaTracker,
            ObjectProvider<QuotaListener> quotaListeners,
            ObjectProvider<ToolCallingManager> toolCallingManager,
            ObjectProvider<RetryTemplate> retryTemplate,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<ChatModelObservationConvention> observationConvention,
            ObjectProvider<AifoHttpClientCustomizer> httpClientCustomizers,
            ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<Clock> clock) {
        return new AifoChatModelFactory(
                quotaTracker,
                quotaListeners.orderedStream().toList(),
                toolCallingManager.getIfUnique(),
                retryTemplate.getIfUnique(() -> RetryUtils.DEFAULT_RETRY_TEMPLATE),
                observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
                observationConvention.getIfUnique(),
                httpClientCustomizers.orderedStream().toList(),
                sslBundles.getIfAvailable(),
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean(ChatModel.class)
    @Conditional(OnSingleHubCondition.class)
    AifoChatModel aifoChatModel(
            AifoChatModelFactory factory,
            AifoConnectionProperties connection,
            AifoChatProperties chat,
            AifoQuotaProperties quota) {
        return factory.create(connection, chat, quota);
    }

    @Bean
    AifoWarmUp aifoWarmUp(ObjectProvider<AifoChatModel> models) {
        return new AifoWarmUp(models);
    }

    // The hubs' names are known only from the environment, so their beans are registered by code.
    @Configuration(proxyBeanMethods = false)
    @Conditional(OnNamedHubsCondition.class)
    @Import(NamedHubsRegistrar.class)
    static class NamedHubsConfiguration {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class QuotaMetricsConfiguration {

        // Boot binds it to the registry once that exists, which may be after this configuration.
        @Bean
        AifoQuotaMetrics aifoQuotaMetrics(QuotaTracker tracker) {
            return new AifoQuotaMetrics(tracker);
        }
    }
}
