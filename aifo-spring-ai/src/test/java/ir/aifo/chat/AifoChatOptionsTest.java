package ir.aifo.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

class AifoChatOptionsTest {

    private static final ToolCallback WEATHER = new StubTool("get_weather");

    private static final ToolCallback TIME = new StubTool("get_time");

    private static AifoChatOptions full() {
        return AifoChatOptions.builder()
                .model("openai/gpt-5-mini")
                .temperature(0.7)
                .topP(0.9)
                .topK(40)
                .n(2)
                .stopSequences(List.of("END"))
                .maxTokens(256)
                .maxCompletionTokens(300)
                .presencePenalty(-0.5)
                .frequencyPenalty(1.5)
                .seed(42L)
                .user("user-7")
                .logitBias(Map.of("50256", -100))
                .streamUsage(false)
                .toolCallbacks(List.of(WEATHER))
                .toolContext(Map.of("tenant", "acme"))
                .build();
    }

    @Test
    void mutateThenBuildGivesAnEqualCopyOfEveryField() {
        AifoChatOptions original = full();

        AifoChatOptions copy = original.mutate().build();

        assertThat(copy).isNotSameAs(original).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(copy.getN()).isEqualTo(2);
        assertThat(copy.getMaxCompletionTokens()).isEqualTo(300);
        assertThat(copy.getSeed()).isEqualTo(42L);
        assertThat(copy.getUser()).isEqualTo("user-7");
        assertThat(copy.getLogitBias()).containsExactlyEntriesOf(Map.of("50256", -100));
        assertThat(copy.getStreamUsage()).isFalse();
        assertThat(copy.getToolCallbacks()).containsExactly(WEATHER);
        assertThat(copy.getToolContext()).containsExactlyEntriesOf(Map.of("tenant", "acme"));
    }

    @Test
    void optionsThatDifferInAnAifoOnlyFieldAreNotEqual() {
        assertThat(full().mutate().seed(43L).build()).isNotEqualTo(full());
        assertThat(full().mutate().streamUsage(true).build()).isNotEqualTo(full());
        assertThat(full().mutate().logitBias(Map.of("50256", 5)).build()).isNotEqualTo(full());
    }

    @Test
    void combiningGenericOptionsOverAifoOptionsKeepsTheAifoOnlyFields() {
        AifoChatOptions combined = full().mutate()
                .combineWith(ChatOptions.builder().temperature(0.2).maxTokens(64))
                .build();

        assertThat(combined.getTemperature()).isEqualTo(0.2);
        assertThat(combined.getMaxTokens()).isEqualTo(64);
        assertThat(combined.getModel()).isEqualTo("openai/gpt-5-mini");
        assertThat(combined.getN()).isEqualTo(2);
        assertThat(combined.getMaxCompletionTokens()).isEqualTo(300);
        assertThat(combined.getSeed()).isEqualTo(42L);
        assertThat(combined.getUser()).isEqualTo("user-7");
        assertThat(combined.getLogitBias()).containsExactlyEntriesOf(Map.of("50256", -100));
        assertThat(combined.getStreamUsage()).isFalse();
        assertThat(combined.getToolCallbacks()).containsExactly(WEATHER);
    }

    @Test
    void combiningAifoOptionsOverAifoOptionsTakesTheirSetFields() {
        AifoChatOptions combined = full().mutate()
                .combineWith(AifoChatOptions.builder().seed(7L).user("user-8").streamUsage(true))
                .build();

        assertThat(combined.getSeed()).isEqualTo(7L);
        assertThat(combined.getUser()).isEqualTo("user-8");
        assertThat(combined.getStreamUsage()).isTrue();
        assertThat(combined.getN()).isEqualTo(2);
    }

    @Test
    void overDefaultsFillsGapsFromTheDefaultsAndLetsTheRequestWin() {
        AifoChatOptions requested = AifoChatOptions.builder()
                .model("tokenhub/gpt-4")
                .n(3)
                .stopSequences(List.of("STOP"))
                .toolCallbacks(List.of(TIME))
                .build();

        AifoChatOptions merged = AifoChatOptions.overDefaults(requested, full());

        assertThat(merged.getModel()).isEqualTo("tokenhub/gpt-4");
        assertThat(merged.getN()).isEqualTo(3);
        assertThat(merged.getStopSequences()).containsExactly("STOP");
        assertThat(merged.getToolCallbacks()).containsExactly(TIME);
        assertThat(merged.getTemperature()).isEqualTo(0.7);
        assertThat(merged.getSeed()).isEqualTo(42L);
        assertThat(merged.getUser()).isEqualTo("user-7");
        assertThat(merged.getLogitBias()).containsExactlyEntriesOf(Map.of("50256", -100));
        assertThat(merged.getStreamUsage()).isFalse();
        assertThat(merged.getToolContext()).containsEntry("tenant", "acme");
    }

    @Test
    void overDefaultsOfGenericOptionsKeepsTheDefaultsAifoOnlyFields() {
        AifoChatOptions merged = AifoChatOptions.overDefaults(
                ChatOptions.builder().temperature(0.1).build(), full());

        assertThat(merged.getTemperature()).isEqualTo(0.1);
        assertThat(merged.mutate().temperature(0.7).build()).isEqualTo(full());
    }

    @Test
    void overDefaultsAppliedTwiceChangesNothingAndDuplicatesNoList() {
        AifoChatOptions requested = AifoChatOptions.builder()
                .temperature(0.3)
                .stopSequences(List.of("STOP"))
                .toolCallbacks(List.of(TIME))
                .logitBias(Map.of("42", 1))
                .build();

        AifoChatOptions once = AifoChatOptions.overDefaults(requested, full());
        AifoChatOptions twice = AifoChatOptions.overDefaults(once, full());

        assertThat(twice).isEqualTo(once);
        assertThat(twice.getStopSequences()).containsExactly("STOP");
        assertThat(twice.getToolCallbacks()).containsExactly(TIME);
        assertThat(twice.getLogitBias()).containsExactlyEntriesOf(Map.of("42", 1));
    }

    @Test
    void requestBuiltFromTheDefaultsAsChatClientDoesGetsNoDuplicatedStopsOrTools() {
        // ChatClient starts from the model's options and combines the request's over them.
        AifoChatOptions fromChatClient = full().mutate()
                .combineWith(ChatOptions.builder().temperature(0.1))
                .build();

        AifoChatOptions merged = AifoChatOptions.overDefaults(fromChatClient, full());

        assertThat(merged.getStopSequences()).containsExactly("END");
        assertThat(merged.getToolCallbacks()).containsExactly(WEATHER);
        assertThat(merged.getTemperature()).isEqualTo(0.1);
    }

    @Test
    void toStringListsTheSetFieldsAndCountsTools() {
        assertThat(full().toString())
                .isEqualTo("AifoChatOptions{model=openai/gpt-5-mini, temperature=0.7, topP=0.9, topK=40, n=2,"
                        + " stopSequences=[END], maxTokens=256, maxCompletionTokens=300, presencePenalty=-0.5,"
                        + " frequencyPenalty=1.5, seed=42, user=user-7, logitBias={50256=-100}, streamUsage=false,"
                        + " tools=1}");
        assertThat(AifoChatOptions.builder().build().toString()).isEqualTo("AifoChatOptions{}");
        assertThat(AifoChatOptions.builder().model("m").build().toString()).isEqualTo("AifoChatOptions{model=m}");
    }

    /** A tool that only has a name; equal by name. */
    private record StubTool(String name) implements ToolCallback {

        @Override
        public ToolDefinition getToolDefinition() {
            return ToolDefinition.builder()
                    .name(name)
                    .description(name)
                    .inputSchema("{\"type\":\"object\"}")
                    .build();
        }

        @Override
        public String call(String toolInput) {
            return "";
        }
    }
}
