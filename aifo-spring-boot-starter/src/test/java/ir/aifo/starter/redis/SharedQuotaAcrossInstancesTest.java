package ir.aifo.starter.redis;

import static ir.aifo.starter.redis.Instance.fallbacksOf;
import static ir.aifo.starter.redis.Instance.hubOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import ch.qos.logback.classic.Level;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.redis.RedisQuotaStore;
import ir.aifo.quota.redis.testing.RedisServer;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.TargetUnavailable.Reason;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.SimulatedFault;
import ir.aifo.testing.LogCapture;
import ir.aifo.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.health.contributor.Status;

/**
 * Two instances of one application, each a Spring context of its own, sharing what they learn of
 * their hubs through one real Redis; the hubs are the simulator's, on the test's clock.
 */
class SharedQuotaAcrossInstancesTest {

    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    static final YearMonth DECEMBER = YearMonth.of(2026, 12);

    // The routes' and the store's lines (spent quotas, cool-downs, Redis away and back), kept out of the build's
    // output.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(AifoRouter.class, RedisQuotaStore.class, "ir.aifo.chat", "io.lettuce")
            .at(Level.INFO);

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

    AifoHubSimulator simulator;

    Instances instances;

    @BeforeEach
    void startHubs() {
        simulator = AifoHubSimulator.start(clock);
        instances = new Instances(redis, simulator, clock);
    }

    @AfterEach
    void stop() {
        instances.close();
        simulator.close();
    }

    @Test
    void aBucketOneInstanceSeesSpentStopsTheOtherWithoutSendingWithin100Milliseconds() {
        simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 79);
        Instance a = instances.start("a");
        Instance b = instances.start("b");

        assertThat(hubOf(a.ask("smart"))).isEqualTo("myaihub");
        Duration heard = Instances.await(Duration.ofSeconds(5), () -> b.knowsSpent(HubQuota.OPENAI, DECEMBER));
        var onB = b.ask("smart");

        assertThat(heard).isLessThan(Duration.ofMillis(100));
        assertThat(hubOf(onB)).isEqualTo("aifo");
        assertThat(fallbacksOf(onB)).singleElement().satisfies(skipped -> {
            assertThat(skipped.reason()).isEqualTo(Reason.QUOTA_SPENT);
            assertThat(skipped.sent()).isFalse();
        });
        // Without a route, B's MyAIHub model fails fast, unsent.
        assertThatExceptionOfType(AifoQuotaExceededException.class)
                .isThrownBy(() -> ChatClient.create(b.hub("myaihub"))
                        .prompt("سلام")
                        .options(AifoChatOptions.builder().model("openai/gpt-5-mini"))
                        .call()
                        .content())
                .satisfies(refused -> assertThat(refused.getStatusCode()).isZero());
        assertThat(simulator.hub("myaihub").journal()).hasSize(1);
    }

    @Test
    void aRateLimitOneInstanceMeetsIsSkippedByTheOtherUntilItEnds() {
        Instance a = instances.start("a");
        Instance b = instances.start("b");
        simulator.hub("myaihub").failNext(1, SimulatedFault.rateLimited(Duration.ofSeconds(30)));

        assertThat(hubOf(a.ask("smart"))).isEqualTo("aifo");
        Instances.await(Duration.ofSeconds(5), () -> !b.router().getCoolDowns().isEmpty());
        var onB = b.ask("smart");

        assertThat(hubOf(onB)).isEqualTo("aifo");
        assertThat(fallbacksOf(onB)).singleElement().satisfies(skipped -> {
            assertThat(skipped.reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(skipped.sent()).isFalse();
            assertThat(skipped.until()).isEqualTo(Instant.parse("2026-12-05T10:00:30Z"));
        });
        assertThat(simulator.hub("myaihub").journal()).hasSize(1);

        clock.advance(Duration.ofSeconds(30));
        assertThat(hubOf(b.ask("smart"))).isEqualTo("myaihub");
    }

    @Test
    void redisAwayIsNotTheApplicationAwayAndWhatWasLearnedMeanwhileArrivesWhenItIsBack() throws IOException {
        Instance a = instances.start("a");
        Instance b = instances.start("b");
        simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 79);

        redis.kill();
        Instances.await(
                Duration.ofSeconds(10),
                () -> a.health().equals(new Status("DEGRADED")) && b.health().equals(new Status("DEGRADED")));
        assertThat(hubOf(a.ask("smart"))).isEqualTo("myaihub");
        assertThat(hubOf(b.ask("cheap"))).isEqualTo("aifo");
        assertThat(a.knowsSpent(HubQuota.OPENAI, DECEMBER)).isTrue();
        assertThat(b.knowsSpent(HubQuota.OPENAI, DECEMBER)).isFalse();

        redis.restart();
        Instances.await(Duration.ofSeconds(20), () -> b.knowsSpent(HubQuota.OPENAI, DECEMBER));
        Instances.await(
                Duration.ofSeconds(5),
                () -> a.health().equals(Status.UP) && b.health().equals(Status.UP));
        assertThat(logs.messages(Level.WARN))
                .filteredOn(message -> message.startsWith("Redis cannot be reached"))
                .hasSize(2);
        assertThat(logs.messages(Level.INFO))
                .filteredOn(message -> message.startsWith("Redis is back"))
                .hasSize(2);
    }

    @Test
    void aNewMonthClearsTheSpentBucketOnBothInstances() {
        simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);
        Instance a = instances.start("a");
        Instance b = instances.start("b");
        assertThat(hubOf(a.ask("smart"))).isEqualTo("aifo");
        Instances.await(Duration.ofSeconds(5), () -> b.knowsSpent(HubQuota.OPENAI, DECEMBER));

        clock.set(Instant.parse("2027-01-01T00:00:05Z"));

        assertThat(hubOf(a.ask("smart"))).isEqualTo("myaihub");
        assertThat(hubOf(b.ask("smart"))).isEqualTo("myaihub");
        assertThat(b.knowsSpent(HubQuota.OPENAI, YearMonth.of(2027, 1))).isFalse();
    }
}
