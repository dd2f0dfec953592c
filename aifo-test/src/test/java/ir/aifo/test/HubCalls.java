package ir.aifo.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests to a simulated hub over the JDK client, with no library in between, for tests that speak
 * about the wire itself: which hub answered, with what status and body.
 */
final class HubCalls {

    static final String GPT = "openai/gpt-5.2";

    // HTTP/1.1: the JDK server does not speak HTTP/2, and an upgrade attempt would only add a header.
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HubCalls() {}

    /** A chat completion with one user message and the default key, at {@code baseUrl}'s OpenAI path. */
    static HttpResponse<String> openAi(String baseUrl, String question) {
        return post(
                baseUrl + AifoHubSimulator.OPENAI_PATH,
                "Bearer " + AifoHubSimulator.DEFAULT_KEY,
                "{\"model\":\"openai/gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question
                        + "\"}]}");
    }

    /** A MyAIHub request with {@code key} in the body, at {@code baseUrl}'s MyAIHub path. */
    static HttpResponse<String> myAiHub(String baseUrl, String key, String model, String prompt) {
        return post(
                baseUrl + AifoHubSimulator.MYAIHUB_PATH,
                null,
                "{\"api_key\":\"" + key + "\",\"model\":\"" + model + "\",\"prompt\":\"" + prompt + "\"}");
    }

    static HttpResponse<String> post(String url, @Nullable String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The text of a MyAIHub reply, or its error message. */
    static String myAiHubText(HttpResponse<String> response) {
        JsonNode body = json(response);
        return body.path("error").asBoolean(false)
                ? body.path("message").asString("")
                : body.path("reply").asString("");
    }

    /** The text of an OpenAI-compatible reply's first choice. */
    static String openAiText(HttpResponse<String> response) {
        return json(response)
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asString("");
    }
}
