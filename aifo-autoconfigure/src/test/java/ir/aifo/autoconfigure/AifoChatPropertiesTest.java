package ir.aifo.autoconfigure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoResponseFormat;
import ir.aifo.testing.LogCapture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The properties of the full OpenAI-compatible request model bind into the model's default options. */
class AifoChatPropertiesTest {

    private static final String KEY = "aifo_sk_live_ISSUE3KEY";

    private static final String SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}";

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    // The context logs each start-up failure these tests provoke as it cancels its refresh.
    @RegisterExtension
    final LogCapture logs = LogCapture.of(AnnotationConfigApplicationContext.class);

    private final ApplicationContextRunner runner = AifoContextRunner.withStarter();

    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void stubHub() {
        hub.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"id":"c1","model":"openai/gpt-4o","choices":[{"index":0,
                                 "message":{"role":"assistant","content":"{\\"city\\":\\"Tehran\\"}"},
                                 "finish_reason":"stop"}]}
                                """)));
    }

    private ApplicationContextRunner withHub(String... properties) {
        return AifoContextRunner.withHub(hub.baseUrl(), KEY, properties);
    }

    @Test
    void everyNewChatPropertyBecomesADefaultOptionAndGoesOutOnTheWire() {
        withHub(
                        "spring.ai.aifo.chat.model=openai/gpt-4o",
                        "spring.ai.aifo.chat.tool-choice=required",
                        "spring.ai.aifo.chat.parallel-tool-calls=false",
                        "spring.ai.aifo.chat.reasoning-effort=high",
                        "spring.ai.aifo.chat.modalities=text,audio",
                        "spring.ai.aifo.chat.audio.voice=alloy",
                        "spring.ai.aifo.chat.audio.format=wav",
                        "spring.ai.aifo.chat.image-detail=low",
                        "spring.ai.aifo.chat.extra-body.provider.sort=price",
                        "spring.ai.aifo.chat.http-headers.X-Title=my-app",
                        "spring.ai.aifo.chat.response-format.type=json_schema",
                        "spring.ai.aifo.chat.response-format.name=city",
                        "spring.ai.aifo.chat.response-format.schema=" + SCHEMA,
                        "spring.ai.aifo.chat.response-format.strict=false")
                .run(context -> {
                    AifoChatOptions options =
                            context.getBean(AifoChatModel.class).getOptions();
                    assertThat(options.getToolChoice()).isEqualTo("required");
                    assertThat(options.getParallelToolCalls()).isFalse();
                    assertThat(options.getReasoningEffort()).isEqualTo("high");
                    assertThat(options.getModalities()).containsExactly("text", "audio");
                    assertThat(options.getAudio()).isEqualTo(Map.of("voice", "alloy", "format", "wav"));
                    assertThat(options.getImageDetail()).isEqualTo("low");
                    assertThat(options.getExtraBody()).isEqualTo(Map.of("provider", Map.of("sort", "price")));
                    assertThat(options.getHttpHeaders()).containsOnlyKeys("X-Title");
                    assertThat(options.getHttpHeaders()).containsEntry("X-Title", "my-app");
                    assertThat(options.getResponseFormat())
                            .isEqualTo(
                                    new AifoResponseFormat(AifoResponseFormat.Type.JSON_SCHEMA, "city", SCHEMA, false));

                    context.getBean(ChatClient.Builder.class)
                            .build()
                            .prompt()
                            .user("Where is it warm?")
                            .call()
                            .content();

                    LoggedRequest request = onlyRequest();
                    assertThat(request.getHeader("X-Title")).isEqualTo("my-app");
                    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
                    JsonNode body = json.readTree(request.getBodyAsString());
                    assertThat(body.get("model").asString()).isEqualTo("openai/gpt-4o");
                    assertThat(body.get("tool_choice").asString()).isEqualTo("required");
                    assertThat(body.get("parallel_tool_calls").asBoolean()).isFalse();
                    assertThat(body.get("reasoning_effort").asString()).isEqualTo("high");
                    assertThat(body.get("modalities").toString()).isEqualTo("[\"text\",\"audio\"]");
                    assertThat(body.get("audio")).isEqualTo(json.readTree("{\"voice\":\"alloy\",\"format\":\"wav\"}"));
                    assertThat(body.get("provider").toString()).isEqualTo("{\"sort\":\"price\"}");
                    JsonNode format = body.get("response_format");
                    assertThat(format.get("type").asString()).isEqualTo("json_schema");
                    assertThat(format.get("json_schema").get("name").asString()).isEqualTo("city");
                    assertThat(format.get("json_schema").get("strict").asBoolean())
                            .isFalse();
                    assertThat(format.get("json_schema").get("schema")).isEqualTo(json.readTree(SCHEMA));
                });
    }

    @Test
    void jsonSchemaResponseFormatIsStrictAndNamedResponseByDefault() {
        withHub(
                        "spring.ai.aifo.chat.response-format.type=json-schema",
                        "spring.ai.aifo.chat.response-format.schema=" + SCHEMA)
                .run(context -> assertThat(context.getBean(AifoChatModel.class)
                                .getOptions()
                                .getResponseFormat())
                        .isEqualTo(AifoResponseFormat.jsonSchema(AifoResponseFormat.DEFAULT_SCHEMA_NAME, SCHEMA)));
    }

    @Test
    void jsonObjectResponseFormatNeedsNothingElse() {
        withHub("spring.ai.aifo.chat.response-format.type=json_object")
                .run(context -> assertThat(context.getBean(AifoChatModel.class)
                                .getOptions()
                                .getResponseFormat())
                        .isEqualTo(AifoResponseFormat.jsonObject()));
    }

    @Test
    void unsetNewPropertiesSendNothing() {
        withHub().run(context -> {
            AifoChatOptions options = context.getBean(AifoChatModel.class).getOptions();
            assertThat(options.getToolChoice()).isNull();
            assertThat(options.getParallelToolCalls()).isNull();
            assertThat(options.getReasoningEffort()).isNull();
            assertThat(options.getModalities()).isNull();
            assertThat(options.getAudio()).isNull();
            assertThat(options.getImageDetail()).isNull();
            assertThat(options.getExtraBody()).isNull();
            assertThat(options.getHttpHeaders()).isNull();
            assertThat(options.getResponseFormat()).isNull();
        });
    }

    @Test
    void extraBodyKeysKeepTheirUnderscoresAndValuesFromPropertiesAreStrings() {
        withHub(
                        "spring.ai.aifo.chat.extra-body.provider.allow_fallbacks=false",
                        "spring.ai.aifo.chat.extra-body[min_p]=0.1")
                .run(context -> assertThat(context.getBean(AifoChatModel.class)
                                .getOptions()
                                .getExtraBody())
                        .isEqualTo(Map.of("provider", Map.of("allow_fallbacks", "false"), "min_p", "0.1")));
    }

    @Test
    void typedExtraBodyValuesAsYamlGivesThemGoOutAsJsonBooleansAndNumbers() {
        // A YAML file's property source holds typed values; a .properties file's holds strings.
        Map<String, Object> yaml = Map.of(
                "spring.ai.aifo.chat.extra-body.provider.allow_fallbacks",
                false,
                "spring.ai.aifo.chat.extra-body.top_a",
                0.5);
        withHub()
                .withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource("application.yaml", yaml)))
                .run(context -> {
                    context.getBean(ChatClient.Builder.class)
                            .build()
                            .prompt()
                            .user("hi")
                            .call()
                            .content();

                    JsonNode body = json.readTree(onlyRequest().getBodyAsString());
                    assertThat(body.get("provider").toString()).isEqualTo("{\"allow_fallbacks\":false}");
                    assertThat(body.get("top_a").isNumber()).isTrue();
                    assertThat(body.get("top_a").asDouble()).isEqualTo(0.5);
                });
    }

    @Test
    void jsonSchemaWithoutASchemaFailsStartUpNamingTheProperty() {
        withHub("spring.ai.aifo.chat.response-format.type=json_schema")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.chat.response-format.schema")
                        .hasMessageContaining("json_schema"));
    }

    @Test
    void invalidReasoningEffortFailsStartUpNamingThePropertyAndTheAllowedValues() {
        withHub("spring.ai.aifo.chat.reasoning-effort=extreme")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.chat.reasoning-effort")
                        .hasMessageContaining("extreme")
                        .hasMessageContaining("low, medium, high"));
    }

    @Test
    void invalidImageDetailFailsStartUpNamingTheProperty() {
        withHub("spring.ai.aifo.chat.image-detail=ultra")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("spring.ai.aifo.chat.image-detail")
                        .hasMessageContaining("ultra"));
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = hub.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
