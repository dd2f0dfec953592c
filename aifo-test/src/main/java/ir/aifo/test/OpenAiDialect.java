package ir.aifo.test;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI-compatible endpoint as AiFO and TokenHub document it: Bearer key, JSON reply or SSE
 * stream ending in {@code data: [DONE]}, usage, {@code x-ratelimit-*} headers (and a 429 once a key's
 * request window is spent), and TokenHub's {@code {"error":{message,type,param,code}}} error body.
 */
final class OpenAiDialect {

    static final int TOKENS_PER_WINDOW = 200_000;

    private final SimulatorState state;

    private final JsonMapper json;

    private final FaultReplies faults;

    OpenAiDialect(SimulatorState state, JsonMapper json) {
        this.state = state;
        this.json = json;
        this.faults = new FaultReplies(
                errorBody("Rate limit reached for requests", "requests", null, "rate_limit_exceeded"),
                errorBody("The server had an error while processing your request.", "server_error", null, null),
                "application/json",
                "<<not json>> \u0000 {{",
                // Cut below, in the normal reply, so a stream keeps what it sent before the cut.
                null);
    }

    /** {@code body} is the request as received, {@code request} the same parsed (null when it is not JSON). */
    void handle(HttpExchange exchange, byte[] body, @Nullable JsonNode request, @Nullable SimulatedFault fault)
            throws IOException {
        String key = bearerKey(exchange);
        if (key == null || state.isRejected(key)) {
            error(exchange, 401, "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
            return;
        }
        if (fault != null && faults.answerWith(exchange, fault)) {
            return;
        }
        if (request == null || !request.isObject()) {
            error(
                    exchange,
                    400,
                    "We could not parse the JSON body of your request.",
                    "invalid_request_error",
                    null,
                    null);
            return;
        }
        if (!request.hasNonNull("model")) {
            error(exchange, 400, "you must provide a model parameter", "invalid_request_error", "model", null);
            return;
        }
        JsonNode messages = request.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            error(exchange, 400, "messages must not be empty", "invalid_request_error", "messages", null);
            return;
        }
        double temperature = request.path("temperature").asDouble(1);
        if (temperature < 0 || temperature > 2) {
            error(exchange, 400, "temperature must be between 0 and 2", "invalid_request_error", "temperature", null);
            return;
        }
        RequestWindow.Standing window = state.countOpenAiRequest(key);
        if (window.isRefused()) {
            requestLimitHeaders(exchange, window);
            long seconds = Math.max(1, (window.untilReset().toMillis() + 999) / 1000);
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            Replies.json(exchange, 429, faults.rateLimited());
            return;
        }
        SimulatedAnswer answer = SimulatedAnswer.to(request, json);
        int choices = Math.max(1, request.path("n").asInt(1));
        // Once per request, from the bytes as received: not by writing the request (images and all) out
        // again for every chunk.
        Head head = new Head(
                "chatcmpl-sim-" + Integer.toHexString(Arrays.hashCode(body)),
                request.path("model").asString("unknown"),
                state.clock().instant().getEpochSecond());
        Usage usage = Usage.of(body.length, answer);
        requestLimitHeaders(exchange, window);
        tokenLimitHeaders(exchange, usage);
        boolean cut = fault != null && fault.kind() == SimulatedFault.Kind.STREAM_CUT;
        boolean drop = fault != null && fault.kind() == SimulatedFault.Kind.CONNECTION_DROPPED;
        if (request.path("stream").asBoolean(false)) {
            boolean withUsage =
                    request.path("stream_options").path("include_usage").asBoolean(false);
            stream(exchange, head, answer, choices, withUsage ? usage : null, cut, drop);
        } else if (cut) {
            Replies.cutBody(exchange, json.writeValueAsString(completion(head, answer, choices, usage)));
        } else if (drop) {
            Replies.dropBody(exchange, json.writeValueAsString(completion(head, answer, choices, usage)));
        } else {
            Replies.json(exchange, 200, json.writeValueAsString(completion(head, answer, choices, usage)));
        }
    }

    /** What the completion, or every chunk of its stream, repeats. */
    private record Head(String id, String model, long created) {}

    private ObjectNode completion(Head head, SimulatedAnswer answer, int choices, Usage usage) {
        ObjectNode completion = header(head, "chat.completion");
        ArrayNode list = completion.putArray("choices");
        for (int index = 0; index < choices; index++) {
            ObjectNode choice = list.addObject();
            choice.put("index", index);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", contentFor(answer, index));
            if (answer.reasoning() != null) {
                message.put("reasoning_content", answer.reasoning());
            }
            if (answer.toolName() != null) {
                ObjectNode call = message.putArray("tool_calls").addObject();
                call.put("id", toolCallId(index));
                call.put("type", "function");
                call.putObject("function").put("name", answer.toolName()).put("arguments", answer.toolArguments());
            }
            choice.put("finish_reason", answer.toolName() != null ? "tool_calls" : "stop");
        }
        completion.set("usage", usage.toJson(json));
        return completion;
    }

    private void stream(
            HttpExchange exchange,
            Head head,
            SimulatedAnswer answer,
            int choices,
            @Nullable Usage usage,
            boolean cut,
            boolean drop)
            throws IOException {
        if (drop) {
            // The first piece of the answer arrives, then the connection drops mid-body.
            OutputStream out = Replies.startEvents(exchange, true);
            out.write(": simulator keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
            delta(out, head, 0, d -> d.put("role", "assistant").put("content", ""), null);
            List<String> pieces = SimulatedAnswer.pieces(contentFor(answer, 0));
            if (!pieces.isEmpty()) {
                delta(out, head, 0, d -> d.put("content", pieces.get(0)), null);
            }
            Replies.drop(out);
            return;
        }
        try (OutputStream out = Replies.startEvents(exchange)) {
            out.write(": simulator keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
            for (int index = 0; index < choices; index++) {
                delta(out, head, index, d -> d.put("role", "assistant").put("content", ""), null);
                List<String> pieces = SimulatedAnswer.pieces(contentFor(answer, index));
                if (cut) {
                    // The first piece of the answer arrives, then the connection ends without [DONE].
                    if (!pieces.isEmpty()) {
                        delta(out, head, index, d -> d.put("content", pieces.get(0)), null);
                    }
                    return;
                }
                if (answer.reasoning() != null) {
                    for (String piece : List.of(
                            answer.reasoning().substring(0, 10),
                            answer.reasoning().substring(10))) {
                        delta(out, head, index, d -> d.put("reasoning_content", piece), null);
                    }
                }
                if (answer.toolName() != null) {
                    streamToolCall(out, head, answer, index);
                    delta(out, head, index, d -> {}, "tool_calls");
                } else {
                    for (String piece : pieces) {
                        delta(out, head, index, d -> d.put("content", piece), null);
                    }
                    delta(out, head, index, d -> {}, "stop");
                }
            }
            if (usage != null) {
                ObjectNode chunk = header(head, "chat.completion.chunk");
                chunk.putArray("choices");
                chunk.set("usage", usage.toJson(json));
                Replies.event(out, json.writeValueAsString(chunk));
            }
            Replies.event(out, "[DONE]");
        }
    }

    // The id and name first, then the arguments in three pieces, as hubs stream them.
    private void streamToolCall(OutputStream out, Head head, SimulatedAnswer answer, int index) throws IOException {
        String arguments = answer.toolArguments() == null ? "{}" : answer.toolArguments();
        int third = Math.max(1, arguments.length() / 3);
        List<String> pieces = List.of(
                arguments.substring(0, Math.min(third, arguments.length())),
                arguments.substring(Math.min(third, arguments.length()), Math.min(2 * third, arguments.length())),
                arguments.substring(Math.min(2 * third, arguments.length())));
        delta(out, head, index, toolCall(toolCallId(index), answer.toolName(), ""), null);
        for (String piece : pieces) {
            delta(out, head, index, toolCall(null, null, piece), null);
        }
    }

    /** A {@code tool_calls} delta; only the first of a call carries its id and name. */
    private static Consumer<ObjectNode> toolCall(@Nullable String id, @Nullable String name, String arguments) {
        return delta -> {
            ObjectNode call = delta.putArray("tool_calls").addObject().put("index", 0);
            if (id != null) {
                call.put("id", id).put("type", "function");
            }
            ObjectNode function = call.putObject("function");
            if (name != null) {
                function.put("name", name);
            }
            function.put("arguments", arguments);
        };
    }

    private void delta(
            OutputStream out, Head head, int index, Consumer<ObjectNode> content, @Nullable String finishReason)
            throws IOException {
        ObjectNode chunk = header(head, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", index);
        content.accept(choice.putObject("delta"));
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        Replies.event(out, json.writeValueAsString(chunk));
    }

    private ObjectNode header(Head head, String object) {
        ObjectNode header = json.createObjectNode();
        header.put("id", head.id());
        header.put("object", object);
        header.put("created", head.created());
        header.put("model", head.model());
        header.put("system_fingerprint", "fp_aifo_simulator");
        return header;
    }

    private static @Nullable String contentFor(SimulatedAnswer answer, int index) {
        if (answer.content() == null || index == 0) {
            return answer.content();
        }
        return answer.content() + " (" + (index + 1) + ")";
    }

    private static String toolCallId(int index) {
        return "call_sim_" + index;
    }

    private static void requestLimitHeaders(HttpExchange exchange, RequestWindow.Standing window) {
        var headers = exchange.getResponseHeaders();
        headers.set("x-ratelimit-limit-requests", Integer.toString(window.limit()));
        headers.set("x-ratelimit-remaining-requests", Integer.toString(window.remaining()));
        headers.set("x-ratelimit-reset-requests", goDuration(window.untilReset()));
    }

    private static void tokenLimitHeaders(HttpExchange exchange, Usage usage) {
        var headers = exchange.getResponseHeaders();
        headers.set("x-ratelimit-limit-tokens", Integer.toString(TOKENS_PER_WINDOW));
        headers.set("x-ratelimit-remaining-tokens", Integer.toString(Math.max(0, TOKENS_PER_WINDOW - usage.total())));
        headers.set("x-ratelimit-reset-tokens", "20ms");
    }

    /** A duration as OpenAI writes its reset headers (Go's format): {@code 1m0s}, {@code 59.873s}, {@code 20ms}. */
    static String goDuration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        String seconds =
                BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString();
        return (minutes > 0 ? minutes + "m" : "") + seconds + "s";
    }

    private void error(
            HttpExchange exchange,
            int status,
            String message,
            String type,
            @Nullable String param,
            @Nullable String code)
            throws IOException {
        Replies.json(exchange, status, errorBody(message, type, param, code));
    }

    private String errorBody(String message, String type, @Nullable String param, @Nullable String code) {
        ObjectNode body = json.createObjectNode();
        body.putObject("error")
                .put("message", message)
                .put("type", type)
                .put("param", param)
                .put("code", code);
        return json.writeValueAsString(body);
    }

    private static @Nullable String bearerKey(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String key = authorization.substring("Bearer ".length()).trim();
        return key.isEmpty() ? null : key;
    }

    /** Token counts derived from the request's and the answer's lengths. */
    record Usage(int prompt, int completion, int reasoning) {

        /** A prompt token per four bytes of the request body. */
        static Usage of(int requestBytes, SimulatedAnswer answer) {
            int prompt = Math.max(1, requestBytes / 4);
            String out = answer.content() != null ? answer.content() : answer.toolArguments();
            int completion = Math.max(1, out == null ? 1 : out.split("\\s+").length);
            int reasoning = answer.reasoning() == null ? 0 : answer.reasoning().split("\\s+").length;
            return new Usage(prompt, completion + reasoning, reasoning);
        }

        int total() {
            return prompt + completion;
        }

        ObjectNode toJson(JsonMapper json) {
            ObjectNode usage = json.createObjectNode();
            usage.put("prompt_tokens", prompt)
                    .put("completion_tokens", completion)
                    .put("total_tokens", total());
            usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("text_tokens", prompt);
            usage.putObject("completion_tokens_details")
                    .put("text_tokens", completion - reasoning)
                    .put("reasoning_tokens", reasoning);
            return usage;
        }
    }
}
