package ir.aifo.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline: what a developer writes by hand with {@link HttpClient} and Jackson 3, with no
 * retries, observations, metadata or error mapping. Request and reply are small records; a stream
 * is read line by line with {@link HttpResponse.BodyHandlers#ofLines()}.
 */
final class RawJdkCaller implements HubCaller {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final URI uri;

    RawJdkCaller(String baseUrl) {
        this.uri = URI.create(baseUrl + "/v1/chat/completions");
    }

    @Override
    public String call() {
        HttpResponse<byte[]> response = send(request(false), HttpResponse.BodyHandlers.ofByteArray());
        Completion completion = json.readValue(response.body(), Completion.class);
        return completion.choices().get(0).message().content();
    }

    @Override
    public StreamedText stream() {
        HttpResponse<Stream<String>> response = send(request(true), HttpResponse.BodyHandlers.ofLines());
        StringBuilder text = new StringBuilder();
        long first = 0;
        int chunks = 0;
        boolean done = false;
        try (Stream<String> lines = response.body()) {
            // Read to the end of the body, past [DONE], so the connection goes back to the pool.
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (done || !line.startsWith("data:")) {
                    continue;
                }
                String data = line.substring(line.startsWith("data: ") ? 6 : 5);
                if (data.equals("[DONE]")) {
                    done = true;
                    continue;
                }
                Completion chunk = json.readValue(data, Completion.class);
                if (first == 0) {
                    first = System.nanoTime();
                }
                chunks++;
                for (Choice choice : chunk.choices()) {
                    if (choice.delta() != null && choice.delta().content() != null) {
                        text.append(choice.delta().content());
                    }
                }
            }
        }
        if (!done) {
            throw new IllegalStateException("stream ended without [DONE]");
        }
        return new StreamedText(text.toString(), first, chunks);
    }

    private HttpRequest request(boolean stream) {
        ChatRequest body = new ChatRequest(
                StubReplies.MODEL,
                List.of(new RequestMessage("user", QUESTION)),
                stream ? Boolean.TRUE : null,
                stream ? new StreamOptions(true) : null);
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer bench-key")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpResponse<T> response;
            try {
                response = http.send(request, handler);
            } catch (IOException brokenPooledConnection) {
                // The JDK 17 pool can close an idle connection just as it is handed out (one request in many
                // thousands at 32 callers); any hand-written client retries that once.
                response = http.send(request, handler);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return response;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    @Override
    public void close() {
        // The JDK 17 client has no close(); its threads are daemons.
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatRequest(
            String model,
            List<RequestMessage> messages,
            @Nullable Boolean stream,
            @JsonProperty("stream_options") @Nullable StreamOptions streamOptions) {}

    record RequestMessage(String role, String content) {}

    record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {}

    record Completion(List<Choice> choices, @Nullable Usage usage) {}

    record Choice(
            @Nullable Message message,
            @Nullable Message delta,
            @JsonProperty("finish_reason") @Nullable String finishReason) {}

    record Message(@Nullable String role, @Nullable String content) {}

    record Usage(@JsonProperty("total_tokens") int totalTokens) {}
}
