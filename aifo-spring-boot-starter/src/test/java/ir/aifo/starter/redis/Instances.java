package ir.aifo.starter.redis;

import ir.aifo.quota.redis.RedisQuotaStore;
import ir.aifo.quota.redis.testing.RedisServer;
import ir.aifo.test.AifoHubSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Instances of one application, each a Spring context of its own, with two hubs at the simulator
 * ({@code myaihub}, {@code aifo}), routes over them, and quota kept in one Redis; on the test's clock.
 */
final class Instances implements AutoCloseable {

    private final RedisServer redis;

    private final AifoHubSimulator simulator;

    private final Clock clock;

    // A name of the test's own, so that its keys in Redis are its own.
    private final String application = "shop-" + UUID.randomUUID().toString().substring(0, 8);

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    Instances(RedisServer redis, AifoHubSimulator simulator, Clock clock) {
        this.redis = redis;
        this.simulator = simulator;
        this.clock = clock;
    }

    /** An instance, started, its store connected to Redis. */
    Instance start(String name) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .initializers(starting -> starting.getBeanFactory().registerSingleton("clock", clock))
                .properties(
                        "spring.main.banner-mode=off",
                        "spring.application.name=" + application,
                        "spring.data.redis.host=127.0.0.1",
                        "spring.data.redis.port=" + redis.port(),
                        "spring.ai.aifo.quota.store=redis",
                        "spring.ai.aifo.hubs.myaihub.protocol=myaihub",
                        "spring.ai.aifo.hubs.myaihub.base-url="
                                + simulator.hub("myaihub").baseUrl(),
                        "spring.ai.aifo.hubs.myaihub.api-key=" + AifoHubSimulator.DEFAULT_KEY,
                        "spring.ai.aifo.hubs.aifo.base-url="
                                + simulator.hub("aifo").baseUrl(),
                        "spring.ai.aifo.hubs.aifo.api-key=" + AifoHubSimulator.DEFAULT_KEY,
                        "spring.ai.aifo.routes.smart=myaihub:openai/gpt-5-mini, aifo:openai/gpt-5-mini",
                        "spring.ai.aifo.routes.open=myaihub:meta-llama/llama-3.3-70b-instruct,"
                                + " aifo:meta-llama/llama-3.3-70b-instruct",
                        "spring.ai.aifo.routes.cheap=aifo:openai/gpt-4o-mini",
                        "spring.ai.aifo.default-route=smart")
                .run();
        contexts.add(context);
        Instance instance = new Instance(name, context);
        await(Duration.ofSeconds(10), () -> instance.store().getState() == RedisQuotaStore.State.UP);
        return instance;
    }

    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    /** Waits for {@code condition}, and returns how long it took. */
    static Duration await(Duration within, BooleanSupplier condition) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > within.toNanos()) {
                throw new AssertionError("Waited " + within + " in vain");
            }
            try {
                Thread.sleep(0, 100_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}
}
