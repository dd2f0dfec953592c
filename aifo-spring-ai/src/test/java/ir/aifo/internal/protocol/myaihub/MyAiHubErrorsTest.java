package ir.aifo.internal.protocol.myaihub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.API_KEY;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.DECEMBER_20;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.EMPTY_FIELDS;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.EMPTY_FIELDS_MESSAGE;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.GPT_QUOTA_MESSAGE;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.GPT_QUOTA_SPENT;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.LICENCE_INVALID;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.LICENCE_MESSAGE;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.NOT_IN_PLAN;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.NOT_IN_PLAN_MESSAGE;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.OPENROUTER_QUOTA_MESSAGE;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.OPENROUTER_QUOTA_SPENT;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.PATH;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.reply;
import static ir.aifo.internal.protocol.myaihub.MyAiHubExamples.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.HubStub;
import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoException;
import ir.aifo.chat.error.AifoModelNotInPlanException;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.testing.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import reactor.test.StepVerifier;

/**
 * MyAIHub's five documented error bodies, whatever status they come with, and the replies that are
 * not MyAIHub JSON at all. The retry template allows retries, so "one request" shows that the
 * documented errors are final.
 */
class MyAiHubErrorsTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The retries' warnings, kept out of the build's output.
    @RegisterExtension
    final LogCapture retries = LogCapture.of("ir.aifo.chat.HubRetry");

    private final Clock december20 = Clock.fixed(DECEMBER_20, ZoneOffset.UTC);

    private AifoChatModel model() {
        return MyAiHubExamples.model(hub, december20)
                .retryTemplate(HubStub.fastRetry(3))
                .build();
    }

    private Throwable callFailure() {
        return catchThrowable(() -> model().call(new Prompt("سلام")));
    }

    // ---- the five documented bodies ----

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {200, 401, 403})
    void invalidLicenceIsAnAuthenticationError(int status) {
        reply(hub, status, LICENCE_INVALID);

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoAuthenticationException.class);
        assertDocumentedError(failure, status, LICENCE_MESSAGE, "licence");
        assertThat(((AifoException) failure).getHubError().message())
                .contains("License key is not active or does not exist.");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {200, 402, 403})
    void modelNotInPlanNamesThePlan(int status) {
        reply(hub, status, NOT_IN_PLAN);

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoModelNotInPlanException.class);
        assertDocumentedError(failure, status, NOT_IN_PLAN_MESSAGE, "plan");
        assertThat(((AifoModelNotInPlanException) failure).getPlan()).isEqualTo("pro");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {200, 403, 429})
    void spentOpenRouterQuotaCarriesTheProviderAndTheReportedFigures(int status) {
        reply(hub, status, OPENROUTER_QUOTA_SPENT);

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoQuotaExceededException.class);
        assertDocumentedError(failure, status, OPENROUTER_QUOTA_MESSAGE, "quota");
        AifoQuotaExceededException spent = (AifoQuotaExceededException) failure;
        assertThat(spent.getProvider()).isEqualTo("openrouter");
        HubQuota quota = spent.getQuota().orElseThrow();
        assertThat(quota.plan()).isEqualTo("pro");
        assertThat(quota.period()).isEqualTo(YearMonth.of(2025, 12));
        assertThat(new QuotaBucket(quota.used(), quota.limit(), quota.remaining()))
                .isEqualTo(new QuotaBucket(750, 750, 0));
        assertThat(spent.getBucket()).contains(new QuotaBucket(750, 750, 0));
        assertThat(failure.getMessage()).contains("OpenRouter").contains("750 of 750");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {200, 403, 429})
    void spentGptQuotaCarriesTheProviderAndTheReportedBucket(int status) {
        reply(hub, status, GPT_QUOTA_SPENT);

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoQuotaExceededException.class);
        assertDocumentedError(failure, status, GPT_QUOTA_MESSAGE, "quota");
        AifoQuotaExceededException spent = (AifoQuotaExceededException) failure;
        assertThat(spent.getProvider()).isEqualTo("openai");
        assertThat(spent.getBucket()).contains(new QuotaBucket(80, 80, 0));
        HubQuota quota = spent.getQuota().orElseThrow();
        assertThat(quota.plan()).isEqualTo("vip");
        // The body names no period: the hub counts the running month, which the clock says is 2025-12.
        assertThat(quota.period()).isEqualTo(YearMonth.of(2025, 12));
        assertThat(failure.getMessage()).contains("GPT/OpenAI").contains("80 of 80");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {200, 400, 422})
    void emptyRequiredFieldsAreABadRequest(int status) {
        reply(hub, status, EMPTY_FIELDS);

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoBadRequestException.class);
        assertDocumentedError(failure, status, EMPTY_FIELDS_MESSAGE, "empty");
    }

    @Test
    void invalidLicenceMessageNamesThePropertyThatHoldsTheKeyAndTheHubsHost() {
        reply(hub, 200, LICENCE_INVALID);

        Throwable failure = callFailure();

        assertThat(failure)
                .isInstanceOf(AifoAuthenticationException.class)
                .hasMessage("The hub at localhost:" + hub.getPort() + " refused the licence key: it is invalid or not"
                        + " active; check spring.ai.aifo.api-key (HTTP 200): " + LICENCE_MESSAGE
                        + " (License key is not active or does not exist.)");
    }

    @Test
    void modelNotInPlanMessageNamesTheModelAskedFor() {
        reply(hub, 200, NOT_IN_PLAN);

        Throwable failure = callFailure();

        assertThat(failure)
                .isInstanceOf(AifoModelNotInPlanException.class)
                .hasMessage("The model openai/gpt-5.2 is not part of the key's MyAIHub plan (PRO); choose another"
                        + " model or upgrade the plan (HTTP 200): " + NOT_IN_PLAN_MESSAGE);
    }

    static Stream<Arguments> documentedErrors() {
        return Stream.of(
                Arguments.of(LICENCE_INVALID, AifoAuthenticationException.class),
                Arguments.of(NOT_IN_PLAN, AifoModelNotInPlanException.class),
                Arguments.of(OPENROUTER_QUOTA_SPENT, AifoQuotaExceededException.class),
                Arguments.of(GPT_QUOTA_SPENT, AifoQuotaExceededException.class),
                Arguments.of(EMPTY_FIELDS, AifoBadRequestException.class));
    }

    @ParameterizedTest
    @MethodSource("documentedErrors")
    void documentedErrorEndsAStreamTooWithOneRequest(String body, Class<? extends Throwable> type) {
        reply(hub, 200, body);

        StepVerifier.create(model().stream(new Prompt("سلام")))
                .expectError(type)
                .verify(Duration.ofSeconds(10));

        assertThat(requests(hub)).hasSize(1);
    }

    @Test
    void chatClientSeesTheTypedErrorWithThePersianMessage() {
        reply(hub, 200, NOT_IN_PLAN);

        Throwable failure = catchThrowable(
                () -> ChatClient.create(model()).prompt().user("سلام").call().content());

        assertThat(failure).isInstanceOf(AifoModelNotInPlanException.class).hasMessageContaining(NOT_IN_PLAN_MESSAGE);
        assertThat(requests(hub)).hasSize(1);
    }

    // ---- replies that are not MyAIHub's JSON ----

    @Test
    void htmlErrorPageIsATransientServerErrorNamingThePage() {
        hub.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(502)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><head><title>502 Bad Gateway</title></head>"
                                + "<body><center><h1>502 Bad Gateway</h1></center><hr>nginx</body></html>")));

        Throwable failure = callFailure();

        assertThat(failure)
                .isInstanceOf(AifoServerException.class)
                .isInstanceOf(TransientAiException.class)
                .hasMessageContaining("502 Bad Gateway");
        assertThat(((AifoException) failure).getStatusCode()).isEqualTo(502);
        assertThat(failure.getMessage()).doesNotContain("<html>");
        // Transient: the template's three retries were used.
        assertThat(requests(hub)).hasSize(4);
    }

    @Test
    void garbageWithStatus200IsAServerErrorNotAnEmptyReply() {
        reply(hub, 200, "Warning: mysqli_connect(): Too many connections in chat_v3.php on line 12");

        Throwable failure = catchThrowable(
                () -> MyAiHubExamples.model(hub, december20).build().call(new Prompt("سلام")));

        assertThat(failure)
                .isInstanceOf(AifoServerException.class)
                .hasMessageContaining("not its JSON reply")
                .hasMessageContaining("Too many connections");
        assertThat(((AifoException) failure).getStatusCode()).isEqualTo(200);
    }

    @Test
    void successWithoutReplyTextIsAServerErrorNotAnEmptyReply() {
        reply(hub, 200, """
                {"error": false, "model": "openai/gpt-5.2", "source": "openai", "plan": "vip"}
                """);

        Throwable failure = catchThrowable(
                () -> MyAiHubExamples.model(hub, december20).build().call(new Prompt("سلام")));

        assertThat(failure).isInstanceOf(AifoServerException.class).hasMessageContaining("'reply'");
    }

    @Test
    void undocumentedJsonErrorWith429IsARateLimitThatHonoursRetryAfter() {
        hub.stubFor(
                post(urlEqualTo(PATH)).willReturn(MyAiHubExamples.json(429, """
                                {"error": true, "message": "درخواست‌ها بیش از حد سریع است."}
                                """).withHeader("Retry-After", "7")));

        Throwable failure = catchThrowable(
                () -> MyAiHubExamples.model(hub, december20).build().call(new Prompt("سلام")));

        assertThat(failure)
                .isInstanceOf(AifoRateLimitException.class)
                .hasMessageContaining("درخواست‌ها بیش از حد سریع است.");
        assertThat(((AifoRateLimitException) failure).getRetryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void missingEndpointKeepsTheTextOfAJsonBodyOutsideTheDocument() {
        // What a Spring Boot server answers for a path it does not serve: JSON, but no "message".
        String body = "{\"status\":404,\"error\":\"Not Found\",\"path\":\"/api/chat_v3.php\"}";
        hub.stubFor(post(urlEqualTo(PATH)).willReturn(MyAiHubExamples.json(404, body)));

        Throwable failure = callFailure();

        assertThat(failure)
                .isInstanceOf(AifoBadRequestException.class)
                .hasMessage("The hub found nothing at POST http://localhost:" + hub.getPort()
                        + "/api/chat_v3.php; check spring.ai.aifo.base-url and spring.ai.aifo.chat.completions-path"
                        + " (HTTP 404): " + body);
        assertThat(((AifoException) failure).getHubError().message()).isEqualTo(body);
    }

    @Test
    void undocumentedErrorKeepsItsTextWhateverItsFieldIsCalled() {
        reply(hub, 200, "{\"error\": true, \"msg\": \"سرویس موقتاً در دسترس نیست\"}");

        Throwable failure = callFailure();

        assertThat(failure)
                .isInstanceOf(AifoBadRequestException.class)
                .hasMessage(
                        "MyAIHub reported an error (HTTP 200): {\"error\": true, \"msg\": \"سرویس موقتاً در دسترس نیست\"}");
    }

    // ---- the key stays secret ----

    @ParameterizedTest
    @MethodSource("documentedErrors")
    void keyIsInNoExceptionTextOfADocumentedError(String body, Class<? extends Throwable> type) {
        reply(hub, 200, body);

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(type);
        assertThat(HubStub.stackTraceOf(failure)).doesNotContain(API_KEY);
        assertThat(((AifoException) failure).getHubError().toString()).doesNotContain(API_KEY);
    }

    @Test
    void keyEchoedByTheHubInItsMessageIsMasked() {
        reply(hub, 200, """
                {"error": true,
                 "message": "License key %s نامعتبر است یا فعال نیست.",
                 "details": "License key %s is not active or does not exist."}
                """.formatted(API_KEY, API_KEY));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoAuthenticationException.class);
        assertNoKeyIn(failure);
        assertThat(failure.getMessage()).contains("نامعتبر است یا فعال نیست.");
    }

    @Test
    void keyEchoedInAQuotaErrorIsMasked() {
        reply(hub, 429, GPT_QUOTA_SPENT.replace(GPT_QUOTA_MESSAGE, GPT_QUOTA_MESSAGE + " (" + API_KEY + ")"));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoQuotaExceededException.class);
        assertNoKeyIn(failure);
    }

    @Test
    void keyEchoedInAnHtmlPageIsMasked() {
        hub.stubFor(post(urlEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html><head><title>Fatal error for key " + API_KEY
                                + "</title></head><body>boom</body></html>")));

        Throwable failure = catchThrowable(
                () -> MyAiHubExamples.model(hub, december20).build().call(new Prompt("سلام")));

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertNoKeyIn(failure);
    }

    @Test
    void keyEchoedWhereALongBodyIsCutShortIsNotLeakedInPart() {
        // The key straddles the point where the body is cut for the message: its first half would survive.
        String filler = "x".repeat(200 - API_KEY.length() / 2);
        reply(hub, 200, "Fatal: " + filler.substring(7) + API_KEY + " and more text after it");

        Throwable failure = catchThrowable(
                () -> MyAiHubExamples.model(hub, december20).build().call(new Prompt("سلام")));

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertNoKeyIn(failure);
        assertThat(HubStub.stackTraceOf(failure)).doesNotContain(API_KEY.substring(0, API_KEY.length() / 2));
    }

    private static void assertNoKeyIn(Throwable failure) {
        assertThat(HubStub.stackTraceOf(failure)).doesNotContain(API_KEY);
        assertThat(failure.toString()).doesNotContain(API_KEY);
        assertThat(((AifoException) failure).getHubError().toString()).doesNotContain(API_KEY);
    }

    /**
     * A documented error: final (one request, non-transient), its status kept, the hub's Persian
     * message byte for byte, led by an English summary about {@code topic}.
     */
    private static void assertDocumentedError(Throwable failure, int status, String persian, String topic) {
        assertThat(failure).isInstanceOf(NonTransientAiException.class).isInstanceOf(AifoException.class);
        AifoException error = (AifoException) failure;
        assertThat(error.getStatusCode()).isEqualTo(status);
        assertThat(error.getHubError().message()).startsWith(persian);
        assertThat(failure.getMessage()).contains(persian);
        String summary = failure.getMessage().substring(0, failure.getMessage().indexOf(persian));
        assertThat(summary)
                .as("the English summary before the hub's message")
                .matches("\\p{ASCII}+")
                .containsIgnoringCase(topic);
        assertThat(requests(hub)).as("requests sent").hasSize(1);
    }
}
