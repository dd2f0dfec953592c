package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import reactor.test.StepVerifier;

class AifoChatModelRetryTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    // The retries' warnings, kept out of the build's output, and asserted on where they are the behaviour.
    @RegisterExtension
    final LogCapture retryLogs = LogCapture.of(HubRetry.class).at(Level.DEBUG);

    @Test
    void serverErrorThenSuccessSucceedsAfterExactlyTwoRequests() {
        firstThen(
                HubStub.json(500, HubStub.openAiError("خطای موقت", "server_error", null, null)),
                HubStub.json(200, HubStub.completion("دوباره سلام")));

        ChatResponse response =
                HubStub.model(hub).retryTemplate(HubStub.fastRetry(3)).build().call(new Prompt("سلام"));

        assertThat(response.getResult().getOutput().getText()).isEqualTo("دوباره سلام");
        assertThat(HubStub.requests(hub)).hasSize(2);
    }

    @Test
    void serverErrorForeverFailsAfterTheInitialRequestAndEachRetry() {
        HubStub.reply(hub, HubStub.json(503, HubStub.openAiError("در دسترس نیست", "server_error", null, null)));

        Throwable failure = catchThrowable(() ->
                HubStub.model(hub).retryTemplate(HubStub.fastRetry(2)).build().call(new Prompt("hi")));

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertThat(((AifoServerException) failure).getStatusCode()).isEqualTo(503);
        assertThat(((AifoServerException) failure).getHubError().message()).isEqualTo("در دسترس نیست");
        assertThat(HubStub.requests(hub)).hasSize(3);
    }

    @Test
    void refusedKeyIsNotRetried() {
        HubStub.reply(
                hub, HubStub.json(401, HubStub.openAiError("کلید API نامعتبر است", null, "invalid_api_key", null)));

        Throwable failure = catchThrowable(() ->
                HubStub.model(hub).retryTemplate(HubStub.fastRetry(3)).build().call(new Prompt("hi")));

        assertThat(failure).isInstanceOf(AifoAuthenticationException.class);
        assertThat(HubStub.requests(hub)).hasSize(1);
    }

    @Test
    void rejectedRequestIsNotRetried() {
        HubStub.reply(hub, HubStub.json(400, HubStub.openAiError("bad", "invalid_request_error", null, "messages")));

        Throwable failure = catchThrowable(() ->
                HubStub.model(hub).retryTemplate(HubStub.fastRetry(3)).build().call(new Prompt("hi")));

        assertThat(failure).isInstanceOf(AifoBadRequestException.class);
        assertThat(HubStub.requests(hub)).hasSize(1);
    }

    @Test
    void retryAfterLongerThanTheCapWaitsOnlyForTheCap() {
        firstThen(
                HubStub.json(429, HubStub.openAiError("slow down", "rate_limit_error", null, null))
                        .withHeader("Retry-After", "3600"),
                HubStub.json(200, HubStub.completion("ok")));
        AifoChatModel model = HubStub.model(hub)
                .retryTemplate(HubStub.fastRetry(2))
                .maxRetryAfter(Duration.ofMillis(50))
                .build();

        ChatResponse response = assertTimeoutPreemptively(TIMEOUT, () -> model.call(new Prompt("hi")));

        assertThat(response.getResult().getOutput().getText()).isEqualTo("ok");
        assertThat(HubStub.requests(hub)).hasSize(2);
    }

    @Test
    void retryAfterWithinTheCapIsWaitedForBeforeTheNextRequest() {
        firstThen(
                HubStub.json(429, HubStub.openAiError("slow down", "rate_limit_error", null, null))
                        .withHeader("Retry-After", "1"),
                HubStub.json(200, HubStub.completion("ok")));

        ChatResponse response =
                HubStub.model(hub).retryTemplate(HubStub.fastRetry(2)).build().call(new Prompt("hi"));

        assertThat(response.getResult().getOutput().getText()).isEqualTo("ok");
        List<LoggedRequest> requests = HubStub.requests(hub);
        assertThat(requests).hasSize(2);
        long waitedMillis = Math.abs(requests.get(1).getLoggedDate().getTime()
                - requests.get(0).getLoggedDate().getTime());
        assertThat(waitedMillis).isGreaterThanOrEqualTo(900);
    }

    @Test
    void streamServerErrorThenGoodStreamSucceedsAfterTwoRequests() {
        firstThen(
                HubStub.json(500, HubStub.openAiError("خطای موقت", "server_error", null, null)),
                HubStub.sse(HubStub.contentChunk("سلام") + HubStub.finishChunk() + HubStub.DONE));

        List<ChatResponse> responses = HubStub.model(hub).retryTemplate(HubStub.fastRetry(3)).build().stream(
                        new Prompt("hi"))
                .collectList()
                .block(TIMEOUT);

        assertThat(responses.get(0).getResult().getOutput().getText()).isEqualTo("سلام");
        assertThat(HubStub.requests(hub)).hasSize(2);
    }

    @Test
    void streamCutAfterContentIsNeverRetried() {
        HubStub.reply(hub, HubStub.sse(HubStub.contentChunk("سلام")));

        StepVerifier.create(HubStub.model(hub).retryTemplate(HubStub.fastRetry(3)).build().stream(new Prompt("hi")))
                .assertNext(response ->
                        assertThat(response.getResult().getOutput().getText()).isEqualTo("سلام"))
                .expectError(AifoServerException.class)
                .verify(TIMEOUT);
        assertThat(HubStub.requests(hub)).hasSize(1);
    }

    @Test
    void eachRetryIsOneWarnLineWithTheFailuresMessageAndItsStackOnlyAtDebug() {
        firstThen(
                HubStub.json(500, HubStub.openAiError("خطای موقت", "server_error", null, null)),
                HubStub.json(200, HubStub.completion("ok")));

        HubStub.model(hub).retryTemplate(HubStub.fastRetry(3)).build().call(new Prompt("hi"));

        List<ILoggingEvent> events = retryLogs.events();
        assertThat(events)
                .filteredOn(event -> event.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(warning -> {
                    assertThat(warning.getFormattedMessage())
                            .isEqualTo("Call attempt 1 to " + hub.baseUrl()
                                    + " failed, retrying in 5 ms: The hub failed to answer (HTTP 500): خطای موقت")
                            .doesNotContain("\n");
                    assertThat(warning.getThrowableProxy()).isNull();
                });
        assertThat(events)
                .filteredOn(event -> event.getLevel() == Level.DEBUG)
                .singleElement()
                .satisfies(debug -> assertThat(debug.getThrowableProxy().getClassName())
                        .isEqualTo(AifoServerException.class.getName()));
    }

    @Test
    void aRetryTemplatesListenerIsNotToldSoSpringAisStackTraceWarningsDoNotRepeatEachFailure() {
        firstThen(
                HubStub.json(500, HubStub.openAiError("خطای موقت", "server_error", null, null)),
                HubStub.json(200, HubStub.completion("ok")));
        RetryTemplate template = HubStub.fastRetry(3);
        List<Throwable> told = new CopyOnWriteArrayList<>();
        template.setRetryListener(new RetryListener() {
            @Override
            public void onRetryFailure(RetryPolicy policy, Retryable<?> retryable, Throwable failure) {
                told.add(failure);
            }

            @Override
            public void onRetryableExecution(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
                told.add(new IllegalStateException("execution"));
            }
        });

        HubStub.model(hub).retryTemplate(template).build().call(new Prompt("hi"));

        assertThat(HubStub.requests(hub)).hasSize(2);
        assertThat(told).isEmpty();
        assertThat(retryLogs.messages(Level.WARN)).hasSize(1);
    }

    /** The first request gets {@code first}, every later one {@code then}. */
    private static void firstThen(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        hub.stubFor(post(urlEqualTo(HubStub.PATH))
                .inScenario("retry")
                .whenScenarioStateIs(STARTED)
                .willReturn(first)
                .willSetStateTo("answered once"));
        hub.stubFor(post(urlEqualTo(HubStub.PATH))
                .inScenario("retry")
                .whenScenarioStateIs("answered once")
                .willReturn(then));
    }
}
