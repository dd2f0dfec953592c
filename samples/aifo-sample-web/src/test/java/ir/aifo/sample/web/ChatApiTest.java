package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ir.aifo.routing.AifoRouter;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorExtension;
import ir.aifo.test.AifoSimulatorProperties;
import ir.aifo.test.SimulatedFault;
import ir.aifo.testing.LogCapture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The chat API over real HTTP, its two hubs at the test's own simulator (myaihub in MyAIHub's dialect,
 * aifo in the OpenAI-compatible one): the events a page receives for a reply, a fallback, a follow-up,
 * and failures. A test that makes the route skip a hub for a while ends with its application.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            // This test runs its own simulator, so that it can spend, refuse and break each hub; no fallback one.
            "aifo.simulator.enabled=false",
            "spring.ai.retry.backoff.initial-interval=10ms"
        })
class ChatApiTest {

    @RegisterExtension
    static final AifoSimulatorExtension hub = new AifoSimulatorExtension();

    @RegisterExtension
    final LogCapture replyLog = LogCapture.of(ChatController.class);

    // The retries' and the route's warnings, kept out of the build's output.
    @RegisterExtension
    final LogCapture hubLog = LogCapture.of("ir.aifo.chat.HubRetry", AifoRouter.class);

    @DynamicPropertySource
    static void pointAtSimulator(DynamicPropertyRegistry registry) {
        AifoSimulatorProperties.registerHubs(registry, hub.simulator(), "myaihub", "aifo");
    }

    @LocalServerPort
    int port;

    private ChatApiClient api() {
        return new ChatApiClient(port);
    }

    @Test
    void theRoutesFirstHubAnswersAndTheMetaNamesItWithItsPlanAndMonthlyQuota() throws Exception {
        ChatApiClient.Reply reply = api().chat("سلام", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/event-stream");
        // MyAIHub does not stream: the whole answer comes as one piece.
        assertThat(reply.text()).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «سلام»");
        assertThat(reply.named(ChatController.ERROR)).isEmpty();
        ChatApiClient.Event meta = reply.last();
        assertThat(meta.name()).isEqualTo(ChatController.META);
        assertThat(meta.json().path("conversationId").asString()).isNotBlank();
        assertThat(meta.json().path("hub").asString()).isEqualTo("myaihub");
        assertThat(meta.json().path("simulated").asBoolean()).isFalse();
        assertThat(meta.json().path("route").asString()).isEqualTo("smart");
        assertThat(meta.json().path("fallbacks").isEmpty()).isTrue();
        assertThat(meta.json().path("model").asString()).isEqualTo("openai/gpt-5-mini");
        JsonNode quota = meta.json().path("quota");
        assertThat(quota.path("plan").asString()).isEqualTo("vip");
        assertThat(quota.path("period").asString())
                .isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        JsonNode openAi = quota.path("buckets").path("openai");
        assertThat(openAi.path("used").asLong()).isEqualTo(1);
        assertThat(openAi.path("limit").asLong()).isEqualTo(80);
        assertThat(openAi.path("remaining").asLong()).isEqualTo(79);
        assertThat(quota.path("buckets").path("openrouter").path("limit").asLong())
                .isEqualTo(750);
    }

    @Test
    @DirtiesContext // The route now skips MyAIHub's GPT bucket until the month turns.
    void whenMyAiHubsQuotaIsSpentAifoStreamsTheAnswerAndTheMetaSaysWhy(AifoHubSimulator simulator) throws Exception {
        simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);

        ChatApiClient.Reply first = api().chat("سلام", null);
        ChatApiClient.Reply second = api().chat("دوباره", null);

        assertThat(first.named(ChatController.DELTA)).hasSizeGreaterThan(1);
        assertThat(first.text()).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        JsonNode meta = first.last().json();
        assertThat(meta.path("hub").asString()).isEqualTo("aifo");
        JsonNode skipped = meta.path("fallbacks").get(0);
        assertThat(skipped.path("target").asString()).isEqualTo("myaihub:openai/gpt-5-mini");
        assertThat(skipped.path("reason").asString()).isEqualTo("quota spent");
        assertThat(skipped.path("detail").asString()).isEqualTo("the openai bucket is spent");
        // Sent once, and refused by MyAIHub; from then on the route knows and does not send it.
        assertThat(skipped.path("sent").asBoolean()).isTrue();
        assertThat(second.last().json().path("fallbacks").get(0).path("sent").asBoolean())
                .isFalse();
        assertThat(simulator.hub("myaihub").journal()).hasSize(1);
        JsonNode rateLimit = meta.path("rateLimit");
        assertThat(rateLimit.path("requestsLimit").asLong()).isEqualTo(500);
        assertThat(rateLimit.path("requestsRemaining").asLong()).isEqualTo(499);
        assertThat(rateLimit.path("requestsResetMillis").asLong()).isEqualTo(60_000);
        assertThat(rateLimit.path("tokensLimit").asLong()).isEqualTo(200_000);
        // A rate-limit window is not a monthly quota: the page shows it as a rate limit only.
        assertThat(meta.path("quota").isNull()).isTrue();
    }

    @Test
    void aFollowUpSendsTheEarlierExchangeToTheHub(AifoHubSimulator simulator) throws Exception {
        ChatApiClient.Reply first = api().chat("اسم من سارا است", null);
        String conversation = first.last().json().path("conversationId").asString();

        ChatApiClient.Reply second = api().chat("اسم من چیست؟", conversation);

        assertThat(second.text()).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «اسم من چیست؟»");
        assertThat(second.last().json().path("conversationId").asString()).isEqualTo(conversation);
        assertThat(simulator.hub("myaihub").journal().get(1).body())
                .contains("اسم من سارا است", "پاسخ شبیه‌ساز MyAIHub به «اسم من سارا است»", "اسم من چیست؟");
    }

    @Test
    void anUnknownConversationStartsAFreshOne(AifoHubSimulator simulator) throws Exception {
        api().chat("اسم من سارا است", null);

        ChatApiClient.Reply reply = api().chat("سلام", "made-up-by-the-client");

        assertThat(reply.last().json().path("conversationId").asString()).isNotEqualTo("made-up-by-the-client");
        assertThat(simulator.hub("myaihub").journal().get(1).body()).doesNotContain("سارا");
    }

    @Test
    @DirtiesContext // Failures in a row count towards a hub's cool-down.
    void whenEveryHubKeepsFailingTheErrorEventSaysSoForEach(AifoHubSimulator simulator) throws Exception {
        simulator.hub("myaihub").failNext(5, SimulatedFault.serverError());
        simulator.hub("aifo").failNext(5, SimulatedFault.serverError());

        ChatApiClient.Reply reply = api().chat("سلام", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.events()).hasSize(1);
        ChatApiClient.Event error = reply.last();
        assertThat(error.name()).isEqualTo(ChatController.ERROR);
        assertThat(error.json().path("kind").asString()).isEqualTo("unavailable");
        assertThat(error.json().path("status").asInt()).isEqualTo(500);
        assertThat(error.json().path("message").asString())
                .isEqualTo("No hub on the route smart could answer: myaihub failing, aifo failing."
                        + " Try again in a moment.");
        assertThat(error.json().path("hubMessage").isNull()).isTrue();
        // Each hub retried twice (spring.ai.retry.max-attempts=2) before the route moved on.
        assertThat(simulator.hub("myaihub").journal()).hasSize(3);
        assertThat(simulator.hub("aifo").journal()).hasSize(3);
        assertNothingInternalIn(reply);
        assertThat(loggedFailure(replyLog)).startsWith("Reply failed (unavailable): No target of route 'smart'");
    }

    @Test
    @DirtiesContext // The route now skips both hubs for a while.
    void aRefusedKeyIsNamedByItsVariableAndNeverShown(AifoHubSimulator simulator) throws Exception {
        simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);
        simulator.hub("aifo").rejectKey(AifoHubSimulator.DEFAULT_KEY);

        ChatApiClient.Reply reply = api().chat("سلام", null);

        ChatApiClient.Event error = reply.last();
        assertThat(error.name()).isEqualTo(ChatController.ERROR);
        assertThat(error.json().path("kind").asString()).isEqualTo("unavailable");
        assertThat(error.json().path("message").asString())
                .startsWith("No hub on the route smart could answer: myaihub quota spent, aifo key refused."
                        + " Try again after ")
                .endsWith(" UTC. Check AIFO_API_KEY.");
        // The first hub's own words, from the hub the message was sent to first.
        assertThat(error.json().path("hubMessage").asString()).isEqualTo("سقف ماهانه GPT/OpenAI شما تمام شده است.");
        assertThat(error.json()
                        .path("quota")
                        .path("buckets")
                        .path("openai")
                        .path("remaining")
                        .asLong())
                .isZero();
        // A refused key is not retried.
        assertThat(simulator.hub("aifo").journal()).hasSize(1);
        assertNothingInternalIn(reply);
        assertThat(loggedFailure(replyLog))
                .startsWith("Reply failed (unavailable): ")
                .doesNotContain(AifoHubSimulator.DEFAULT_KEY);
    }

    @Test
    @DirtiesContext // The route now skips both hubs for a while.
    void aRateLimitedHubSaysWhenToTryAgain(AifoHubSimulator simulator) throws Exception {
        simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);
        simulator.hub("aifo").failNext(5, SimulatedFault.rateLimited(Duration.ofSeconds(1)));

        ChatApiClient.Reply reply = api().chat("سلام", null);

        ChatApiClient.Event error = reply.last();
        assertThat(error.json().path("kind").asString()).isEqualTo("unavailable");
        assertThat(error.json().path("message").asString())
                .isEqualTo("No hub on the route smart could answer: myaihub quota spent, aifo rate limited."
                        + " Try again in 1 s.");
        assertNothingInternalIn(reply);
        assertThat(loggedFailure(replyLog)).startsWith("Reply failed (unavailable): ");
    }

    @Test
    void aClientThatAsksForJsonGetsTheWholeReplyAndCanFollowUp(AifoHubSimulator simulator) throws Exception {
        HttpResponse<String> first = api().chatWhole("اسم من سارا است", null);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode reply = ChatApiClient.json(first.body());
        assertThat(reply.path("text").asString()).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «اسم من سارا است»");
        JsonNode meta = reply.path("meta");
        assertThat(meta.path("hub").asString()).isEqualTo("myaihub");
        assertThat(meta.path("route").asString()).isEqualTo("smart");
        assertThat(meta.path("model").asString()).isEqualTo("openai/gpt-5-mini");
        assertThat(meta.path("quota")
                        .path("buckets")
                        .path("openai")
                        .path("used")
                        .asLong())
                .isEqualTo(1);

        HttpResponse<String> second =
                api().chatWhole("اسم من چیست؟", meta.path("conversationId").asString());

        assertThat(ChatApiClient.json(second.body())
                        .path("meta")
                        .path("conversationId")
                        .asString())
                .isEqualTo(meta.path("conversationId").asString());
        assertThat(simulator.hub("myaihub").journal().get(1).body()).contains("اسم من سارا است", "اسم من چیست؟");
    }

    @Test
    @DirtiesContext // Failures in a row count towards a hub's cool-down.
    void aReplyAskedForWholeThatNoHubCanGiveIsABadGatewayWithTheFailure(AifoHubSimulator simulator) throws Exception {
        simulator.hub("myaihub").failNext(5, SimulatedFault.serverError());
        simulator.hub("aifo").failNext(5, SimulatedFault.serverError());

        HttpResponse<String> response = api().chatWhole("سلام", null);

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode failure = ChatApiClient.json(response.body());
        assertThat(failure.path("kind").asString()).isEqualTo("unavailable");
        assertThat(failure.path("message").asString())
                .startsWith("No hub on the route smart could answer: myaihub failing, aifo failing.");
        assertThat(response.body()).doesNotContain(AifoHubSimulator.DEFAULT_KEY, "Exception", "ir.aifo.");
        assertThat(loggedFailure(replyLog)).startsWith("Reply failed (unavailable): ");
    }

    @Test
    void anEmptyMessageAskedForWholeIsABadRequest(AifoHubSimulator simulator) throws Exception {
        HttpResponse<String> response = api().chatWhole("  ", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ChatApiClient.json(response.body()).path("message").asString())
                .isEqualTo("Type a message first.");
        assertThat(simulator.hubs())
                .allSatisfy(each -> assertThat(each.journal()).isEmpty());
    }

    @Test
    void aClientThatNamesNoTypeGetsTheStream() throws Exception {
        ChatApiClient.Reply reply = api().chat("سلام", null, null);

        assertThat(reply.contentType()).startsWith("text/event-stream");
        assertThat(reply.last().name()).isEqualTo(ChatController.META);
    }

    @Test
    void anEmptyMessageIsRefusedWithoutCallingAHub(AifoHubSimulator simulator) throws Exception {
        ChatApiClient.Reply reply = api().chat("   ", null);

        assertThat(reply.events()).hasSize(1);
        assertThat(reply.last().name()).isEqualTo(ChatController.ERROR);
        assertThat(reply.last().json().path("message").asString()).isEqualTo("Type a message first.");
        assertThat(simulator.hubs())
                .allSatisfy(each -> assertThat(each.journal()).isEmpty());
    }

    @Test
    void theHubsEndpointListsTheHubsAndTheRouteButNoKey(AifoHubSimulator simulator) throws Exception {
        api().chat("سلام", null);

        HttpResponse<String> response = api().get("/api/hubs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode hubs = ChatApiClient.json(response.body());
        assertThat(hubs.path("simulator").asBoolean()).isFalse();
        assertThat(hubs.path("defaultRoute").asString()).isEqualTo("smart");
        JsonNode myAiHub = hubs.path("hubs").get(0);
        assertThat(myAiHub.path("name").asString()).isEqualTo("myaihub");
        assertThat(myAiHub.path("protocol").asString()).isEqualTo("myaihub");
        assertThat(myAiHub.path("baseUrl").asString())
                .isEqualTo(simulator.hub("myaihub").baseUrl());
        assertThat(myAiHub.path("simulated").asBoolean()).isFalse();
        assertThat(myAiHub.path("quota").path("plan").asString()).isEqualTo("vip");
        assertThat(myAiHub.path("quota")
                        .path("buckets")
                        .path("openai")
                        .path("used")
                        .asLong())
                .isEqualTo(1);
        assertThat(myAiHub.path("coolDown").isNull()).isTrue();
        JsonNode aifo = hubs.path("hubs").get(1);
        assertThat(aifo.path("name").asString()).isEqualTo("aifo");
        assertThat(aifo.path("protocol").asString()).isEqualTo("openai");
        // Nothing asked of aifo yet; it shares the simulator's key with myaihub, but not MyAIHub's buckets.
        assertThat(aifo.path("quota").isNull()).isTrue();
        JsonNode route = hubs.path("routes").get(0);
        assertThat(route.path("name").asString()).isEqualTo("smart");
        assertThat(route.path("targets").findValuesAsString("target"))
                .containsExactly("myaihub:openai/gpt-5-mini", "aifo:openai/gpt-5-mini");
        assertThat(response.body()).doesNotContain(AifoHubSimulator.DEFAULT_KEY);
    }

    @Test
    void thePageIsServed() throws Exception {
        HttpResponse<String> page = api().get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"question\"", "id=\"send\"", "id=\"banner\"", "id=\"hubs\"", "app.js");
    }

    /** The one line the server logs for a failed reply: a warning, without a stack trace. */
    static String loggedFailure(LogCapture replyLog) {
        assertThat(replyLog.events()).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getThrowableProxy()).isNull();
        });
        return replyLog.events().get(0).getFormattedMessage();
    }

    static void assertNothingInternalIn(ChatApiClient.Reply reply) {
        assertThat(reply.body())
                .doesNotContain(AifoHubSimulator.DEFAULT_KEY)
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("ir.aifo.");
    }
}
