package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** response_format on the wire, and Spring AI's structured output through ChatClient, native or prompt-based. */
class AifoChatModelStructuredOutputTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final String SCHEMA = """
            {"type":"object","properties":{"city":{"type":"string"},"temperature":{"type":"integer"}},
             "required":["city","temperature"],"additionalProperties":false}""";

    private final JsonMapper json = JsonMapper.builder().build();

    /** What the application wants back. */
    record CityWeather(String city, int temperature, List<String> advice) {}

    private static final String WEATHER_JSON =
            "{\\\"city\\\":\\\"Tehran\\\",\\\"temperature\\\":31,\\\"advice\\\":[\\\"water\\\",\\\"hat\\\"]}";

    @Test
    void textFormatGoesOutAsTypeText() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("ok")));

        call(AifoChatOptions.builder().responseFormat(AifoResponseFormat.text()).build());

        assertThat(body(0).get("response_format").toString()).isEqualTo("{\"type\":\"text\"}");
    }

    @Test
    void jsonObjectFormatGoesOutAsTypeJsonObject() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("{}")));

        call(AifoChatOptions.builder()
                .responseFormat(AifoResponseFormat.jsonObject())
                .build());

        assertThat(body(0).get("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
    }

    @Test
    void jsonSchemaFormatGoesOutWithItsNameStrictnessAndTheSchemaAsAJsonObject() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("{}")));
        AifoResponseFormat format =
                new AifoResponseFormat(AifoResponseFormat.Type.JSON_SCHEMA, "city_weather", SCHEMA, false);

        call(AifoChatOptions.builder().responseFormat(format).build());

        JsonNode responseFormat = body(0).get("response_format");
        assertThat(responseFormat.get("type").asString()).isEqualTo("json_schema");
        JsonNode jsonSchema = responseFormat.get("json_schema");
        assertThat(jsonSchema.get("name").asString()).isEqualTo("city_weather");
        assertThat(jsonSchema.get("strict").isBoolean()).isTrue();
        assertThat(jsonSchema.get("strict").asBoolean()).isFalse();
        // An object, not the schema's text in a string.
        assertThat(jsonSchema.get("schema").isObject()).isTrue();
        assertThat(jsonSchema.get("schema")).isEqualTo(json.readTree(SCHEMA));
    }

    @Test
    void jsonSchemaFactoryIsStrictAndAFormatWithoutNameOrStrictnessSendsTheDefaultNameOnly() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("{}")));

        call(AifoChatOptions.builder()
                .responseFormat(AifoResponseFormat.jsonSchema("weather", SCHEMA))
                .build());
        call(AifoChatOptions.builder()
                .responseFormat(new AifoResponseFormat(AifoResponseFormat.Type.JSON_SCHEMA, null, SCHEMA, null))
                .build());

        JsonNode strict = body(0).get("response_format").get("json_schema");
        assertThat(strict.get("name").asString()).isEqualTo("weather");
        assertThat(strict.get("strict").asBoolean()).isTrue();
        JsonNode bare = body(1).get("response_format").get("json_schema");
        assertThat(bare.get("name").asString()).isEqualTo(AifoResponseFormat.DEFAULT_SCHEMA_NAME);
        assertThat(bare.has("strict")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\":\"object\"",
                "{type: object}",
                "{\"type\":\"object\"} {\"type\":\"string\"}",
                "[{\"type\":\"object\"}]",
                "\"object\""
            })
    void schemaThatIsNotAJsonObjectFailsBeforeSendingNamingTheOption(String schema) {
        AifoChatOptions options = AifoChatOptions.builder()
                .responseFormat(AifoResponseFormat.jsonSchema("weather", schema))
                .build();
        AifoChatModel model = HubStub.model(hub).build();

        Throwable call = catchThrowable(() -> model.call(new Prompt("How warm is Tehran?", options)));

        assertThat(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responseFormat");
        StepVerifier.create(model.stream(new Prompt("How warm is Tehran?", options)))
                .expectErrorSatisfies(failure -> assertThat(failure)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("responseFormat"))
                .verify(TIMEOUT);
        assertThat(HubStub.allRequests(hub)).isEmpty();
    }

    @Test
    void jsonSchemaWithoutASchemaCannotBeMade() {
        Throwable failure =
                catchThrowable(() -> new AifoResponseFormat(AifoResponseFormat.Type.JSON_SCHEMA, "weather", " ", true));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema");
    }

    @Test
    void nativeStructuredOutputSendsTheRecordsSchemaAndConvertsTheReplyIntoTheRecord() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion(WEATHER_JSON)));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        CityWeather weather = client.prompt()
                .user("How warm is Tehran?")
                .advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
                .call()
                .entity(CityWeather.class);

        assertThat(weather).isEqualTo(new CityWeather("Tehran", 31, List.of("water", "hat")));
        JsonNode body = body(0);
        JsonNode responseFormat = body.get("response_format");
        assertThat(responseFormat.get("type").asString()).isEqualTo("json_schema");
        JsonNode jsonSchema = responseFormat.get("json_schema");
        assertThat(jsonSchema.get("name").asString()).isEqualTo(AifoResponseFormat.DEFAULT_SCHEMA_NAME);
        assertThat(jsonSchema.get("strict").asBoolean()).isTrue();
        JsonNode schema = jsonSchema.get("schema");
        assertThat(schema.get("type").asString()).isEqualTo("object");
        assertThat(schema.get("properties").propertyNames()).contains("city", "temperature", "advice");
        assertThat(schema.get("properties").get("temperature").get("type").asString())
                .isEqualTo("integer");
        // The schema travels as an API constraint, so the user's text goes out untouched.
        assertThat(body.get("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":\"How warm is Tehran?\"}]");
    }

    @Test
    void promptBasedStructuredOutputAppendsFormatInstructionsAndSendsNoResponseFormat() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion(WEATHER_JSON)));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        CityWeather weather = client.prompt().user("How warm is Tehran?").call().entity(CityWeather.class);

        assertThat(weather).isEqualTo(new CityWeather("Tehran", 31, List.of("water", "hat")));
        JsonNode body = body(0);
        assertThat(body.has("response_format")).isFalse();
        String userText = body.get("messages").get(0).get("content").asString();
        assertThat(userText).startsWith("How warm is Tehran?").contains("JSON").contains("\"temperature\"");
    }

    @Test
    void nativeStructuredOutputReplacesADefaultResponseFormatForThatRequestOnly() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion(WEATHER_JSON)));
        ChatClient client = ChatClient.create(HubStub.model(hub)
                .defaultOptions(AifoChatOptions.builder()
                        .model("openai/gpt-5-mini")
                        .responseFormat(AifoResponseFormat.jsonObject())
                        .build())
                .build());

        client.prompt()
                .user("How warm is Tehran?")
                .advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
                .call()
                .entity(CityWeather.class);
        client.prompt().user("Say hi").call().content();

        assertThat(body(0).get("response_format").get("type").asString()).isEqualTo("json_schema");
        assertThat(body(1).get("response_format").toString()).isEqualTo("{\"type\":\"json_object\"}");
    }

    private static void call(AifoChatOptions options) {
        HubStub.model(hub).build().call(new Prompt("How warm is Tehran?", options));
    }

    private JsonNode body(int index) {
        return json.readTree(HubStub.requests(hub).get(index).getBodyAsString());
    }
}
