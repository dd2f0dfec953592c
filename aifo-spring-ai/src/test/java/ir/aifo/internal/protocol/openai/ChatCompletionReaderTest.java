package ir.aifo.internal.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.fuzz.FuzzLoop;
import ir.aifo.fuzz.JsonMutator;
import ir.aifo.internal.protocol.WireJson;
import ir.aifo.internal.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reader builds the records itself for speed; whatever the input, it must give exactly what the
 * mapper gives: the same completion, or a Jackson exception with the same message.
 */
class ChatCompletionReaderTest {

    private static final int CASES = 10_000;

    private static final Set<String> FIELD_NAMES = Set.of(
            "id",
            "created",
            "error",
            "choices",
            "message",
            "delta",
            "content",
            "tool_calls",
            "index",
            "usage",
            "prompt_tokens_details",
            "completion_tokens_details",
            "cached_tokens",
            "total_tokens",
            "finish_reason",
            "reasoning_content",
            "reasoning",
            "refusal",
            "audio",
            "role");

    private final JsonMapper json = WireJson.newMapper();

    private final ChatCompletionReader reader = new ChatCompletionReader(json);

    @Test
    void readsWhatTheMapperReadsForEdgeCases() {
        List<String> inputs = List.of(
                "{\"id\":\"a\",\"object\":\"chat.completion\",\"created\":1767225600,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"سلام\"},"
                        + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,"
                        + "\"completion_tokens\":2,\"total_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":0},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":4,\"text_tokens\":5}},"
                        + "\"system_fingerprint\":\"fp\"}",
                "{\"choices\":[{\"delta\":{\"content\":null}}]}",
                "{\"choices\":[{\"delta\":{}}],\"error\":null}",
                "{\"choices\":[{\"delta\":{\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]}}]}",
                "{\"choices\":[{\"message\":{\"audio\":{\"id\":\"a\",\"data\":\"AAA\",\"expires_at\":1}}}]}",
                "{\"choices\":[null]}",
                "{\"choices\":{}}",
                "{\"choices\":null,\"usage\":null}",
                "{\"id\":123,\"created\":\"77\"}",
                "{\"created\":1.5}",
                "{\"created\":99999999999999999999}",
                "{\"choices\":[{\"index\":\"3\"}]}",
                "{\"choices\":[{\"index\":3000000000}]}",
                "{\"id\":\"a\",\"id\":\"b\"}",
                "{\"choices\":[{\"index\":0,\"index\":1}]}",
                "{\"id\":\"a\"} {\"x\":1}",
                "{\"id\":\"a\"} x",
                "{\"error\":{\"message\":\"bad\",\"code\":\"x\"}}",
                "{\"error\":false}",
                "{\"usage\":{\"total_tokens\":true}}",
                "{\"x\":{\"y\":[1,2,{\"z\":null}]},\"id\":\"a\"}",
                "null",
                "[]",
                "\"text\"",
                "{",
                "{\"id\":\"a\",}",
                "");
        FuzzLoop.runEach(
                "ChatCompletionReader: edge cases",
                0x0A1_0101L,
                inputs,
                (input, seed) -> assertSameAsMapper(input, () -> input));
    }

    @Test
    void readsWhatTheMapperReadsForGeneratedAndMutatedCompletions() {
        FuzzLoop.run("ChatCompletionReader: completions", 0x0A1_0102L, CASES, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            JsonNode completion = ChatCompletionGenerator.generate(random).json();
            JsonMutator mutator = new JsonMutator(random, FIELD_NAMES);
            if (random.nextInt(4) != 0) {
                mutator.mutate(completion, 1 + random.nextInt(3));
            }
            String input = json.writeValueAsString(completion);
            assertSameAsMapper(input, () -> "seed " + seed + ", mutations " + mutator.log() + "\n" + input);
        });
    }

    @Test
    void readsWhatTheMapperReadsForGeneratedAndMutatedChunks() {
        FuzzLoop.run("ChatCompletionReader: stream chunks", 0x0A1_0103L, CASES / 10, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            for (SseEvent event :
                    ChunkStreamGenerator.generate(random, random.nextBoolean()).events()) {
                if (event.data().equals(ChunkStreamGenerator.DONE)) {
                    continue;
                }
                JsonNode chunk = json.readTree(event.data());
                JsonMutator mutator = new JsonMutator(random, FIELD_NAMES);
                if (chunk.isContainer() && random.nextInt(3) == 0) {
                    mutator.mutate(chunk, 1 + random.nextInt(2));
                }
                String input = json.writeValueAsString(chunk);
                assertSameAsMapper(input, () -> "seed " + seed + ", mutations " + mutator.log() + "\n" + input);
            }
        });
    }

    private void assertSameAsMapper(String input, Supplier<String> description) {
        Outcome expected = outcome(() -> json.readValue(input, ChatCompletion.class));
        assertThat(outcome(() -> reader.read(input))).as(description).isEqualTo(expected);
        assertThat(outcome(() -> reader.read(input.getBytes(StandardCharsets.UTF_8))))
                .as(description)
                .isEqualTo(outcome(() -> json.readValue(input.getBytes(StandardCharsets.UTF_8), ChatCompletion.class)));
    }

    private static Outcome outcome(Supplier<@Nullable ChatCompletion> read) {
        try {
            return new Outcome(read.get(), null);
        } catch (JacksonException failure) {
            return new Outcome(null, failure.getClass().getName() + ": " + failure.getOriginalMessage());
        }
    }

    private record Outcome(
            @Nullable ChatCompletion completion, @Nullable String failure) {}
}
