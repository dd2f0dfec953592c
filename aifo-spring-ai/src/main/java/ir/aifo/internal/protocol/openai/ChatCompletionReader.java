package ir.aifo.internal.protocol.openai;

import ir.aifo.internal.protocol.openai.ChatCompletion.Choice;
import ir.aifo.internal.protocol.openai.ChatCompletion.ReplyMessage;
import ir.aifo.internal.protocol.openai.CompletionUsage.CompletionTokensDetails;
import ir.aifo.internal.protocol.openai.CompletionUsage.PromptTokensDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

/**
 * Reads a chat completion, or one chunk of a stream, as the mapper would, but builds the records
 * itself for the shapes hubs send.
 *
 * <p>Jackson 3 creates a record through {@code MethodHandle.invokeWithArguments}, which on JDK 17
 * costs more than parsing the JSON: a streamed reply paid it three times a chunk. Here the fields
 * are read token by token and the records constructed directly. Input of any other shape (a number
 * where a string belongs, a content array, an error object, a repeated field, anything malformed)
 * goes whole to the mapper, so that its coercions, its results and its error messages stay Jackson's.
 */
final class ChatCompletionReader {

    private static final UnusualInput UNUSUAL = new UnusualInput();

    private final JsonMapper json;

    // The mapper's own factory, asked for a bare parser: the mapper's createParser makes a deserialization
    // context for each, which the fields read here never use (a stream made one per chunk). Its buffers are
    // kept per thread rather than in the mapper's shared pool, a concurrent deque that every parser of a
    // stream's thousand chunks took them from and gave them back to (about a twentieth of a stream's time).
    private final TokenStreamFactory parsers;

    // A value read mid-object: the rest of the object follows, which the mapper's own trailing-token
    // check would take for garbage after the value and so send every such reply the slow way.
    private final ObjectReader toolCallsReader;

    private final ObjectReader audioReader;

    // With unknown fields refused, the mapper alone knows which fields it refuses.
    private final boolean enabled;

    ChatCompletionReader(JsonMapper json) {
        this.json = json;
        this.parsers = json.tokenStreamFactory()
                .rebuild()
                .recyclerPool(JsonRecyclerPools.threadLocalPool())
                .build();
        JavaType toolCallsType = json.getTypeFactory().constructCollectionType(List.class, ToolCall.class);
        JavaType audioType = json.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
        this.toolCallsReader = json.readerFor(toolCallsType).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.audioReader = json.readerFor(audioType).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.enabled = !json.deserializationConfig().isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The completion in {@code body}, or {@code null} for the JSON literal {@code null}.
     *
     * @throws JacksonException when the body is not a completion
     */
    @Nullable
    ChatCompletion read(byte[] body) {
        ChatCompletion completion =
                enabled ? readDirectly(parsers.createParser(ObjectReadContext.empty(), body)) : null;
        return completion != null ? completion : json.readValue(body, ChatCompletion.class);
    }

    /**
     * The completion in {@code data}, or {@code null} for the JSON literal {@code null}.
     *
     * @throws JacksonException when the data is not a completion
     */
    @Nullable
    ChatCompletion read(String data) {
        ChatCompletion completion = enabled ? readDirectly(data) : null;
        return completion != null ? completion : json.readValue(data, ChatCompletion.class);
    }

    /**
     * What the reader builds itself from {@code data}, or {@code null} where it leaves the input to the
     * mapper; the schema test holds it to every component of the reply records.
     */
    @Nullable
    ChatCompletion readDirectly(String data) {
        return readDirectly(parsers.createParser(ObjectReadContext.empty(), data));
    }

    private @Nullable ChatCompletion readDirectly(JsonParser parser) {
        try (parser) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ChatCompletion completion = completion(parser);
            // Trailing content is the mapper's to judge (and, by default, to refuse).
            return parser.nextToken() == null ? completion : null;
        } catch (JacksonException | UnusualInput unusual) {
            return null;
        }
    }

    private ChatCompletion completion(JsonParser p) {
        String id = null;
        String object = null;
        Long created = null;
        String model = null;
        List<Choice> choices = null;
        CompletionUsage usage = null;
        String systemFingerprint = null;
        JsonNode error = null;
        Fields seen = new Fields();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "id" -> id = string(p, value, seen, 0);
                case "object" -> object = string(p, value, seen, 1);
                case "created" -> {
                    seen.once(2);
                    created = value == JsonToken.VALUE_NULL ? null : longValue(p, value);
                }
                case "model" -> model = string(p, value, seen, 3);
                case "choices" -> {
                    seen.once(4);
                    choices = value == JsonToken.VALUE_NULL ? null : choices(p, value);
                }
                case "usage" -> {
                    seen.once(5);
                    usage = value == JsonToken.VALUE_NULL ? null : usage(p, value);
                }
                case "system_fingerprint" -> systemFingerprint = string(p, value, seen, 6);
                case "error" -> {
                    // An error object is rare and read by the mapper; a null one is what it would make of it.
                    seen.once(7);
                    error = nullNode(value);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new ChatCompletion(id, object, created, model, choices, usage, systemFingerprint, error);
    }

    private List<Choice> choices(JsonParser p, JsonToken start) {
        if (start != JsonToken.START_ARRAY) {
            throw UNUSUAL;
        }
        List<Choice> choices = new ArrayList<>(1);
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw UNUSUAL;
            }
            choices.add(choice(p));
        }
        return choices;
    }

    private Choice choice(JsonParser p) {
        Integer index = null;
        ReplyMessage message = null;
        ReplyMessage delta = null;
        String finishReason = null;
        Fields seen = new Fields();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "index" -> index = integer(p, value, seen, 0);
                case "message" -> {
                    seen.once(1);
                    message = value == JsonToken.VALUE_NULL ? null : message(p, value);
                }
                case "delta" -> {
                    seen.once(2);
                    delta = value == JsonToken.VALUE_NULL ? null : message(p, value);
                }
                case "finish_reason" -> finishReason = string(p, value, seen, 3);
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new Choice(index, message, delta, finishReason);
    }

    private ReplyMessage message(JsonParser p, JsonToken start) {
        if (start != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        String role = null;
        JsonNode content = null;
        List<ToolCall> toolCalls = null;
        String reasoningContent = null;
        String reasoning = null;
        String refusal = null;
        Map<String, Object> audio = null;
        Fields seen = new Fields();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "role" -> role = string(p, value, seen, 0);
                case "content" -> {
                    seen.once(1);
                    content = value == JsonToken.VALUE_STRING ? StringNode.valueOf(p.getString()) : nullNode(value);
                }
                case "tool_calls" -> {
                    seen.once(2);
                    toolCalls = value == JsonToken.VALUE_NULL ? null : withoutNulls(toolCallsReader.readValue(p));
                }
                case "reasoning_content" -> reasoningContent = string(p, value, seen, 3);
                case "reasoning" -> reasoning = string(p, value, seen, 4);
                case "refusal" -> refusal = string(p, value, seen, 5);
                case "audio" -> {
                    seen.once(6);
                    audio = value == JsonToken.VALUE_NULL ? null : audioReader.readValue(p);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new ReplyMessage(role, content, toolCalls, reasoningContent, reasoning, refusal, audio);
    }

    // What the record's contentNulls = SKIP makes the mapper do: a null among the calls carries nothing.
    private static List<ToolCall> withoutNulls(List<ToolCall> calls) {
        calls.removeIf(java.util.Objects::isNull);
        return calls;
    }

    private static CompletionUsage usage(JsonParser p, JsonToken start) {
        if (start != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        Integer promptTokens = null;
        Integer completionTokens = null;
        Integer totalTokens = null;
        PromptTokensDetails promptDetails = null;
        CompletionTokensDetails completionDetails = null;
        Fields seen = new Fields();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "prompt_tokens" -> promptTokens = integer(p, value, seen, 0);
                case "completion_tokens" -> completionTokens = integer(p, value, seen, 1);
                case "total_tokens" -> totalTokens = integer(p, value, seen, 2);
                case "prompt_tokens_details" -> {
                    seen.once(3);
                    promptDetails = value == JsonToken.VALUE_NULL ? null : promptDetails(p, value);
                }
                case "completion_tokens_details" -> {
                    seen.once(4);
                    completionDetails = value == JsonToken.VALUE_NULL ? null : completionDetails(p, value);
                }
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new CompletionUsage(promptTokens, completionTokens, totalTokens, promptDetails, completionDetails);
    }

    private static PromptTokensDetails promptDetails(JsonParser p, JsonToken start) {
        if (start != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        Integer[] counts = new Integer[4];
        Fields seen = new Fields();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "cached_tokens" -> counts[0] = integer(p, value, seen, 0);
                case "text_tokens" -> counts[1] = integer(p, value, seen, 1);
                case "audio_tokens" -> counts[2] = integer(p, value, seen, 2);
                case "image_tokens" -> counts[3] = integer(p, value, seen, 3);
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new PromptTokensDetails(counts[0], counts[1], counts[2], counts[3]);
    }

    private static CompletionTokensDetails completionDetails(JsonParser p, JsonToken start) {
        if (start != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        Integer[] counts = new Integer[5];
        Fields seen = new Fields();
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "text_tokens" -> counts[0] = integer(p, value, seen, 0);
                case "audio_tokens" -> counts[1] = integer(p, value, seen, 1);
                case "reasoning_tokens" -> counts[2] = integer(p, value, seen, 2);
                case "accepted_prediction_tokens" -> counts[3] = integer(p, value, seen, 3);
                case "rejected_prediction_tokens" -> counts[4] = integer(p, value, seen, 4);
                default -> p.skipChildren();
            }
        }
        endOfObject(p);
        return new CompletionTokensDetails(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    private static @Nullable String string(JsonParser p, JsonToken value, Fields seen, int field) {
        seen.once(field);
        if (value == JsonToken.VALUE_STRING) {
            return p.getString();
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        throw UNUSUAL;
    }

    private static @Nullable Integer integer(JsonParser p, JsonToken value, Fields seen, int field) {
        seen.once(field);
        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        throw UNUSUAL;
    }

    private static long longValue(JsonParser p, JsonToken value) {
        if (value == JsonToken.VALUE_NUMBER_INT
                && (p.getNumberType() == JsonParser.NumberType.INT
                        || p.getNumberType() == JsonParser.NumberType.LONG)) {
            return p.getLongValue();
        }
        throw UNUSUAL;
    }

    // What the mapper makes of an explicit null in a JsonNode field; anything else is its to read.
    private static JsonNode nullNode(JsonToken value) {
        if (value == JsonToken.VALUE_NULL) {
            return NullNode.getInstance();
        }
        throw UNUSUAL;
    }

    private static void endOfObject(JsonParser p) {
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw UNUSUAL;
        }
    }

    /** The fields of one object read so far; a repeated one is left to the mapper. */
    private static final class Fields {

        private int bits;

        void once(int field) {
            int bit = 1 << field;
            if ((bits & bit) != 0) {
                throw UNUSUAL;
            }
            bits |= bit;
        }
    }

    /** Thrown, without a stack, when the input is not one of the shapes read here. */
    private static final class UnusualInput extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnusualInput() {
            super("not one of the shapes read directly", null, false, false);
        }
    }
}
