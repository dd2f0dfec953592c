package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.API_KEY;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.GPT_QUOTA_MESSAGE;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.GPT_QUOTA_SPENT;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.NOT_IN_PLAN;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.OPENROUTER_QUOTA_SPENT;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.PATH;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.json;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.requests;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.error.AifoModelNotInPlanException;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.internal.protocol.myaihub.MyAiHubExamples;
import ir.aifo.internal.protocol.myaihub.MyAiHubExamples.MovableClock;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaListener;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The quota every MyAIHub reply and quota error reports, kept per key by the tracker, and the calls
 * it stops before they are sent: a VIP key whose GPT bucket runs out while OpenRouter models go on.
 */
class AifoChatModelQuotaTrackingTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    final LogCapture logs = LogCapture.of(QuotaGuard.class);

    private static final String GPT = "openai/gpt-5.2";

    private static final String DEEPSEEK = "deepseek/deepseek-chat";

    private static final Instant LAST_MINUTE_OF_2025 = Instant.parse("2025-12-31T23:59:00Z");

    private static final Instant FIRST_MINUTE_OF_2026 = Instant.parse("2026-01-01T00:01:00Z");

    private final MovableClock clock = new MovableClock(LAST_MINUTE_OF_2025);

    private final QuotaTracker tracker = QuotaTracker.inMemory();

    private final List<Update> updates = new CopyOnWriteArrayList<>();

    record Update(String keyFingerprint, HubQuota quota) {}

    private AifoChatModel.Builder model() {
        return model(MyAiHubExamples.connection(hub));
    }

    private AifoChatModel.Builder model(AifoConnection.Builder connection) {
        return MyAiHubExamples.model(connection, clock)
                .quotaTracker(tracker)
                .quotaListener((fingerprint, quota) -> updates.add(new Update(fingerprint, quota)));
    }

    private static ChatResponse ask(AifoChatModel model, String modelName) {
        return model.call(
                new Prompt("سلام", AifoChatOptions.builder().model(modelName).build()));
    }

    private static Throwable failureOf(AifoChatModel model, String modelName) {
        return catchThrowable(() -> ask(model, modelName));
    }

    /** Answers requests for {@code model} with the given replies in turn, the last one for good. */
    private static void answer(String model, ResponseDefinitionBuilder... replies) {
        String state = STARTED;
        for (int i = 0; i < replies.length; i++) {
            String next = i == replies.length - 1 ? state : model + "#" + (i + 1);
            hub.stubFor(post(urlEqualTo(PATH))
                    .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                    .inScenario(model)
                    .whenScenarioStateIs(state)
                    .willReturn(replies[i])
                    .willSetStateTo(next));
            state = next;
        }
    }

    private static int sentFor(String model) {
        return hub.findAll(
                        postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.model", equalTo(model))))
                .size();
    }

    @Test
    void spentGptBucketStopsGptCallsUnsentWhileOpenRouterModelsKeepWorking() {
        answer(
                GPT,
                json(200, success(GPT, "openai", "2025-12", 10, 78)),
                json(200, success(GPT, "openai", "2025-12", 10, 79)),
                // Another instance used the last request: the hub refuses although this one saw 1 left.
                json(200, GPT_QUOTA_SPENT));
        answer(DEEPSEEK, json(200, success(DEEPSEEK, "openrouter", "2025-12", 11, 80)));
        AifoChatModel model = model().build();

        assertThat(ask(model, GPT).getMetadata().getRateLimit().getRequestsRemaining())
                .isEqualTo(2L);
        assertThat(ask(model, GPT).getMetadata().getRateLimit().getRequestsRemaining())
                .isEqualTo(1L);
        Throwable fromTheHub = failureOf(model, GPT);
        Throwable failedFast = failureOf(model, GPT);
        Throwable otherGptModel = failureOf(model, "openai/gpt-4o-mini");
        ChatResponse openRouter = ask(model, DEEPSEEK);

        assertThat(fromTheHub).isInstanceOf(AifoQuotaExceededException.class).hasMessageContaining(GPT_QUOTA_MESSAGE);
        assertThat(failedFast).isInstanceOf(AifoQuotaExceededException.class).hasMessageContaining("not sent");
        AifoQuotaExceededException unsent = (AifoQuotaExceededException) failedFast;
        assertThat(unsent.getProvider()).isEqualTo("openai");
        assertThat(unsent.getBucket()).contains(new QuotaBucket(80, 80, 0));
        assertThat(unsent.getStatusCode()).isZero();
        assertThat(otherGptModel).isInstanceOf(AifoQuotaExceededException.class);
        assertThat(sentFor(GPT)).isEqualTo(3);
        assertThat(sentFor("openai/gpt-4o-mini")).isZero();
        assertThat(openRouter.getResult().getOutput().getText()).isEqualTo("پاسخ");
        assertThat(openRouter.getMetadata().getRateLimit().getRequestsRemaining())
                .isEqualTo(739L);
        assertThat(sentFor(DEEPSEEK)).isEqualTo(1);
        assertThat(requests(hub)).hasSize(4);
    }

    @Test
    void trackerHoldsTheMergedFiguresUnderTheKeysFingerprintAndTellsTheListenerEachUpdate() {
        answer(GPT, json(200, success(GPT, "openai", "2025-12", 10, 79)), json(200, GPT_QUOTA_SPENT));
        answer(DEEPSEEK, json(200, success(DEEPSEEK, "openrouter", "2025-12", 11, 80)));
        AifoChatModel model = model().build();

        ask(model, GPT);
        failureOf(model, GPT);
        failureOf(model, GPT); // unsent: no report, so no update
        ask(model, DEEPSEEK);

        String fingerprint = model.getKeyFingerprint();
        assertThat(fingerprint).isEqualTo(KeyFingerprint.of(API_KEY)).doesNotContain(API_KEY);
        assertThat(tracker.snapshot()).containsOnlyKeys(fingerprint);
        assertThat(tracker.snapshot().toString()).doesNotContain(API_KEY);
        HubQuota known = tracker.lastKnown(fingerprint).orElseThrow();
        assertThat(known.plan()).isEqualTo("vip");
        assertThat(known.period()).isEqualTo(YearMonth.of(2025, 12));
        assertThat(known.bucket("openai")).contains(new QuotaBucket(80, 80, 0));
        assertThat(known.bucket("openrouter")).contains(new QuotaBucket(11, 750, 739));
        assertThat(known.used()).isEqualTo(91);

        assertThat(updates)
                .hasSize(3)
                .allSatisfy(update -> assertThat(update.keyFingerprint()).isEqualTo(fingerprint));
        assertThat(updates.get(0).quota().bucket("openai")).contains(new QuotaBucket(79, 80, 1));
        // The partial report of the quota error is merged: the OpenRouter bucket is still known.
        assertThat(updates.get(1).quota().bucket("openai")).contains(new QuotaBucket(80, 80, 0));
        assertThat(updates.get(1).quota().bucket("openrouter")).contains(new QuotaBucket(10, 750, 740));
        assertThat(updates.get(1).quota().used()).isEqualTo(89);
        assertThat(updates.get(2).quota()).isEqualTo(known);
    }

    @Test
    void newCalendarMonthLiftsTheFailFastAndTheCallIsSent() {
        answer(GPT, json(200, GPT_QUOTA_SPENT), json(200, success(GPT, "openai", "2026-01", 0, 1)));
        AifoChatModel model = model().build();
        failureOf(model, GPT);
        assertThat(failureOf(model, GPT)).hasMessageContaining("not sent");
        assertThat(sentFor(GPT)).isEqualTo(1);

        clock.set(FIRST_MINUTE_OF_2026);
        ChatResponse january = ask(model, GPT);

        assertThat(sentFor(GPT)).isEqualTo(2);
        assertThat(january.getMetadata().getRateLimit().getRequestsRemaining()).isEqualTo(79L);
        assertThat(january.getMetadata().getRateLimit().getRequestsReset())
                .isEqualTo(Duration.ofDays(31).minusMinutes(1));
        HubQuota known = tracker.lastKnown(model.getKeyFingerprint()).orElseThrow();
        assertThat(known.period()).isEqualTo(YearMonth.of(2026, 1));
        assertThat(known.bucket("openai")).contains(new QuotaBucket(1, 80, 79));
    }

    @Test
    void lastDecemberMinuteStillFailsFast() {
        answer(GPT, json(200, GPT_QUOTA_SPENT));
        AifoChatModel model = model().build();
        failureOf(model, GPT);

        clock.set(Instant.parse("2025-12-31T23:59:59.999Z"));

        assertThat(failureOf(model, GPT)).hasMessageContaining("not sent");
        assertThat(sentFor(GPT)).isEqualTo(1);
    }

    @Test
    void withFailFastOffTheCallIsSentAnywayAndTheHubAnswers() {
        answer(GPT, json(200, GPT_QUOTA_SPENT));
        AifoChatModel model = model().quotaFailFast(false).build();

        Throwable first = failureOf(model, GPT);
        Throwable second = failureOf(model, GPT);

        assertThat(sentFor(GPT)).isEqualTo(2);
        assertThat(second)
                .isInstanceOf(AifoQuotaExceededException.class)
                .hasMessageContaining(GPT_QUOTA_MESSAGE)
                .hasMessageNotContaining("not sent");
        assertThat(first).isInstanceOf(AifoQuotaExceededException.class);
        // The tracker is still kept up to date.
        assertThat(tracker.isExhausted(model.getKeyFingerprint(), "openai", YearMonth.of(2025, 12)))
                .isTrue();
    }

    @Test
    void spentOpenRouterBucketStopsOpenRouterModelsButGptCallsStillGoOut() {
        answer(DEEPSEEK, json(200, OPENROUTER_QUOTA_SPENT));
        answer(GPT, json(200, NOT_IN_PLAN));
        AifoChatModel model = model().build();

        failureOf(model, DEEPSEEK);
        Throwable qwen = failureOf(model, "qwen/qwen-2.5-7b-instruct");
        Throwable gpt = failureOf(model, GPT);

        assertThat(qwen).isInstanceOf(AifoQuotaExceededException.class).hasMessageContaining("not sent");
        assertThat(((AifoQuotaExceededException) qwen).getProvider()).isEqualTo("openrouter");
        assertThat(sentFor("qwen/qwen-2.5-7b-instruct")).isZero();
        // A PRO key's GPT bucket has no allowance: that is the plan's matter, which only the hub answers.
        assertThat(gpt).isInstanceOf(AifoModelNotInPlanException.class);
        assertThat(sentFor(GPT)).isEqualTo(1);
    }

    @Test
    void modelsSharingATrackerAndAKeyShareTheFailFastButAnotherKeyDoesNot() {
        answer(GPT, json(200, GPT_QUOTA_SPENT), json(200, success(GPT, "openai", "2025-12", 0, 5)));
        AifoChatModel first = model().build();
        AifoChatModel sameKey = model().build();
        AifoChatModel otherKey = model(MyAiHubExamples.connection(hub).apiKey("MYAIHUB-OTHER-KEY-000111222333"))
                .build();

        failureOf(first, GPT);
        Throwable sameKeyFailure = failureOf(sameKey, GPT);
        ChatResponse otherKeyReply = ask(otherKey, GPT);

        assertThat(sameKeyFailure)
                .isInstanceOf(AifoQuotaExceededException.class)
                .hasMessageContaining("not sent");
        assertThat(otherKeyReply.getResult().getOutput().getText()).isEqualTo("پاسخ");
        assertThat(sentFor(GPT)).isEqualTo(2);
        assertThat(tracker.snapshot()).containsOnlyKeys(first.getKeyFingerprint(), otherKey.getKeyFingerprint());
        assertThat(first.getKeyFingerprint()).isNotEqualTo(otherKey.getKeyFingerprint());
    }

    @Test
    void streamRecordsTheQuotaAndFailsFastToo() {
        answer(GPT, json(200, success(GPT, "openai", "2025-12", 10, 80)));
        AifoChatModel model = model().build();

        List<String> text = ChatClient.create(model).prompt().user("سلام").stream()
                .content()
                .collectList()
                .block(Duration.ofSeconds(10));
        Throwable next = catchThrowable(() -> model.stream(new Prompt("سلام")).blockLast(Duration.ofSeconds(10)));

        assertThat(text).containsExactly("پاسخ");
        // The reply itself said 80 of 80: the next call is known to fail.
        assertThat(next).isInstanceOf(AifoQuotaExceededException.class).hasMessageContaining("not sent");
        assertThat(sentFor(GPT)).isEqualTo(1);
        assertThat(updates).hasSize(1);
    }

    @Test
    void failingListenerDoesNotFailTheCallAndIsNamedInOneWarning() {
        answer(GPT, json(200, success(GPT, "openai", "2025-12", 10, 2)));
        AifoChatModel model = model().quotaListener(new QuotaListener() {
                    @Override
                    public void quotaUpdated(String keyFingerprint, HubQuota quota) {
                        throw new IllegalStateException("metrics are down");
                    }

                    @Override
                    public String toString() {
                        return "quota metrics";
                    }
                })
                .build();

        ChatResponse response = ask(model, GPT);

        assertThat(response.getResult().getOutput().getText()).isEqualTo("پاسخ");
        assertThat(tracker.lastKnown(model.getKeyFingerprint())).isPresent();
        assertThat(updates).hasSize(1);
        assertThat(logs.events()).singleElement().satisfies(warning -> {
            assertThat(warning.getLevel()).isEqualTo(Level.WARN);
            assertThat(warning.getFormattedMessage()).isEqualTo("Quota listener quota metrics failed");
            assertThat(warning.getThrowableProxy().getMessage()).isEqualTo("metrics are down");
        });
    }

    // ---- OpenAI-compatible hubs ----

    private static ResponseDefinitionBuilder withRateLimitHeaders(ResponseDefinitionBuilder reply) {
        return reply.withHeader("x-ratelimit-limit-requests", "100")
                .withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-reset-requests", "1s")
                .withHeader("x-ratelimit-limit-tokens", "10000")
                .withHeader("x-ratelimit-remaining-tokens", "9000")
                .withHeader("x-ratelimit-reset-tokens", "6m0s");
    }

    private AifoChatModel openAiCompatibleModel() {
        return HubStub.model(hub)
                .clock(clock)
                .quotaTracker(tracker)
                .quotaListener((fingerprint, quota) -> updates.add(new Update(fingerprint, quota)))
                .build();
    }

    @Test
    void openAiCompatibleRateLimitHeadersAreTrackedAsRequestAndTokenBucketsAndNeverFailFast() {
        HubStub.reply(hub, withRateLimitHeaders(HubStub.json(200, HubStub.completion("hi"))));
        AifoChatModel model = openAiCompatibleModel();

        ChatResponse first = model.call(new Prompt("hi"));
        // The requests bucket reads 0 left, yet the window is seconds long: the next call is still sent.
        ChatResponse second = model.call(new Prompt("hi"));

        HubQuota quota = first.getMetadata().get(AifoMetadata.QUOTA);
        assertThat(quota.breakdown())
                .containsExactly(
                        entry("requests", new QuotaBucket(100, 100, 0, LAST_MINUTE_OF_2025.plusSeconds(1))),
                        entry("tokens", new QuotaBucket(1000, 10000, 9000, LAST_MINUTE_OF_2025.plusSeconds(360))));
        assertThat(quota.plan()).isNull();
        assertThat(quota.period()).isNull();
        assertThat(second.getResult().getOutput().getText()).isEqualTo("hi");
        assertThat(HubStub.requests(hub)).hasSize(2);
        String fingerprint = KeyFingerprint.of(HubStub.API_KEY);
        assertThat(model.getKeyFingerprint()).isEqualTo(fingerprint).doesNotContain(HubStub.API_KEY);
        assertThat(tracker.lastKnown(fingerprint)).contains(quota);
        assertThat(updates)
                .hasSize(2)
                .allSatisfy(update -> assertThat(update.keyFingerprint()).isEqualTo(fingerprint));
    }

    @Test
    void openAiCompatibleStreamRecordsItsRateLimitHeadersOnce() {
        HubStub.reply(
                hub,
                withRateLimitHeaders(HubStub.sse(HubStub.contentChunk("Hel")
                        + HubStub.contentChunk("lo")
                        + HubStub.finishChunk()
                        + HubStub.DONE)));
        AifoChatModel model = openAiCompatibleModel();

        List<ChatResponse> responses =
                model.stream(new Prompt("hi")).collectList().block(Duration.ofSeconds(10));

        assertThat(responses).isNotEmpty();
        HubQuota streamed = responses.get(0).getMetadata().get(AifoMetadata.QUOTA);
        assertThat(streamed.bucket("tokens"))
                .contains(new QuotaBucket(1000, 10000, 9000, LAST_MINUTE_OF_2025.plusSeconds(360)));
        assertThat(tracker.lastKnown(model.getKeyFingerprint())).contains(streamed);
        assertThat(updates).hasSize(1);
    }
}
