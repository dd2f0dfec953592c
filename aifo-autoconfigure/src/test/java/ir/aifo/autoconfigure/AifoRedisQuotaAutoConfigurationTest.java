package ir.aifo.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.lettuce.core.RedisClient;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.quota.redis.RedisQuotaStore;
import ir.aifo.quota.redis.testing.RedisServer;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import ir.aifo.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code spring.ai.aifo.quota.store=redis}: the shared store, its settings, its health, and its mistakes. */
class AifoRedisQuotaAutoConfigurationTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    // Failed starts, and the store's line about a Redis that is away, kept out of the build's output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of("org.springframework.context", RedisQuotaStore.class);

    private final ApplicationContextRunner runner = AifoContextRunner.withHub(
                    "https://api.aifo.ir", "aifo_sk_test_0000000000000000")
            .withConfiguration(AutoConfigurations.of(
                    DataRedisAutoConfiguration.class,
                    AifoRedisQuotaAutoConfiguration.class,
                    AifoRoutingAutoConfiguration.class,
                    AifoEndpointAutoConfiguration.class))
            .withPropertyValues(
                    "spring.data.redis.host=127.0.0.1",
                    "spring.data.redis.port=" + redis.port(),
                    "management.endpoints.web.exposure.include=aifo");

    @Test
    void withTheStoreSetToRedisQuotaIsKeptInRedisUnderTheApplicationsName() {
        runner.withPropertyValues("spring.ai.aifo.quota.store=redis", "spring.application.name=orders")
                .run(context -> {
                    RedisQuotaStore store = context.getBean(RedisQuotaStore.class);
                    assertThat(context.getBean(QuotaTracker.class)).isSameAs(store);
                    assertThat(store.getKeyPrefix()).isEqualTo("orders");
                    await(() -> store.getState() == RedisQuotaStore.State.UP);
                    Health health = aifoHealth(context.getBean("aifoHealthIndicator", HealthIndicator.class));
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails())
                            .containsEntry("store", "redis")
                            .containsEntry("state", "UP")
                            .containsEntry("keyPrefix", "orders");
                    assertThat(context.getBean(AifoEndpoint.class).aifo().store())
                            .satisfies(described -> {
                                assertThat(described.type()).isEqualTo("redis");
                                assertThat(described.state()).isEqualTo("UP");
                            });
                });
    }

    @Test
    void theKeyPrefixPropertyNamesTheApplicationInTheKeys() {
        runner.withPropertyValues("spring.ai.aifo.quota.store=REDIS", "spring.ai.aifo.quota.redis.key-prefix=shop")
                .run(context -> assertThat(
                                context.getBean(RedisQuotaStore.class).getKeyPrefix())
                        .isEqualTo("shop"));
    }

    @Test
    void routesLearnTheCoolDownsAnotherInstanceShares() {
        runner.withPropertyValues(
                        "spring.ai.aifo.quota.store=redis",
                        "spring.application.name=orders",
                        "spring.ai.aifo.hubs.aifo.base-url=https://api.aifo.ir",
                        "spring.ai.aifo.hubs.aifo.api-key=aifo_sk_test_0000000000000000",
                        "spring.ai.aifo.routes.smart=aifo:openai/gpt-5-mini")
                .run(context -> {
                    AifoRouter router = context.getBean(AifoRouter.class);
                    await(() -> context.getBean(RedisQuotaStore.class).getState() == RedisQuotaStore.State.UP);
                    RedisClient client = RedisClient.create(redis.uri());
                    try (RedisQuotaStore otherInstance =
                            RedisQuotaStore.builder(client).keyPrefix("orders").build()) {
                        otherInstance.start();
                        await(() -> otherInstance.getState() == RedisQuotaStore.State.UP);
                        otherInstance.share(new TargetUnavailable(
                                RouteTarget.wholeHub("aifo"),
                                TargetUnavailable.Reason.KEY_REFUSED,
                                "401: bad key",
                                Instant.now().plusSeconds(300),
                                true));

                        await(() -> !router.getCoolDowns().isEmpty());
                    } finally {
                        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                    }
                    assertThat(router.getCoolDowns()).singleElement().satisfies(coolDown -> {
                        assertThat(coolDown.reason()).isEqualTo(TargetUnavailable.Reason.KEY_REFUSED);
                        assertThat(coolDown.detail()).isEqualTo("401: bad key");
                    });
                });
    }

    @Test
    void withRedisAwayTheApplicationStartsAndItsHealthIsDegradedNotDown() {
        runner.withPropertyValues("spring.ai.aifo.quota.store=redis", "spring.data.redis.port=1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RedisQuotaStore store = context.getBean(RedisQuotaStore.class);
                    await(() -> store.getState() == RedisQuotaStore.State.DOWN);
                    Health health = aifoHealth(context.getBean("aifoHealthIndicator", HealthIndicator.class));
                    assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
                    assertThat(health.getDetails())
                            .containsEntry("state", "DOWN")
                            .containsKey("problem");
                    assertThat(logs.messages(Level.WARN))
                            .singleElement()
                            .asString()
                            .startsWith("Redis cannot be reached");
                });
    }

    @Test
    void withoutTheStorePropertyQuotaStaysInMemoryAndTheHealthSaysSo() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(RedisQuotaStore.class);
            Health health = aifoHealth(context.getBean("aifoHealthIndicator", HealthIndicator.class));
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("store", "memory");
            assertThat(context.getBean(AifoEndpoint.class).aifo().store().type())
                    .isEqualTo("memory");
        });
    }

    @Test
    void theStoreSetToRedisWithoutTheModuleSaysWhichDependencyToAdd() {
        runner.withClassLoader(new FilteredClassLoader(RedisQuotaStore.class))
                .withPropertyValues("spring.ai.aifo.quota.store=redis")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.quota.store=redis needs the module"
                                + " ir.aifo:aifo-quota-redis on the classpath"));
    }

    @Test
    void aKeyPrefixWithBracesIsRefusedUnderItsPropertyAndOneTakenFromTheApplicationNameSaysSo() {
        runner.withPropertyValues("spring.ai.aifo.quota.store=redis", "spring.ai.aifo.quota.redis.key-prefix={shop}")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageStartingWith("spring.ai.aifo.quota.redis.key-prefix: The key prefix '{shop}'"));
        runner.withPropertyValues("spring.ai.aifo.quota.store=redis", "spring.application.name=order service")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageStartingWith(
                                "spring.ai.aifo.quota.redis.key-prefix (taken from spring.application.name):"));
    }

    @Test
    void aHubCannotChooseTheStoreWhichIsTheApplications() {
        runner.withPropertyValues(
                        "spring.ai.aifo.hubs.aifo.base-url=https://api.aifo.ir",
                        "spring.ai.aifo.hubs.aifo.api-key=aifo_sk_test_0000000000000000",
                        "spring.ai.aifo.hubs.aifo.quota.store=redis")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessage("spring.ai.aifo.hubs.aifo.quota.store is set, but where quota is kept is the"
                                + " application's choice, not a hub's: set spring.ai.aifo.quota.store instead"));
    }

    @Test
    void anApplicationsOwnTrackerIsKept() {
        QuotaTracker own = QuotaTracker.inMemory();
        runner.withPropertyValues("spring.ai.aifo.quota.store=redis")
                .withBean("ownTracker", QuotaTracker.class, () -> own)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(RedisQuotaStore.class);
                    assertThat(context.getBean(QuotaTracker.class)).isSameAs(own);
                });
    }

    private static Health aifoHealth(HealthIndicator indicator) {
        return indicator.health(true);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10s").isLessThan(giveUp);
            Thread.sleep(5);
        }
    }
}
