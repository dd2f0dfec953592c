package ir.aifo.sample.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the sample's API over real HTTP, as the page does, and reads {@code /api/chat}'s reply as the
 * server-sent events it is made of.
 */
final class ChatApiClient {

    /** One server-sent event: its name, its raw data, and that data read as JSON. */
    record Event(String name, String data, JsonNode json) {}

    /** A whole reply: its HTTP status, content type, raw body and events. */
    record Reply(int status, String contentType, String body, List<Event> events) {

        List<Event> named(String name) {
            return events.stream().filter(event -> event.name().equals(name)).toList();
        }

        String text() {
            return named(ChatController.DELTA).stream()
                    .map(event -> event.json().path("text").asString())
                    .collect(Collectors.joining());
        }

        Event last() {
            return events.get(events.size() - 1);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    ChatApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    Reply chat(String message, @Nullable String conversationId) throws IOException, InterruptedException {
        return chat(message, conversationId, "text/event-stream");
    }

    /** Posts a message with the given {@code Accept} header, none when {@code null}, and reads the events. */
    Reply chat(String message, @Nullable String conversationId, @Nullable String accept)
            throws IOException, InterruptedException {
        HttpResponse<String> response = post(message, conversationId, accept);
        return new Reply(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.body(),
                parse(response.body()));
    }

    /** Asks for the whole reply as one JSON document ({@code Accept: application/json}). */
    HttpResponse<String> chatWhole(String message, @Nullable String conversationId)
            throws IOException, InterruptedException {
        return post(message, conversationId, "application/json");
    }

    private HttpResponse<String> post(String message, @Nullable String conversationId, @Nullable String accept)
            throws IOException, InterruptedException {
        Map<String, String> body = conversationId == null
                ? Map.of("message", message)
                : Map.of("message", message, "conversationId", conversationId);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/chat"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    // The text/event-stream format: blocks separated by a blank line, "event:" and "data:" fields.
    private static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            String name = "message";
            List<String> data = new ArrayList<>();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring("data:".length());
                    data.add(value.startsWith(" ") ? value.substring(1) : value);
                }
            }
            if (!data.isEmpty()) {
                String joined = String.join("\n", data);
                events.add(new Event(name, joined, JSON.readTree(joined)));
            }
        }
        return events;
    }
}
