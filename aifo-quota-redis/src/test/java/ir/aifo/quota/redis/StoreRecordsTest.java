package ir.aifo.quota.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import ir.aifo.routing.TargetUnavailable.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lines the store keeps in Redis, and the keys it keeps them under. */
class StoreRecordsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private final StoreKeys keys = new StoreKeys("orders");

    @Test
    void aMonthsBucketAndItsTotalsComeBackAsTheyWent() throws StoreFormatException {
        QuotaBucket gpt = new QuotaBucket(78, 80, 2);
        HubQuota month = new HubQuota("vip", YearMonth.of(2026, 12), 120, 830, 710, Map.of(HubQuota.OPENAI, gpt));

        assertThat(QuotaRecord.encode(month, gpt)).isEqualTo("q1|m|2026-12|78|80|2|||vip");
        assertThat(QuotaRecord.decode(HubQuota.OPENAI, QuotaRecord.encode(month, gpt)))
                .isEqualTo(new HubQuota("vip", YearMonth.of(2026, 12), 0, 0, 0, Map.of(HubQuota.OPENAI, gpt)));
        assertThat(QuotaRecord.decode(StoreKeys.TOTALS, QuotaRecord.encode(month, month.total())))
                .isEqualTo(new HubQuota("vip", YearMonth.of(2026, 12), 120, 830, 710, Map.of()));
        assertThat(QuotaRecord.timeToLive(month, gpt, NOW))
                .isEqualTo(Duration.ofDays(26).plusHours(14));
    }

    @Test
    void aRateLimitWindowKeepsItsEndAndWhenItWasSeen() throws StoreFormatException {
        QuotaBucket requests = new QuotaBucket(3, 10, 7, NOW.plusSeconds(20));
        HubQuota window = new HubQuota(null, null, 3, 10, 7, Map.of(HubQuota.REQUESTS, requests), NOW);

        String record = QuotaRecord.encode(window, requests);

        assertThat(record)
                .isEqualTo("q1|w||3|10|7|" + NOW.plusSeconds(20).toEpochMilli() + "|" + NOW.toEpochMilli() + "|");
        assertThat(QuotaRecord.decode(HubQuota.REQUESTS, record))
                .isEqualTo(new HubQuota(null, null, 0, 0, 0, Map.of(HubQuota.REQUESTS, requests), NOW));
        assertThat(QuotaRecord.timeToLive(window, requests, NOW)).isEqualTo(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "q1|m|2026-12|78|80",
                "q2|m|2026-12|1|2|3|||",
                "q1|x||1|2|3|||",
                "q1|m|December|1|2|3|||",
                "q1|m|2026-12|one|2|3|||",
                "q1|w||1|2|3|soon||"
            })
    void aLineThatIsNotAQuotaRecordIsRefusedNotGuessed(String line) {
        assertThatExceptionOfType(StoreFormatException.class).isThrownBy(() -> QuotaRecord.decode("openai", line));
    }

    @Test
    void aCoolDownComesBackAsItWentDetailAndAll() throws StoreFormatException {
        TargetUnavailable coolDown = new TargetUnavailable(
                RouteTarget.parse("myaihub:openrouter:deepseek/deepseek-r1:free"),
                Reason.FAILING,
                "503: busy | try later\nsecond line",
                NOW.plusSeconds(30),
                true);

        String record = CoolDownRecord.encode(coolDown);

        assertThat(CoolDownRecord.decode(coolDown.target(), record)).isEqualTo(coolDown);
        assertThat(keys.coolDownOf(keys.coolDown(coolDown.target()))).isEqualTo(coolDown.target());
        assertThat(keys.coolDownOf(keys.coolDown(RouteTarget.wholeHub("aifo"))))
                .isEqualTo(RouteTarget.wholeHub("aifo"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"c1|RATE_LIMITED|12|1", "c1|SLEEPY|12|1|x", "c1|RATE_LIMITED|soon|1|x", "c1|RATE_LIMITED|12|2|x"
            })
    void aLineThatIsNotACoolDownRecordIsRefused(String line) {
        assertThatExceptionOfType(StoreFormatException.class)
                .isThrownBy(() -> CoolDownRecord.decode(RouteTarget.wholeHub("aifo"), line));
    }

    @Test
    void keysCarryTheApplicationAsTheirHashTagAndReadBack() {
        String key = keys.quota("key-0123456789ab", "openai");

        assertThat(key).isEqualTo("aifo:{orders}:quota:key-0123456789ab:openai");
        assertThat(keys.quotaOf(key)).containsExactly("key-0123456789ab", "openai");
        assertThat(keys.quotaOf("aifo:{shop}:quota:key-0123456789ab:openai")).isNull();
        assertThat(keys.coolDownOf("aifo:{orders}:quota:key-0123456789ab:openai"))
                .isNull();
        assertThat(keys.channel()).isEqualTo("aifo:{orders}:changes");
        assertThat(keys.index()).isEqualTo("aifo:{orders}:index");
    }
}
