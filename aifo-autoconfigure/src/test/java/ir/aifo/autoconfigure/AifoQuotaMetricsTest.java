package ir.aifo.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaTracker;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AifoQuotaMetricsTest {

    private static final YearMonth PERIOD = YearMonth.of(2025, 12);

    private final QuotaTracker tracker = QuotaTracker.inMemory();

    private final AifoQuotaMetrics metrics = new AifoQuotaMetrics(tracker);

    private void report(String keyFingerprint, Map<String, QuotaBucket> breakdown) {
        HubQuota known = tracker.record(keyFingerprint, new HubQuota("vip", PERIOD, 0, 0, 0, breakdown));
        metrics.quotaUpdated(keyFingerprint, known);
    }

    private static double value(SimpleMeterRegistry registry, String name, String provider) {
        return registry.get(name).tag("provider", provider).gauge().value();
    }

    @Test
    void gaugesShowTheReportedBucketsByProvider() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        assertThat(registry.getMeters()).isEmpty();

        report(
                "key-a",
                Map.of(
                        HubQuota.OPENAI, new QuotaBucket(75, 80, 5),
                        HubQuota.OPENROUTER, new QuotaBucket(10, 750, 740)));

        assertThat(value(registry, "aifo.quota.used", HubQuota.OPENAI)).isEqualTo(75.0);
        assertThat(value(registry, "aifo.quota.limit", HubQuota.OPENAI)).isEqualTo(80.0);
        assertThat(value(registry, "aifo.quota.remaining", HubQuota.OPENAI)).isEqualTo(5.0);
        assertThat(value(registry, "aifo.quota.limit", HubQuota.OPENROUTER)).isEqualTo(750.0);
        assertThat(registry.getMeters()).hasSize(6);
        assertThat(registry.getMeters())
                .allSatisfy(meter -> assertThat(meter.getId().getTags()).hasSize(1));
    }

    @Test
    void aRegistryBoundAfterTheFirstReplyStillGetsTheGauges() {
        report("key-a", Map.of(HubQuota.OPENAI, new QuotaBucket(75, 80, 5)));

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);

        assertThat(value(registry, "aifo.quota.remaining", HubQuota.OPENAI)).isEqualTo(5.0);
    }

    @Test
    void aSecondKeysBucketIsCountedNotDropped() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);

        report("key-a", Map.of(HubQuota.OPENAI, new QuotaBucket(75, 80, 5)));
        report(
                "key-b",
                Map.of(
                        HubQuota.OPENAI,
                        new QuotaBucket(20, 80, 60),
                        HubQuota.OPENROUTER,
                        new QuotaBucket(1, 750, 749)));

        // One gauge per name and provider, as the key is no tag; it shows both keys' figures together.
        assertThat(registry.find("aifo.quota.used").gauges()).hasSize(2);
        assertThat(value(registry, "aifo.quota.used", HubQuota.OPENAI)).isEqualTo(95.0);
        assertThat(value(registry, "aifo.quota.limit", HubQuota.OPENAI)).isEqualTo(160.0);
        assertThat(value(registry, "aifo.quota.remaining", HubQuota.OPENAI)).isEqualTo(65.0);
        // A provider only the second key reported is registered too.
        assertThat(value(registry, "aifo.quota.remaining", HubQuota.OPENROUTER)).isEqualTo(749.0);

        // Later reports show at the next scrape, without registering anything again.
        report("key-a", Map.of(HubQuota.OPENAI, new QuotaBucket(80, 80, 0)));
        assertThat(value(registry, "aifo.quota.remaining", HubQuota.OPENAI)).isEqualTo(60.0);
        assertThat(registry.getMeters()).hasSize(6);
    }

    @Test
    void keysOtherApplicationsPutInASharedTrackerAreNotCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        tracker.record(
                "someone-elses-key",
                new HubQuota("vip", PERIOD, 0, 0, 0, Map.of(HubQuota.OPENAI, new QuotaBucket(1, 80, 79))));

        report("key-a", Map.of(HubQuota.OPENAI, new QuotaBucket(75, 80, 5)));

        assertThat(value(registry, "aifo.quota.remaining", HubQuota.OPENAI)).isEqualTo(5.0);
    }

    @Test
    void everyBoundRegistryGetsTheGauges() {
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        metrics.bindTo(first);
        metrics.bindTo(second);

        report("key-a", Map.of(HubQuota.OPENAI, new QuotaBucket(75, 80, 5)));

        for (SimpleMeterRegistry registry : new SimpleMeterRegistry[] {first, second}) {
            Gauge remaining = registry.get("aifo.quota.remaining")
                    .tag("provider", HubQuota.OPENAI)
                    .gauge();
            assertThat(remaining.value()).isEqualTo(5.0);
        }
    }
}
