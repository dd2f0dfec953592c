package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoException;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.testing.LogCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.prompt.Prompt;

/** How each kind of failed reply reaches the caller of a blocking call; retries are off so one reply is one call. */
class AifoChatModelErrorsTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The retries' warnings, kept out of the build's output.
    @RegisterExtension
    final LogCapture retries = LogCapture.of(HubRetry.class);

    private static final String PERSIAN_MESSAGE = "کلید API نامعتبر است";

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedKeyIsAnAuthenticationErrorWithTheHubsOwnFields(int status) {
        HubStub.reply(
                hub,
                HubStub.json(
                        status,
                        HubStub.openAiError(PERSIAN_MESSAGE, "invalid_request_error", "invalid_api_key", null)));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoAuthenticationException.class);
        assertHubError(failure, status, PERSIAN_MESSAGE);
        AifoException error = (AifoException) failure;
        assertThat(error.getHubError().code()).isEqualTo("invalid_api_key");
        assertThat(error.getHubError().type()).isEqualTo("invalid_request_error");
        assertThat(error.getHubError().param()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 422})
    void rejectedRequestIsABadRequestErrorNamingTheParam(int status) {
        String message = "مقدار temperature نامعتبر است";
        HubStub.reply(
                hub,
                HubStub.json(
                        status, HubStub.openAiError(message, "invalid_request_error", "invalid_value", "temperature")));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoBadRequestException.class);
        assertHubError(failure, status, message);
        AifoException error = (AifoException) failure;
        assertThat(error.getHubError().code()).isEqualTo("invalid_value");
        assertThat(error.getHubError().type()).isEqualTo("invalid_request_error");
        assertThat(error.getHubError().param()).isEqualTo("temperature");
        assertThat(failure.getMessage()).contains("param temperature");
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void refusedKeyMessageNamesThePropertyThatHoldsTheKeyAndTheHubsHost(int status) {
        HubStub.reply(
                hub,
                HubStub.json(
                        status,
                        HubStub.openAiError(
                                "Incorrect API key provided.", "invalid_request_error", "invalid_api_key", null)));

        Throwable failure = callFailure();

        assertThat(failure)
                .isInstanceOf(AifoAuthenticationException.class)
                .hasMessage("The hub at localhost:" + hub.getPort()
                        + " refused the API key; check spring.ai.aifo.api-key (HTTP " + status
                        + ", code invalid_api_key): Incorrect API key provided.");
        assertNoKey(failure);
    }

    @Test
    void missingEndpointMessageNamesTheUrlCalledAndThePropertiesThatMakeIt() {
        HubStub.reply(
                hub,
                aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "text/plain")
                        .withBody("Not Found"));

        Throwable failure = callFailure();

        assertThat(failure)
                .isInstanceOf(AifoBadRequestException.class)
                .hasMessage("The hub found nothing at POST http://localhost:" + hub.getPort()
                        + "/v1/chat/completions; check spring.ai.aifo.base-url and"
                        + " spring.ai.aifo.chat.completions-path (HTTP 404): (not a JSON error body but text/plain)"
                        + " Not Found");
    }

    @Test
    void missingEndpointMessageLeavesOutTheUrlsQuery() {
        hub.stubFor(post(urlPathEqualTo(HubStub.PATH))
                .willReturn(aResponse().withStatus(404).withBody("")));

        Throwable failure = catchThrowable(() -> HubStub.model(HubStub.connection(hub)
                        // User info in the base URL is refused when the model is built (AifoChatModelBaseUrlTest).
                        .completionsPath(HubStub.PATH + "?token=t0ken"))
                .retryTemplate(HubStub.fastRetry(0))
                .build()
                .call(new Prompt("hi")));

        assertThat(failure)
                .isInstanceOf(AifoBadRequestException.class)
                .hasMessage("The hub found nothing at POST http://localhost:" + hub.getPort()
                        + "/v1/chat/completions; check spring.ai.aifo.base-url and"
                        + " spring.ai.aifo.chat.completions-path (HTTP 404)");
    }

    @Test
    void blankCodeAndParamAreLeftOutOfTheMessage() {
        // TokenHub sends every field of its error body, empty when it has nothing to say.
        HubStub.reply(
                hub,
                HubStub.json(
                        400,
                        "{\"error\":{\"message\":\"Invalid value for 'temperature'\",\"type\":\"invalid_request_error\","
                                + "\"param\":\"\",\"code\":\" \"}}"));

        Throwable failure = callFailure();

        assertThat(failure)
                .isInstanceOf(AifoBadRequestException.class)
                .hasMessage("The hub rejected the request (HTTP 400): Invalid value for 'temperature'");
    }

    @Test
    void rateLimitCarriesRetryAfterInSeconds() {
        String message = "تعداد درخواست‌ها از حد مجاز گذشته است";
        HubStub.reply(
                hub,
                HubStub.json(429, HubStub.openAiError(message, "rate_limit_error", "rate_limit_exceeded", null))
                        .withHeader("Retry-After", "7"));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoRateLimitException.class);
        assertHubError(failure, 429, message);
        assertThat(((AifoRateLimitException) failure).getRetryAfter()).contains(Duration.ofSeconds(7));
        assertThat(((AifoException) failure).getHubError().code()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void rateLimitCarriesRetryAfterGivenAsAnHttpDate() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        String in30Seconds =
                DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atZone(ZoneOffset.UTC));
        HubStub.reply(
                hub,
                HubStub.json(429, HubStub.openAiError("slow down", "rate_limit_error", null, null))
                        .withHeader("Retry-After", in30Seconds));

        Throwable failure = catchThrowable(() -> HubStub.model(hub)
                .retryTemplate(HubStub.fastRetry(0))
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build()
                .call(new Prompt("hi")));

        assertThat(failure).isInstanceOf(AifoRateLimitException.class);
        assertThat(((AifoRateLimitException) failure).getRetryAfter()).contains(Duration.ofSeconds(30));
        assertThat(((AifoException) failure).getStatusCode()).isEqualTo(429);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void hubFailureIsAServerError(int status) {
        String message = "سرور موقتاً در دسترس نیست";
        HubStub.reply(hub, HubStub.json(status, HubStub.openAiError(message, "server_error", null, null)));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertHubError(failure, status, message);
        assertThat(((AifoException) failure).getHubError().type()).isEqualTo("server_error");
    }

    @Test
    void htmlErrorPageIsAServerErrorNamedByItsTitle() {
        HubStub.reply(
                hub,
                aResponse()
                        .withStatus(502)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<html>\n<head><title>502 Bad Gateway</title></head>\n"
                                + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
                                + "</body>\n</html>\n"));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertThat(((AifoException) failure).getStatusCode()).isEqualTo(502);
        assertThat(failure.getMessage()).contains("502 Bad Gateway").doesNotContain("<html>");
        assertNoKey(failure);
    }

    @Test
    void successStatusWithAnUnreadableBodyIsAServerError() {
        HubStub.reply(hub, HubStub.json(200, "this is not json {"));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertThat(((AifoException) failure).getStatusCode()).isEqualTo(200);
        assertThat(failure.getMessage()).contains("this is not json");
        assertNoKey(failure);
    }

    @Test
    void successStatusWithAnErrorBodyIsTheTypedErrorNotAnEmptyReply() {
        HubStub.reply(
                hub,
                HubStub.json(
                        200, HubStub.openAiError(PERSIAN_MESSAGE, "authentication_error", "invalid_api_key", null)));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoAuthenticationException.class);
        assertHubError(failure, 200, PERSIAN_MESSAGE);
        assertThat(((AifoException) failure).getHubError().code()).isEqualTo("invalid_api_key");
    }

    @Test
    void successStatusWithNoChoicesIsAnError() {
        HubStub.reply(
                hub,
                HubStub.json(
                        200,
                        "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"openai/gpt-5-mini\","
                                + "\"choices\":[]}"));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertThat(((AifoException) failure).getStatusCode()).isEqualTo(200);
        assertThat(failure.getMessage()).contains("no choices");
    }

    @Test
    void hubMessageThatEchoesTheKeyIsRedactedEverywhere() {
        String echoed = "Incorrect API key provided: " + HubStub.API_KEY + ". کلید را بررسی کنید.";
        HubStub.reply(
                hub, HubStub.json(401, HubStub.openAiError(echoed, "invalid_request_error", "invalid_api_key", null)));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoAuthenticationException.class);
        assertNoKey(failure);
        assertThat(((AifoException) failure).getHubError().message())
                .doesNotContain(HubStub.API_KEY)
                .startsWith("Incorrect API key provided: ")
                .endsWith(". کلید را بررسی کنید.");
    }

    @Test
    void keyEchoedInANonJsonErrorPageIsRedacted() {
        HubStub.reply(
                hub,
                aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "text/plain")
                        .withBody("upstream rejected Bearer " + HubStub.API_KEY));

        Throwable failure = callFailure();

        assertThat(failure).isInstanceOf(AifoServerException.class);
        assertThat(failure.getMessage()).contains("upstream rejected Bearer");
        assertNoKey(failure);
    }

    @Test
    void closedPortIsAConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Throwable failure = catchThrowable(() -> AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl("http://127.0.0.1:" + closedPort)
                        .apiKey(HubStub.API_KEY)
                        .build())
                .retryTemplate(HubStub.fastRetry(0))
                .build()
                .call(new Prompt("hi")));

        assertThat(failure).isInstanceOf(AifoConnectionException.class);
        assertThat(((AifoException) failure).getStatusCode()).isZero();
        assertThat(failure.getMessage()).contains("127.0.0.1:" + closedPort);
        assertNoKey(failure);
    }

    private static Throwable callFailure() {
        Throwable failure = catchThrowable(() ->
                HubStub.model(hub).retryTemplate(HubStub.fastRetry(0)).build().call(new Prompt("سلام")));
        assertThat(HubStub.requests(hub)).hasSize(1);
        return failure;
    }

    /** The status, the hub's message byte for byte (in the fields and in the message) and no key. */
    private static void assertHubError(Throwable failure, int status, String hubMessage) {
        assertThat(failure).isInstanceOf(AifoException.class);
        AifoException error = (AifoException) failure;
        assertThat(error.getStatusCode()).isEqualTo(status);
        assertThat(error.getHubError().message()).isEqualTo(hubMessage);
        assertThat(failure.getMessage()).contains(hubMessage).contains("HTTP " + status);
        assertNoKey(failure);
    }

    private static void assertNoKey(Throwable failure) {
        assertThat(failure.getMessage()).doesNotContain(HubStub.API_KEY);
        assertThat(HubStub.stackTraceOf(failure)).doesNotContain(HubStub.API_KEY);
    }
}
