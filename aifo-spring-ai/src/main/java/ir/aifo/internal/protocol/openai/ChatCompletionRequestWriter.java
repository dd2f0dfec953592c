package ir.aifo.internal.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import ir.aifo.internal.protocol.WireJson;
import ir.aifo.internal.protocol.openai.ChatCompletionMessage.ContentPart;
import ir.aifo.internal.protocol.openai.ChatCompletionMessage.ImageUrl;
import ir.aifo.internal.protocol.openai.ChatCompletionRequest.JsonSchema;
import ir.aifo.internal.protocol.openai.ChatCompletionRequest.ResponseFormat;
import ir.aifo.internal.protocol.openai.ChatCompletionRequest.StreamOptions;
import ir.aifo.internal.protocol.openai.ToolCall.FunctionCall;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a chat-completions request exactly as the mapper would, byte for byte, but field by field.
 *
 * <p>On JDK 17 Jackson 3 reads every record component through reflection ({@code
 * BeanPropertyWriter.get}, {@code Class.cast}): for a request of 23 components, most of them null,
 * and its messages, that was a third of the caller's time before the request went out, and the
 * largest cost before a stream's first chunk. Here the accessors are called directly and each value
 * goes onto a generator the mapper created, so escaping, number formatting and pretty printing stay
 * the mapper's, while names, order (the records') and the skipping of nulls follow the records'
 * annotations. A value of open shape (a named tool choice, logit bias, audio, content that is neither
 * text nor parts) is written by the mapper onto the same generator. A mapper configured to name,
 * include or wrap differently than the records say writes the whole request itself.
 */
final class ChatCompletionRequestWriter {

    /**
     * The components written here, record by record, in the order they are written; the schema test
     * holds them to the records, so a component added to a record fails there instead of going
     * missing from the wire.
     */
    static final Map<Class<? extends Record>, List<String>> COMPONENTS_WRITTEN = Map.ofEntries(
            Map.entry(
                    ChatCompletionRequest.class,
                    List.of(
                            "model",
                            "messages",
                            "temperature",
                            "topP",
                            "topK",
                            "n",
                            "stream",
                            "streamOptions",
                            "stop",
                            "maxTokens",
                            "maxCompletionTokens",
                            "presencePenalty",
                            "frequencyPenalty",
                            "seed",
                            "user",
                            "logitBias",
                            "tools",
                            "toolChoice",
                            "parallelToolCalls",
                            "responseFormat",
                            "reasoningEffort",
                            "modalities",
                            "audio")),
            Map.entry(StreamOptions.class, List.of("includeUsage")),
            Map.entry(ResponseFormat.class, List.of("type", "jsonSchema")),
            Map.entry(JsonSchema.class, List.of("name", "schema", "strict")),
            Map.entry(FunctionTool.class, List.of("type", "function")),
            Map.entry(FunctionTool.Function.class, List.of("name", "description", "parameters")),
            Map.entry(ChatCompletionMessage.class, List.of("role", "content", "name", "toolCalls", "toolCallId")),
            Map.entry(ContentPart.class, List.of("type", "text", "imageUrl")),
            Map.entry(ImageUrl.class, List.of("url", "detail")),
            Map.entry(ToolCall.class, List.of("index", "id", "type", "function")),
            Map.entry(FunctionCall.class, List.of("name", "arguments")));

    private final JsonMapper json;

    // Names, inclusion and root wrapping are the mapper's settings the records' annotations meet; with
    // any of them changed, only the mapper knows what it writes.
    private final boolean enabled;

    ChatCompletionRequestWriter(JsonMapper json) {
        this.json = json;
        this.enabled = writesAsTheRecordsSay(json.serializationConfig());
    }

    private static boolean writesAsTheRecordsSay(SerializationConfig config) {
        JsonInclude.Include inclusion = config.getDefaultPropertyInclusion().getValueInclusion();
        return config.getPropertyNamingStrategy() == null
                && (inclusion == JsonInclude.Include.USE_DEFAULTS || inclusion == JsonInclude.Include.ALWAYS)
                && !config.isEnabled(SerializationFeature.WRAP_ROOT_VALUE);
    }

    /**
     * The request body, with {@code extraFields} merged into its top level as {@link WireJson#write}
     * does: that rare case goes through the mapper's tree.
     */
    byte[] write(ChatCompletionRequest request, @Nullable Map<String, Object> extraFields) {
        if (!enabled || (extraFields != null && !extraFields.isEmpty())) {
            return WireJson.write(json, request, extraFields);
        }
        return write(request);
    }

    /** Whether {@link #write(ChatCompletionRequest, Map)} writes this mapper's requests by hand. */
    boolean writesByHand() {
        return enabled;
    }

    /**
     * The request body written by hand: what the mapper's {@code writeValueAsBytes} writes, when
     * {@link #writesByHand()}.
     */
    byte[] write(ChatCompletionRequest request) {
        ByteArrayBuilder bytes = new ByteArrayBuilder();
        try (JsonGenerator generator = json.createGenerator(bytes)) {
            request(generator, request);
        }
        return bytes.toByteArray();
    }

    private static void request(JsonGenerator g, ChatCompletionRequest request) {
        g.writeStartObject(request);
        string(g, "model", request.model());
        array(g, "messages", request.messages(), ChatCompletionRequestWriter::message);
        number(g, "temperature", request.temperature());
        number(g, "top_p", request.topP());
        number(g, "top_k", request.topK());
        number(g, "n", request.n());
        bool(g, "stream", request.stream());
        streamOptions(g, request.streamOptions());
        strings(g, "stop", request.stop());
        number(g, "max_tokens", request.maxTokens());
        number(g, "max_completion_tokens", request.maxCompletionTokens());
        number(g, "presence_penalty", request.presencePenalty());
        number(g, "frequency_penalty", request.frequencyPenalty());
        number(g, "seed", request.seed());
        string(g, "user", request.user());
        byTheMapper(g, "logit_bias", request.logitBias());
        array(g, "tools", request.tools(), ChatCompletionRequestWriter::tool);
        toolChoice(g, request.toolChoice());
        bool(g, "parallel_tool_calls", request.parallelToolCalls());
        responseFormat(g, request.responseFormat());
        string(g, "reasoning_effort", request.reasoningEffort());
        strings(g, "modalities", request.modalities());
        byTheMapper(g, "audio", request.audio());
        g.writeEndObject();
    }

    private static void message(JsonGenerator g, ChatCompletionMessage message) {
        g.writeStartObject(message);
        string(g, "role", message.role());
        content(g, message.content());
        string(g, "name", message.name());
        array(g, "tool_calls", message.toolCalls(), ChatCompletionRequestWriter::toolCall);
        string(g, "tool_call_id", message.toolCallId());
        g.writeEndObject();
    }

    private static void content(JsonGenerator g, @Nullable Object content) {
        if (content == null) {
            return;
        }
        g.writeName("content");
        if (content instanceof String text) {
            g.writeString(text);
        } else if (content instanceof List<?> parts) {
            contentParts(g, parts);
        } else {
            g.writePOJO(content);
        }
    }

    // The mapper writes a list held as an Object element by element, each as its own class says.
    private static void contentParts(JsonGenerator g, List<?> parts) {
        g.writeStartArray(parts, parts.size());
        for (Object part : parts) {
            if (part instanceof ContentPart contentPart) {
                contentPart(g, contentPart);
            } else {
                g.writePOJO(part);
            }
        }
        g.writeEndArray();
    }

    private static void contentPart(JsonGenerator g, ContentPart part) {
        g.writeStartObject(part);
        string(g, "type", part.type());
        string(g, "text", part.text());
        ImageUrl image = part.imageUrl();
        if (image != null) {
            g.writeName("image_url");
            g.writeStartObject(image);
            string(g, "url", image.url());
            string(g, "detail", image.detail());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void toolCall(JsonGenerator g, ToolCall call) {
        g.writeStartObject(call);
        number(g, "index", call.index());
        string(g, "id", call.id());
        string(g, "type", call.type());
        FunctionCall function = call.function();
        if (function != null) {
            g.writeName("function");
            g.writeStartObject(function);
            string(g, "name", function.name());
            string(g, "arguments", function.arguments());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void streamOptions(JsonGenerator g, @Nullable StreamOptions options) {
        if (options == null) {
            return;
        }
        g.writeName("stream_options");
        g.writeStartObject(options);
        g.writeBooleanProperty("include_usage", options.includeUsage());
        g.writeEndObject();
    }

    // FunctionTool has no inclusion of its own, so a null there is written, as the mapper does.
    private static void tool(JsonGenerator g, FunctionTool tool) {
        g.writeStartObject(tool);
        g.writeName("type");
        nullableString(g, tool.type());
        g.writeName("function");
        FunctionTool.Function function = tool.function();
        if (function == null) {
            g.writeNull();
        } else {
            g.writeStartObject(function);
            nonEmpty(g, "name", function.name());
            nonEmpty(g, "description", function.description());
            if (function.parameters() != null) {
                // Raw: the schema Spring AI generated goes as written. NON_EMPTY does not leave out an
                // empty raw value (the mapper's raw serializer counts only null as empty), so neither
                // does this; Spring AI's tool definitions refuse an empty schema anyway.
                g.writeName("parameters");
                g.writeRawValue(function.parameters());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    // The three modes are strings; a named function is a record the mapper writes.
    private static void toolChoice(JsonGenerator g, @Nullable Object choice) {
        if (choice instanceof String mode) {
            g.writeStringProperty("tool_choice", mode);
        } else {
            byTheMapper(g, "tool_choice", choice);
        }
    }

    private static void responseFormat(JsonGenerator g, @Nullable ResponseFormat format) {
        if (format == null) {
            return;
        }
        g.writeName("response_format");
        g.writeStartObject(format);
        string(g, "type", format.type());
        JsonSchema schema = format.jsonSchema();
        if (schema != null) {
            g.writeName("json_schema");
            g.writeStartObject(schema);
            string(g, "name", schema.name());
            if (schema.schema() != null) {
                // Raw: checked to be one JSON object when the request was built, and sent as written.
                g.writeName("schema");
                g.writeRawValue(schema.schema());
            }
            bool(g, "strict", schema.strict());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, @Nullable List<String> values) {
        array(g, name, values, JsonGenerator::writeString);
    }

    // A list: left out when null, and a null element written as null, as the mapper does.
    private static <E> void array(
            JsonGenerator g, String name, @Nullable List<E> elements, BiConsumer<JsonGenerator, E> element) {
        if (elements == null) {
            return;
        }
        g.writeName(name);
        g.writeStartArray(elements, elements.size());
        for (E value : elements) {
            if (value == null) {
                g.writeNull();
            } else {
                element.accept(g, value);
            }
        }
        g.writeEndArray();
    }

    private static void byTheMapper(JsonGenerator g, String name, @Nullable Object value) {
        if (value != null) {
            // Written through the mapper's own context, the one that created the generator.
            g.writePOJOProperty(name, value);
        }
    }

    private static void string(JsonGenerator g, String name, @Nullable String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
    }

    // What NON_EMPTY leaves out of a string: null and "".
    private static void nonEmpty(JsonGenerator g, String name, @Nullable String value) {
        if (value != null && !value.isEmpty()) {
            g.writeStringProperty(name, value);
        }
    }

    private static void nullableString(JsonGenerator g, @Nullable String value) {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void number(JsonGenerator g, String name, @Nullable Double value) {
        if (value != null) {
            g.writeNumberProperty(name, value.doubleValue());
        }
    }

    private static void number(JsonGenerator g, String name, @Nullable Integer value) {
        if (value != null) {
            g.writeNumberProperty(name, value.intValue());
        }
    }

    private static void number(JsonGenerator g, String name, @Nullable Long value) {
        if (value != null) {
            g.writeNumberProperty(name, value.longValue());
        }
    }

    private static void bool(JsonGenerator g, String name, @Nullable Boolean value) {
        if (value != null) {
            g.writeBooleanProperty(name, value);
        }
    }
}
