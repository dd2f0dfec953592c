package ir.aifo.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.chat.AifoResponseFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The configuration metadata an IDE reads: the properties with a fixed set of values offer those
 * values, and every value offered is one the model accepts.
 */
class AifoConfigurationMetadataTest {

    @Test
    void theDialectAndTheResponseFormatTypeAreEnumsSoIdesOfferTheirConstants() {
        assertThat(property("spring.ai.aifo.protocol").get("type").asString()).isEqualTo(AifoProtocol.class.getName());
        assertThat(property("spring.ai.aifo.chat.response-format.type")
                        .get("type")
                        .asString())
                .isEqualTo(AifoResponseFormat.Type.class.getName());
    }

    @Test
    void reasoningEffortOffersItsValuesAndTheModelAcceptsEach() {
        assertThat(hintedValues("spring.ai.aifo.chat.reasoning-effort"))
                .containsExactly("low", "medium", "high")
                .allSatisfy(value -> assertAccepted(builder -> builder.reasoningEffort(value)));
    }

    @Test
    void imageDetailOffersItsValuesAndTheModelAcceptsEach() {
        assertThat(hintedValues("spring.ai.aifo.chat.image-detail"))
                .containsExactly("auto", "low", "high")
                .allSatisfy(value -> assertAccepted(builder -> builder.imageDetail(value)));
    }

    @Test
    void toolChoiceOffersItsModesAndStillAcceptsAFunctionName() {
        assertThat(hintedValues("spring.ai.aifo.chat.tool-choice"))
                .containsExactly("none", "auto", "required")
                .allSatisfy(value -> assertAccepted(builder -> builder.toolChoice(value)));
        // A function's name is allowed too, so the IDE must not flag any other value.
        assertThat(hint("spring.ai.aifo.chat.tool-choice")
                        .get("providers")
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("any");
    }

    @Test
    void namedHubsAndThePrimaryOneAreDescribed() {
        JsonNode hubs = property("spring.ai.aifo.hubs");
        assertThat(hubs.get("type").asString()).startsWith("java.util.Map<java.lang.String,");
        assertThat(hubs.get("description").asString())
                .contains("spring.ai.aifo.hubs.<name>.*")
                .contains("@Qualifier");
        JsonNode primary = property("spring.ai.aifo.primary");
        assertThat(primary.get("type").asString()).isEqualTo(String.class.getName());
        assertThat(primary.get("description").asString()).contains("spring.ai.aifo.hubs");
    }

    private static void assertAccepted(Function<AifoChatOptions.Builder, AifoChatOptions.Builder> option) {
        AifoChatOptions options = option.apply(AifoChatOptions.builder().model("openai/gpt-5-mini"))
                .build();
        assertThatCode(() -> AifoChatModel.builder()
                        .connection(AifoConnection.builder()
                                .apiKey("aifo_sk_live_METADATA0123")
                                .build())
                        .defaultOptions(options)
                        .build())
                .doesNotThrowAnyException();
    }

    private static List<String> hintedValues(String name) {
        List<String> values = new ArrayList<>();
        hint(name).get("values").forEach(value -> values.add(value.get("value").asString()));
        return values;
    }

    private static JsonNode hint(String name) {
        return GeneratedMetadata.hint(name);
    }

    private static JsonNode property(String name) {
        return GeneratedMetadata.property(name);
    }
}
