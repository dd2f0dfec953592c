package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Shared wiring for tests that talk to an OpenAI-compatible hub stubbed by WireMock on loopback.
 */
public final class HubStub {

    public static final String API_KEY = "aifo_sk_live_TESTKEY0123456789";

    public static final String PATH = "/v1/chat/completions";

    private HubStub() {}

    /** A retry template with the production policy's shape but millisecond back-off. */
    public static RetryTemplate fastRetry(int maxRetries) {
        return new RetryTemplate(RetryPolicy.builder()
                .maxRetries(maxRetries)
                .includes(TransientAiException.class)
                .delay(Duration.ofMillis(5))
                .build());
    }

    /** The stub's address and key, with a read timeout short enough for a test. */
    public static AifoConnection.Builder connection(WireMockExtension hub) {
        return AifoConnection.builder().baseUrl(hub.baseUrl()).apiKey(API_KEY).readTimeout(Duration.ofSeconds(5));
    }

    public static AifoChatModel.Builder model(WireMockExtension hub) {
        return model(connection(hub));
    }

    /** A model over the connection, with fast retries. */
    public static AifoChatModel.Builder model(AifoConnection.Builder connection) {
        return AifoChatModel.builder().connection(connection.build()).retryTemplate(fastRetry(2));
    }

    public static void reply(WireMockExtension hub, ResponseDefinitionBuilder response) {
        hub.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    public static ResponseDefinitionBuilder sse(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(body);
    }

    /** A chat completion whose one choice says {@code text}. */
    public static String completion(String text) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1764000000,"model":"openai/gpt-5-mini",
                 "system_fingerprint":"fp_1",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,
                          "prompt_tokens_details":{"cached_tokens":4},
                          "completion_tokens_details":{"reasoning_tokens":2}}}
                """.formatted(text);
    }

    /** One {@code data:} event carrying a content delta. */
    public static String contentChunk(String text) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
                + "\"model\":\"openai/gpt-5-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
                + "\"},\"finish_reason\":null}]}\n\n";
    }

    public static String finishChunk() {
        return finishChunk("stop");
    }

    public static String usageChunk() {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
                + "\"model\":\"openai/gpt-5-mini\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}\n\n";
    }

    public static final String DONE = "data: [DONE]\n\n";

    public static List<LoggedRequest> requests(WireMockExtension hub) {
        return hub.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(PATH)));
    }

    /** Every request the stub received, whatever its path or method. */
    public static List<LoggedRequest> allRequests(WireMockExtension hub) {
        return hub.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
    }

    /** An OpenAI-style error body; {@code null} fields are sent as JSON null. */
    public static String openAiError(
            String message, @Nullable String type, @Nullable String code, @Nullable String param) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type) + ",\"param\":" + quote(param)
                + ",\"code\":" + quote(code) + "}}";
    }

    /** One {@code data:} event carrying a tool-call piece: id and name (may be null) and a piece of the arguments. */
    public static String toolCallChunk(int index, @Nullable String id, @Nullable String name, String arguments) {
        String function = (name == null ? "" : "\"name\":" + quote(name) + ",") + "\"arguments\":" + quote(arguments);
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
                + "\"model\":\"openai/gpt-5-mini\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":"
                + index + (id == null ? "" : ",\"id\":" + quote(id) + ",\"type\":\"function\"") + ",\"function\":{"
                + function + "}}]},\"finish_reason\":null}]}\n\n";
    }

    public static String finishChunk(String finishReason) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,"
                + "\"model\":\"openai/gpt-5-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\""
                + finishReason + "\"}]}\n\n";
    }

    /** The text of a throwable as a log would show it: messages, causes, suppressed and stack frames. */
    public static String stackTraceOf(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static String quote(@Nullable String text) {
        if (text == null) {
            return "null";
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
