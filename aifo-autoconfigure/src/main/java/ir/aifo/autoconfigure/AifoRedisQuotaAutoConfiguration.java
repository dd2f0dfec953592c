package ir.aifo.autoconfigure;

import io.lettuce.core.AbstractRedisClient;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.quota.redis.RedisQuotaStore;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Keeps quota and routing cool-downs in Redis, shared by every instance of the application, when
 * {@code ir.aifo:aifo-quota-redis} is on the classpath and {@code spring.ai.aifo.quota.store=redis}. Redis
 * is where Boot's {@code spring.data.redis.*} says; the store uses the application's Lettuce client.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
        before = AifoChatAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({AifoChatModel.class, RedisQuotaStore.class, LettuceConnectionFactory.class})
@ConditionalOnProperty(name = AifoRedisQuotaAutoConfiguration.STORE, havingValue = "redis")
@EnableConfigurationProperties(AifoQuotaProperties.class)
public final class AifoRedisQuotaAutoConfiguration {

    static final String STORE = AifoQuotaProperties.PREFIX + ".store";

    static final String KEY_PREFIX = AifoQuotaProperties.PREFIX + ".redis.key-prefix";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(QuotaTracker.class)
    RedisQuotaStore aifoRedisQuotaStore(
            ObjectProvider<RedisConnectionFactory> connectionFactory,
            AifoQuotaProperties quota,
            Environment environment,
            ObjectProvider<Clock> clock) {
        RedisQuotaStore store;
        try {
            store = RedisQuotaStore.builder(lettuceClient(connectionFactory.getIfAvailable()))
                    .keyPrefix(keyPrefix(quota, environment))
                    .clock(clock.getIfUnique(Clock::systemUTC))
                    .build();
        } catch (IllegalArgumentException refused) {
            String source = quota.getRedis().getKeyPrefix() != null ? "" : " (taken from spring.application.name)";
            // Not as the cause: the start-up report leads with the root cause, which must name the property.
            throw new IllegalArgumentException(KEY_PREFIX + source + ": " + refused.getMessage());
        }
        // Connects in the background: the application starts, and calls go on, with Redis away.
        store.start();
        return store;
    }

    @Bean
    @ConditionalOnBean(RedisQuotaStore.class)
    QuotaStoreStatus aifoQuotaStoreStatus(RedisQuotaStore store) {
        return QuotaStoreStatus.of(() -> new AifoEndpoint.StoreDescriptor(
                "redis",
                store.getState().name(),
                store.getStateSince(),
                store.getKeyPrefix(),
                store.getLastProblem().orElse(null)));
    }

    private static AbstractRedisClient lettuceClient(@Nullable RedisConnectionFactory factory) {
        if (factory instanceof LettuceConnectionFactory lettuce) {
            return lettuce.getRequiredNativeClient();
        }
        throw new IllegalStateException(STORE + "=redis needs Spring Data Redis's Lettuce connection factory, which"
                + " spring-boot-starter-data-redis configures from spring.data.redis.*; found "
                + (factory == null
                        ? "no RedisConnectionFactory"
                        : factory.getClass().getName())
                + ". Remove the application's own RedisConnectionFactory, or make it a LettuceConnectionFactory");
    }

    private static String keyPrefix(AifoQuotaProperties quota, Environment environment) {
        String configured = quota.getRedis().getKeyPrefix();
        if (configured != null) {
            return configured;
        }
        return environment.getProperty("spring.application.name", "application");
    }
}
