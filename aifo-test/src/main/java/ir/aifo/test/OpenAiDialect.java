package ir.aifo.test;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI-compatible endpoint as AiFO and TokenHub document it: Bearer key, JSON reply or SSE
 * stream ending in {@code data: [DONE]}, usage, {@code x-ratelimit-*} headers, and TokenHub's
 * {@code {"error":{message,type,param,code}}} error body.
 */
final class OpenAiDialect {

    static final int REQUESTS_PER_WINDOW = 500;

    static final int TOKENS_PER_WINDOW = 200_000;

    private final SimulatorState state;

    private final JsonMapper json;

    OpenAiDialect(SimulatorState state, JsonMapper json) {
        this.state = state;
        this.json = json;
    }

    void handle(HttpExchange exchange, @Nullable JsonNode request, @Nullable SimulatedFault fault) throws IOException {
        String key = bearerKey(exchange);
        if (key == null || state.isRejected(key)) {
            error(exchange, 401, "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
            return;
        }
        if (fault != null && answerWithFault(exchange, fault)) {
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
        SimulatedAnswer answer = SimulatedAnswer.to(request, json);
        int choices = Math.max(1, request.path("n").asInt(1));
        Usage usage = Usage.of(request, answer);
        rateLimitHeaders(exchange, key, usage);
        boolean cut = fault != null && fault.kind() == SimulatedFault.Kind.STREAM_CUT;
        if (request.path("stream").asBoolean(false)) {
            boolean withUsage =
                    request.path("stream_options").path("include_usage").asBoolean(false);
            stream(exchange, request, answer, choices, withUsage ? usage : null, cut);
        } else if (cut) {
            Replies.cutBody(exchange, json.writeValueAsString(completion(request, answer, choices, usage)));
        } else {
            Replies.json(exchange, 200, json.writeValueAsString(completion(request, answer, choices, usage)));
        }
    }

    private boolean answerWithFault(HttpExchange exchange, SimulatedFault fault) throws IOException {
        switch (fault.kind()) {
            case RATE_LIMITED -> {
                exchange.getResponseHeaders()
                        .set("Retry-After", Long.toString(fault.duration().toSeconds()));
                error(exchange, 429, "Rate limit reached for requests", "requests", null, "rate_limit_exceeded");
                return true;
            }
            case SERVER_ERROR -> {
                error(
                        exchange,
                        500,
                        "The server had an error while processing your request.",
                        "server_error",
                        null,
                        null);
                return true;
            }
            case HTML_ERROR_PAGE -> {
                Replies.send(exchange, 502, "text/html", Replies.HTML_ERROR_PAGE);
                return true;
            }
            case GARBAGE -> {
                Replies.send(exchange, 200, "application/json", "<<not json>> \u0000 {{");
                return true;
            }
            case SLOW_FIRST_BYTE -> {
                Replies.pause(fault.duration());
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private ObjectNode completion(JsonNode request, SimulatedAnswer answer, int choices, Usage usage) {
        ObjectNode completion = header(request, "chat.completion");
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
            JsonNode request,
            SimulatedAnswer answer,
            int choices,
            @Nullable Usage usage,
            boolean cut)
            throws IOException {
        try (OutputStream out = Replies.startEvents(exchange)) {
            out.write(": simulator keep-alive\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (int index = 0; index < choices; index++) {
                delta(out, request, index, d -> d.put("role", "assistant").put("content", ""), null);
                if (cut) {
                    // The first piece of the answer arrives, then the connection ends without [DONE].
                    List<String> pieces = new SimulatedAnswer(contentFor(answer, index), null, null, null).pieces();
                    if (!pieces.isEmpty()) {
                        delta(out, request, index, d -> d.put("content", pieces.get(0)), null);
                    }
                    return;
                }
                if (answer.reasoning() != null) {
                    for (String piece : List.of(
                            answer.reasoning().substring(0, 10),
                            answer.reasoning().substring(10))) {
                        delta(out, request, index, d -> d.put("reasoning_content", piece), null);
                    }
                }
                if (answer.toolName() != null) {
                    streamToolCall(out, request, answer, index);
                    delta(out, request, index, d -> {}, "tool_calls");
                } else {
                    for (String piece : new SimulatedAnswer(contentFor(answer, index), null, null, null).pieces()) {
                        delta(out, request, index, d -> d.put("content", piece), null);
                    }
                    delta(out, request, index, d -> {}, "stop");
                }
            }
            if (usage != null) {
                ObjectNode chunk = header(request, "chat.completion.chunk");
                chunk.putArray("choices");
                chunk.set("usage", usage.toJson(json));
                Replies.event(out, json.writeValueAsString(chunk));
            }
            Replies.event(out, "[DONE]");
        }
    }

    // The id and name first, then the arguments in three pieces, as hubs stream them.
    private void streamToolCall(OutputStream out, JsonNode request, SimulatedAnswer answer, int index)
            throws IOException {
        String arguments = answer.toolArguments() == null ? "{}" : answer.toolArguments();
        int third = Math.max(1, arguments.length() / 3);
        List<String> pieces = List.of(
                arguments.substring(0, Math.min(third, arguments.length())),
                arguments.substring(Math.min(third, arguments.length()), Math.min(2 * third, arguments.length())),
                arguments.substring(Math.min(2 * third, arguments.length())));
        delta(
                out,
                request,
                index,
                d -> {
                    ObjectNode call = d.putArray("tool_calls").addObject();
                    call.put("index", 0).put("id", toolCallId(index)).put("type", "function");
                    call.putObject("function").put("name", answer.toolName()).put("arguments", "");
                },
                null);
        for (String piece : pieces) {
            delta(
                    out,
                    request,
                    index,
                    d -> {
                        ObjectNode call = d.putArray("tool_calls").addObject();
                        call.put("index", 0);
                        call.putObject("function").put("arguments", piece);
                    },
                    null);
        }
    }

    private void delta(
            OutputStream out,
            JsonNode request,
            int index,
            java.util.function.Consumer<ObjectNode> content,
            @Nullable String finishReason)
            throws IOException {
        ObjectNode chunk = header(request, "chat.completion.chunk");
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

    private ObjectNode header(JsonNode request, String object) {
        ObjectNode header = json.createObjectNode();
        header.put(
                "id", "chatcmpl-sim-" + Integer.toHexString(request.toString().hashCode()));
        header.put("object", object);
        header.put("created", state.clock().instant().getEpochSecond());
        header.put("model", request.path("model").asString("unknown"));
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

    private void rateLimitHeaders(HttpExchange exchange, String key, Usage usage) {
        int used = state.openAiRequestNumber(key);
        var headers = exchange.getResponseHeaders();
        headers.set("x-ratelimit-limit-requests", Integer.toString(REQUESTS_PER_WINDOW));
        headers.set("x-ratelimit-remaining-requests", Integer.toString(Math.max(0, REQUESTS_PER_WINDOW - used)));
        headers.set("x-ratelimit-reset-requests", "1m0s");
        headers.set("x-ratelimit-limit-tokens", Integer.toString(TOKENS_PER_WINDOW));
        headers.set("x-ratelimit-remaining-tokens", Integer.toString(Math.max(0, TOKENS_PER_WINDOW - usage.total())));
        headers.set("x-ratelimit-reset-tokens", "20ms");
    }

    private void error(
            HttpExchange exchange,
            int status,
            String message,
            String type,
            @Nullable String param,
            @Nullable String code)
            throws IOException {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message).put("type", type).put("param", param).put("code", code);
        Replies.json(exchange, status, json.writeValueAsString(body));
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

        static Usage of(JsonNode request, SimulatedAnswer answer) {
            int prompt = Math.max(1, request.path("messages").toString().length() / 4);
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
