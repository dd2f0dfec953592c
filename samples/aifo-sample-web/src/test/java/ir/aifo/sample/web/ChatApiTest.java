package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorExtension;
import ir.aifo.test.AifoSimulatorProperties;
import ir.aifo.test.SimulatedFault;
import ir.aifo.testing.LogCapture;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The chat API over real HTTP against the hub simulator in the OpenAI-compatible dialect (AiFO,
 * TokenHub): the events a page receives for a reply, a follow-up, and failures.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            // This test runs its own simulator, so that it can inject faults; no fallback one.
            "aifo.simulator.enabled=false",
            "spring.ai.aifo.protocol=openai",
            "spring.ai.aifo.chat.model=openai/gpt-5-mini",
            "spring.ai.retry.backoff.initial-interval=10ms"
        })
class ChatApiTest {

    @RegisterExtension
    static final AifoSimulatorExtension hub = new AifoSimulatorExtension();

    @RegisterExtension
    final LogCapture replyLog = LogCapture.of(ChatController.class);

    // The retries' warnings, kept out of the build's output.
    @RegisterExtension
    final LogCapture retries = LogCapture.of("ir.aifo.chat.HubRetry");

    @DynamicPropertySource
    static void pointAtSimulator(DynamicPropertyRegistry registry) {
        AifoSimulatorProperties.register(registry, hub.simulator());
    }

    @LocalServerPort
    int port;

    private ChatApiClient api() {
        return new ChatApiClient(port);
    }

    @Test
    void streamsTheAnswerInPiecesThenTheModelAndRateLimits() throws Exception {
        ChatApiClient.Reply reply = api().chat("سلام", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/event-stream");
        assertThat(reply.named(ChatController.DELTA)).hasSizeGreaterThan(1);
        assertThat(reply.text()).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        assertThat(reply.named(ChatController.ERROR)).isEmpty();

        ChatApiClient.Event meta = reply.last();
        assertThat(meta.name()).isEqualTo(ChatController.META);
        assertThat(meta.json().path("model").asString()).isEqualTo("openai/gpt-5-mini");
        assertThat(meta.json().path("conversationId").asString()).isNotBlank();
        JsonNode rateLimit = meta.json().path("rateLimit");
        assertThat(rateLimit.path("requestsLimit").asLong()).isEqualTo(500);
        assertThat(rateLimit.path("requestsRemaining").asLong()).isEqualTo(499);
        assertThat(rateLimit.path("requestsResetMillis").asLong()).isEqualTo(60_000);
        assertThat(rateLimit.path("tokensLimit").asLong()).isEqualTo(200_000);
        assertThat(rateLimit.path("tokensRemaining").asLong()).isBetween(1L, 199_999L);
        // A rate-limit window is not a monthly quota: the page shows it as a rate limit only.
        assertThat(meta.json().path("quota").isNull()).isTrue();
    }

    @Test
    void aFollowUpSendsTheEarlierExchangeToTheHub(AifoHubSimulator simulator) throws Exception {
        ChatApiClient.Reply first = api().chat("اسم من سارا است", null);
        String conversation = first.last().json().path("conversationId").asString();

        ChatApiClient.Reply second = api().chat("اسم من چیست؟", conversation);

        assertThat(second.text()).isEqualTo("پاسخ شبیه‌ساز به «اسم من چیست؟»");
        assertThat(second.last().json().path("conversationId").asString()).isEqualTo(conversation);
        JsonNode messages =
                ChatApiClient.json(simulator.journal().get(1).body()).path("messages");
        assertThat(messages.size()).isEqualTo(3);
        assertThat(messages.get(0).path("content").asString()).isEqualTo("اسم من سارا است");
        assertThat(messages.get(1).path("role").asString()).isEqualTo("assistant");
        assertThat(messages.get(1).path("content").asString()).isEqualTo("پاسخ شبیه‌ساز به «اسم من سارا است»");
        assertThat(messages.get(2).path("content").asString()).isEqualTo("اسم من چیست؟");
    }

    @Test
    void anUnknownConversationStartsAFreshOne(AifoHubSimulator simulator) throws Exception {
        ChatApiClient.Reply reply = api().chat("سلام", "made-up-by-the-client");

        assertThat(reply.last().json().path("conversationId").asString()).isNotEqualTo("made-up-by-the-client");
        assertThat(ChatApiClient.json(simulator.journal().get(0).body())
                        .path("messages")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void aHubThatKeepsFailingGivesAReadableErrorEvent(AifoHubSimulator simulator) throws Exception {
        simulator.failNext(5, SimulatedFault.serverError());

        ChatApiClient.Reply reply = api().chat("سلام", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.events()).hasSize(1);
        ChatApiClient.Event error = reply.last();
        assertThat(error.name()).isEqualTo(ChatController.ERROR);
        assertThat(error.json().path("kind").asString()).isEqualTo("hub");
        assertThat(error.json().path("status").asInt()).isEqualTo(500);
        assertThat(error.json().path("message").asString())
                .isEqualTo(
                        "The hub had a problem answering and did not recover after retrying. Try again in a moment.");
        assertThat(simulator.journal()).hasSizeBetween(2, 5);
        assertNothingInternalIn(reply);
        assertThat(loggedFailure(replyLog)).startsWith("Reply failed (hub): ").contains("HTTP 500");
    }

    @Test
    void aRejectedKeyGivesAnErrorEventThatNeverShowsTheKey(AifoHubSimulator simulator) throws Exception {
        simulator.rejectKey(AifoHubSimulator.DEFAULT_KEY);

        ChatApiClient.Reply reply = api().chat("سلام", null);

        ChatApiClient.Event error = reply.last();
        assertThat(error.name()).isEqualTo(ChatController.ERROR);
        assertThat(error.json().path("kind").asString()).isEqualTo("auth");
        assertThat(error.json().path("status").asInt()).isEqualTo(401);
        assertThat(error.json().path("message").asString()).contains("did not accept the API key");
        assertThat(error.json().path("hubMessage").asString()).isEqualTo("Incorrect API key provided.");
        // A non-transient failure is not retried.
        assertThat(simulator.journal()).hasSize(1);
        assertNothingInternalIn(reply);
        assertThat(loggedFailure(replyLog))
                .startsWith("Reply failed (auth): ")
                .doesNotContain(AifoHubSimulator.DEFAULT_KEY);
    }

    @Test
    void aRateLimitedHubSaysWhenToTryAgain(AifoHubSimulator simulator) throws Exception {
        simulator.failNext(5, SimulatedFault.rateLimited(Duration.ofSeconds(1)));

        ChatApiClient.Reply reply = api().chat("سلام", null);

        ChatApiClient.Event error = reply.last();
        assertThat(error.json().path("kind").asString()).isEqualTo("rate-limit");
        assertThat(error.json().path("status").asInt()).isEqualTo(429);
        assertThat(error.json().path("message").asString())
                .isEqualTo("The hub is receiving too many requests. Try again in 1 s.");
        assertNothingInternalIn(reply);
        assertThat(loggedFailure(replyLog)).startsWith("Reply failed (rate-limit): ");
    }

    @Test
    void anEmptyMessageIsRefusedWithoutCallingTheHub(AifoHubSimulator simulator) throws Exception {
        ChatApiClient.Reply reply = api().chat("   ", null);

        assertThat(reply.events()).hasSize(1);
        assertThat(reply.last().name()).isEqualTo(ChatController.ERROR);
        assertThat(reply.last().json().path("message").asString()).isEqualTo("Type a message first.");
        assertThat(simulator.journal()).isEmpty();
    }

    @Test
    void theHubEndpointNamesTheHubButNotTheKey(AifoHubSimulator simulator) throws Exception {
        HttpResponse<String> response = api().get("/api/hub");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode hubInfo = ChatApiClient.json(response.body());
        assertThat(hubInfo.path("simulator").asBoolean()).isFalse();
        assertThat(hubInfo.path("baseUrl").asString()).isEqualTo(simulator.baseUrl());
        assertThat(hubInfo.path("protocol").asString()).isEqualTo("openai");
        assertThat(hubInfo.path("model").asString()).isEqualTo("openai/gpt-5-mini");
        assertThat(response.body()).doesNotContain(AifoHubSimulator.DEFAULT_KEY);
    }

    @Test
    void thePageIsServed() throws Exception {
        HttpResponse<String> page = api().get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"question\"", "id=\"send\"", "id=\"banner\"", "app.js");
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
