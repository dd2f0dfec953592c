package ir.aifo.internal.protocol.openai;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.internal.protocol.WireJson;
import ir.aifo.internal.protocol.openai.ChatCompletionMessage.ContentPart;
import ir.aifo.internal.protocol.openai.ChatCompletionMessage.ImageUrl;
import ir.aifo.internal.protocol.openai.ChatCompletionRequest.JsonSchema;
import ir.aifo.internal.protocol.openai.ChatCompletionRequest.NamedToolChoice;
import ir.aifo.internal.protocol.openai.ChatCompletionRequest.ResponseFormat;
import ir.aifo.internal.protocol.openai.ChatCompletionRequest.StreamOptions;
import ir.aifo.internal.protocol.openai.ToolCall.FunctionCall;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writer must write every request byte for byte as the mapper does: the hub sees no difference,
 * only the caller's thread does.
 */
class ChatCompletionRequestWriterTest {

    private static final String NEEDS_ESCAPING =
            "quote \" backslash \\ slash / tab \t newline \n return \r nul \u0000 bell \u0007 unit \u001f del \u007f"
                    + " line \u2028 paragraph \u2029 سلام، دنیا! ‌نیم‌فاصله 😀👍🏽 </script>";

    private static final String SCHEMA =
            "{\"type\": \"object\",\n  \"properties\": {\"answer\": {\"type\": \"string\"}}, \"required\": [\"answer\"]}";

    private final JsonMapper json = WireJson.newMapper();

    private final ChatCompletionRequestWriter writer = new ChatCompletionRequestWriter(json);

    @Test
    void aRequestWithEveryComponentSet() {
        assertWrittenAsByTheMapper(everyComponentSet());
    }

    @Test
    void aRequestWithOnlyTheRequiredComponents() {
        assertWrittenAsByTheMapper(onlyRequired(List.of(ChatCompletionMessage.of("user", "hi"))));
    }

    @Test
    void aRequestWithNothingSetAtAll() {
        assertWrittenAsByTheMapper(withComponents(new Object[23]));
    }

    @ParameterizedTest
    @MethodSource("componentNames")
    void eachComponentAlone(String component) throws Exception {
        ChatCompletionRequest full = everyComponentSet();
        RecordComponent[] components = ChatCompletionRequest.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(component)) {
                values[i] = components[i].getAccessor().invoke(full);
            }
        }

        assertWrittenAsByTheMapper(withComponents(values));
    }

    static Stream<String> componentNames() {
        return Arrays.stream(ChatCompletionRequest.class.getRecordComponents()).map(RecordComponent::getName);
    }

    @ParameterizedTest
    @ValueSource(
            doubles = {
                0.7,
                1.0,
                1e-7,
                2.0E10,
                0.0,
                -0.0,
                -1.5,
                0.1 + 0.2,
                1.0E-5,
                1.0E-3,
                1.0E7,
                123456789.123,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY
            })
    void doublesAreFormattedAsTheMapperFormatsThem(double value) {
        assertWrittenAsByTheMapper(new ChatCompletionRequest(
                "m", List.of(), value, value, null, null, null, null, null, null, null, value, value, null, null, null,
                null, null, null, null, null, null, null));
    }

    @Test
    void integersAtTheirLimits() {
        assertWrittenAsByTheMapper(new ChatCompletionRequest(
                "m",
                List.of(),
                null,
                null,
                Integer.MIN_VALUE,
                0,
                false,
                new StreamOptions(false),
                null,
                Integer.MAX_VALUE,
                -1,
                null,
                null,
                Long.MIN_VALUE,
                null,
                Map.of("50256", Integer.MIN_VALUE),
                null,
                null,
                false,
                null,
                null,
                null,
                null));
        assertWrittenAsByTheMapper(withComponent("seed", Long.MAX_VALUE));
    }

    @Test
    void emptyLists() {
        assertWrittenAsByTheMapper(onlyRequired(List.of()));
        assertWrittenAsByTheMapper(withComponent("stop", List.of()));
        assertWrittenAsByTheMapper(withComponent("tools", List.of()));
        assertWrittenAsByTheMapper(withComponent("modalities", List.of()));
        assertWrittenAsByTheMapper(withComponent("logitBias", Map.of()));
        assertWrittenAsByTheMapper(withComponent("audio", Map.of()));
        assertWrittenAsByTheMapper(onlyRequired(List.of(
                ChatCompletionMessage.of("user", List.of()),
                new ChatCompletionMessage("assistant", null, null, List.of(), null))));
    }

    @Test
    void contentPartsWithAndWithoutDetail() {
        assertWrittenAsByTheMapper(onlyRequired(List.of(ChatCompletionMessage.of(
                "user",
                List.of(
                        ContentPart.text("what is in these?"),
                        ContentPart.image("https://example.com/a.png", "high"),
                        ContentPart.image("data:image/png;base64,iVBORw0KGgo=", null),
                        ContentPart.image("https://example.com/b.png", "auto"),
                        new ContentPart("image_url", "text beside an image", new ImageUrl("u", "low")),
                        new ContentPart("text", null, null))))));
    }

    @Test
    void contentOfOtherShapesIsWrittenAsTheMapperWritesIt() {
        List<Object> mixed = new ArrayList<>();
        mixed.add(ContentPart.text("a part"));
        mixed.add(null);
        mixed.add(Map.of("type", "input_audio"));
        mixed.add("a bare string");
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "text");
        part.put("text", NEEDS_ESCAPING);
        part.put("cache_control", null);

        assertWrittenAsByTheMapper(onlyRequired(List.of(
                ChatCompletionMessage.of("user", mixed),
                ChatCompletionMessage.of("user", part),
                ChatCompletionMessage.of("user", 42),
                ChatCompletionMessage.of("user", new String[] {"a", null}),
                ChatCompletionMessage.of("user", Set.of("only")),
                ChatCompletionMessage.of("user", NamedToolChoice.of("f")))));
    }

    @Test
    void toolCallsAndToolResults() {
        assertWrittenAsByTheMapper(onlyRequired(List.of(
                ChatCompletionMessage.of("system", "be brief"),
                ChatCompletionMessage.of("user", "weather in Tehran and Shiraz?"),
                new ChatCompletionMessage(
                        "assistant",
                        null,
                        null,
                        List.of(
                                new ToolCall(
                                        null,
                                        "call_1",
                                        "function",
                                        new FunctionCall("weather", "{\"city\":\"Tehran\"}")),
                                new ToolCall(
                                        0, "call_2", "function", new FunctionCall("weather", "{\"city\":\"شیراز\"}")),
                                new ToolCall(1, null, null, null),
                                new ToolCall(null, null, null, new FunctionCall(null, null))),
                        null),
                new ChatCompletionMessage("tool", "{\"temp\":21.5}", null, null, "call_1"),
                new ChatCompletionMessage("tool", "", "weather", null, "call_2"))));
    }

    @Test
    void nullsInsideLists() {
        List<ChatCompletionMessage> messages = new ArrayList<>();
        messages.add(null);
        List<ToolCall> calls = new ArrayList<>();
        calls.add(null);
        messages.add(new ChatCompletionMessage("assistant", "", null, calls, null));
        List<String> stop = new ArrayList<>();
        stop.add(null);
        stop.add("END");
        List<FunctionTool> tools = new ArrayList<>();
        tools.add(null);

        assertWrittenAsByTheMapper(onlyRequired(messages));
        assertWrittenAsByTheMapper(withComponent("stop", stop));
        assertWrittenAsByTheMapper(withComponent("modalities", stop));
        assertWrittenAsByTheMapper(withComponent("tools", tools));
    }

    @Test
    void toolDefinitions() {
        assertWrittenAsByTheMapper(withComponent(
                "tools",
                List.of(
                        FunctionTool.of("weather", "The weather in a city", SCHEMA),
                        FunctionTool.of("now", "", "{}"),
                        // Not JSON ("parameters":} as the mapper writes it), but the mapper's bytes all the same.
                        FunctionTool.of("", "no parameters", ""),
                        new FunctionTool(null, new FunctionTool.Function("no_description", null, "{ }")),
                        new FunctionTool("function", null))));
    }

    @Test
    void aNamedToolChoiceAndAStringToolChoice() {
        assertWrittenAsByTheMapper(withComponent("toolChoice", NamedToolChoice.of("weather")));
        assertWrittenAsByTheMapper(withComponent("toolChoice", "required"));
        assertWrittenAsByTheMapper(withComponent("toolChoice", "auto"));
        assertWrittenAsByTheMapper(withComponent("toolChoice", "none"));
        assertWrittenAsByTheMapper(withComponent("toolChoice", Map.of("type", "function")));
    }

    @Test
    void responseFormats() {
        assertWrittenAsByTheMapper(withComponent("responseFormat", new ResponseFormat("json_object", null)));
        assertWrittenAsByTheMapper(withComponent("responseFormat", new ResponseFormat("text", null)));
        assertWrittenAsByTheMapper(withComponent(
                "responseFormat", new ResponseFormat("json_schema", new JsonSchema("answer", SCHEMA, true))));
        assertWrittenAsByTheMapper(withComponent(
                "responseFormat", new ResponseFormat("json_schema", new JsonSchema("answer", SCHEMA, false))));
        assertWrittenAsByTheMapper(
                withComponent("responseFormat", new ResponseFormat("json_schema", new JsonSchema("پاسخ", "{}", null))));
    }

    @Test
    void logitBiasAudioAndModalities() {
        Map<String, Integer> bias = new LinkedHashMap<>();
        bias.put("50256", -100);
        bias.put("1234", 100);
        bias.put("0", 0);
        Map<String, Object> audio = new LinkedHashMap<>();
        audio.put("voice", "alloy");
        audio.put("format", "wav");
        audio.put("speed", 1.25);
        audio.put("nested", Map.of("on", true));
        audio.put("absent", null);

        assertWrittenAsByTheMapper(withComponent("logitBias", bias));
        assertWrittenAsByTheMapper(withComponent("audio", audio));
        assertWrittenAsByTheMapper(withComponent("modalities", List.of("text", "audio")));
    }

    @Test
    void textThatNeedsEscapingInContentAndNames() {
        assertWrittenAsByTheMapper(new ChatCompletionRequest(
                NEEDS_ESCAPING,
                List.of(
                        new ChatCompletionMessage("user", NEEDS_ESCAPING, NEEDS_ESCAPING, null, NEEDS_ESCAPING),
                        ChatCompletionMessage.of(
                                "user",
                                List.of(
                                        ContentPart.text(NEEDS_ESCAPING),
                                        ContentPart.image("https://example.com/?q=\"x\"&y=\\", NEEDS_ESCAPING))),
                        new ChatCompletionMessage(
                                NEEDS_ESCAPING,
                                null,
                                null,
                                List.of(new ToolCall(
                                        0,
                                        NEEDS_ESCAPING,
                                        "function",
                                        new FunctionCall(NEEDS_ESCAPING, "{\"q\":\"😀\"}"))),
                                null)),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(NEEDS_ESCAPING, "\n\n"),
                null,
                null,
                null,
                null,
                null,
                NEEDS_ESCAPING,
                Map.of(NEEDS_ESCAPING, 1),
                List.of(FunctionTool.of(NEEDS_ESCAPING, NEEDS_ESCAPING, "{\"description\":\"ساعت 😀\"}")),
                NamedToolChoice.of(NEEDS_ESCAPING),
                null,
                new ResponseFormat(NEEDS_ESCAPING, new JsonSchema(NEEDS_ESCAPING, SCHEMA, null)),
                NEEDS_ESCAPING,
                List.of(NEEDS_ESCAPING),
                Map.of(NEEDS_ESCAPING, NEEDS_ESCAPING)));
        assertWrittenAsByTheMapper(withComponent("toolChoice", NEEDS_ESCAPING));
    }

    @Test
    void theProtocolsMapperIsWrittenForByHand() {
        assertThat(writer.writesByHand()).isTrue();
    }

    @Test
    void extraFieldsAreMergedAsWireJsonMergesThem() {
        ChatCompletionRequest request = everyComponentSet();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("temperature", "overridden");
        extra.put("provider", Map.of("order", List.of("a", "b")));
        extra.put("messages", null);

        assertThat(writer.write(request, extra)).isEqualTo(WireJson.write(json, request, extra));
        assertThat(writer.write(request, Map.of())).isEqualTo(json.writeValueAsBytes(request));
        assertThat(writer.write(request, null)).isEqualTo(json.writeValueAsBytes(request));
    }

    @Test
    void aMapperThatPrettyPrintsStillGetsItsOwnBytes() {
        JsonMapper indenting = WireJson.newMapper()
                .rebuild()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        ChatCompletionRequest request = everyComponentSet();

        assertThat(new ChatCompletionRequestWriter(indenting).writesByHand()).isTrue();
        assertThat(new String(new ChatCompletionRequestWriter(indenting).write(request, null), UTF_8))
                .isEqualTo(new String(indenting.writeValueAsBytes(request), UTF_8));
    }

    @Test
    void aMapperThatNamesOrIncludesOtherwiseWritesTheRequestItself() {
        JsonMapper renaming = WireJson.newMapper()
                .rebuild()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .build();
        JsonMapper nonEmpty = WireJson.newMapper()
                .rebuild()
                .changeDefaultPropertyInclusion(inclusion ->
                        inclusion.withValueInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY))
                .build();
        ChatCompletionRequest request = everyComponentSet();

        for (JsonMapper mapper : List.of(renaming, nonEmpty)) {
            assertThat(new ChatCompletionRequestWriter(mapper).writesByHand()).isFalse();
            assertThat(new String(new ChatCompletionRequestWriter(mapper).write(request, null), UTF_8))
                    .isEqualTo(new String(mapper.writeValueAsBytes(request), UTF_8));
        }
    }

    /**
     * The writer's list of what it writes is held to the records, in order: a component added to a
     * request record fails here until the writer writes it, and a record the request reaches by its
     * declared types must be one the writer knows.
     */
    @Test
    void theWriterKnowsEveryComponentOfEveryRecordItWrites() {
        for (Map.Entry<Class<? extends Record>, List<String>> written :
                ChatCompletionRequestWriter.COMPONENTS_WRITTEN.entrySet()) {
            assertThat(written.getValue())
                    .as("components of %s the writer writes", written.getKey().getSimpleName())
                    .containsExactly(Arrays.stream(written.getKey().getRecordComponents())
                            .map(RecordComponent::getName)
                            .toArray(String[]::new));
        }
        assertThat(Set.<Class<?>>copyOf(ChatCompletionRequestWriter.COMPONENTS_WRITTEN.keySet()))
                .containsAll(recordsReachedFrom(ChatCompletionRequest.class, new HashSet<>()));
    }

    private static Set<Class<?>> recordsReachedFrom(Class<?> record, Set<Class<?>> reached) {
        if (reached.add(record)) {
            for (RecordComponent component : record.getRecordComponents()) {
                for (Class<?> type : classesIn(component.getGenericType())) {
                    if (type.isRecord()) {
                        recordsReachedFrom(type, reached);
                    }
                }
            }
        }
        return reached;
    }

    private static List<Class<?>> classesIn(Type type) {
        if (type instanceof ParameterizedType generic) {
            List<Class<?>> classes = new ArrayList<>(classesIn(generic.getRawType()));
            for (Type argument : generic.getActualTypeArguments()) {
                classes.addAll(classesIn(argument));
            }
            return classes;
        }
        return type instanceof Class<?> raw ? List.of(raw) : List.of();
    }

    private void assertWrittenAsByTheMapper(ChatCompletionRequest request) {
        byte[] expected = json.writeValueAsBytes(request);
        byte[] written = writer.write(request);
        assertThat(new String(written, UTF_8)).isEqualTo(new String(expected, UTF_8));
        assertThat(written).isEqualTo(expected);
    }

    private static ChatCompletionRequest everyComponentSet() {
        Map<String, Integer> bias = new LinkedHashMap<>();
        bias.put("50256", -100);
        bias.put("9906", 5);
        return new ChatCompletionRequest(
                "gpt-4o-mini",
                List.of(
                        ChatCompletionMessage.of("system", "You answer in Persian."),
                        new ChatCompletionMessage("user", "سلام! \"quoted\" \\ 😀", "reza", null, null),
                        ChatCompletionMessage.of(
                                "user",
                                List.of(
                                        ContentPart.text("describe"),
                                        ContentPart.image("https://example.com/cat.png", "low"),
                                        ContentPart.image("data:image/jpeg;base64,/9j/4AAQ", null))),
                        new ChatCompletionMessage(
                                "assistant",
                                "calling",
                                "helper",
                                List.of(new ToolCall(
                                        0, "call_9", "function", new FunctionCall("weather", "{\"city\":\"Tabriz\"}"))),
                                null),
                        new ChatCompletionMessage("tool", "{\"temp\":3}", null, null, "call_9")),
                0.7,
                0.95,
                40,
                2,
                true,
                new StreamOptions(true),
                List.of("END", "\n\nUser:"),
                1024,
                2048,
                0.5,
                -0.25,
                42L,
                "user-1",
                bias,
                List.of(FunctionTool.of("weather", "The weather in a city", SCHEMA)),
                NamedToolChoice.of("weather"),
                true,
                new ResponseFormat("json_schema", new JsonSchema("answer", SCHEMA, true)),
                "high",
                List.of("text", "audio"),
                Map.of("voice", "alloy", "format", "mp3"));
    }

    private static ChatCompletionRequest onlyRequired(List<ChatCompletionMessage> messages) {
        Object[] values = new Object[23];
        values[0] = "gpt-4o-mini";
        values[1] = messages;
        return withComponents(values);
    }

    private static ChatCompletionRequest withComponent(String name, Object value) {
        RecordComponent[] components = ChatCompletionRequest.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                values[i] = value;
            }
        }
        assertThat(values).as("no component %s", name).isNotEqualTo(new Object[components.length]);
        return withComponents(values);
    }

    private static ChatCompletionRequest withComponents(Object[] values) {
        Class<?>[] types = Arrays.stream(ChatCompletionRequest.class.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            Constructor<ChatCompletionRequest> canonical = ChatCompletionRequest.class.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException unexpected) {
            throw new AssertionError(unexpected);
        }
    }
}
