package ir.aifo.internal.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.error.AifoException;
import ir.aifo.fuzz.ByteMutator;
import ir.aifo.fuzz.DeepNesting;
import ir.aifo.fuzz.FuzzCases;
import ir.aifo.fuzz.FuzzLoop;
import ir.aifo.fuzz.HostileHeaders;
import ir.aifo.fuzz.JsonMutator;
import ir.aifo.fuzz.ParseOutcome;
import ir.aifo.fuzz.ParserContract;
import ir.aifo.fuzz.PrintableBytes;
import ir.aifo.fuzz.RandomStatus;
import ir.aifo.internal.http.HubReply;
import ir.aifo.internal.protocol.WireJson;
import ir.aifo.internal.protocol.openai.ChatCompletionGenerator.GeneratedCompletion;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes {@link OpenAiProtocol#readReply}: valid completions broken every way a hub or a proxy could
 * break them either read as a chat response or fail with an {@code Aifo...} exception, in time; a
 * reply that is an error status is never passed off as an answer, and an intact one reads exactly.
 * {@link OpenAiProtocol#readError}, which reads the same replies when a stream was asked for, returns
 * an {@code Aifo...} exception for each (checked on a quarter of the cases).
 */
class OpenAiReplyFuzzTest {

    private static final int CASES = 10_000;

    private static final String API_KEY = "aifo_sk_live_fuzz0123456789abcdef";

    private static final URI HUB = URI.create("https://api.haftominhonar.ir/v1/chat/completions");

    private static final Set<String> FIELD_NAMES = Set.of(
            "error",
            "choices",
            "message",
            "delta",
            "content",
            "tool_calls",
            "function",
            "arguments",
            "index",
            "usage",
            "prompt_tokens_details",
            "finish_reason",
            "reasoning_content",
            "audio",
            "text");

    private final OpenAiProtocol protocol = new OpenAiProtocol(API_KEY, OpenAiProtocol.DEFAULT_COMPLETIONS_PATH);

    private final JsonMapper json = WireJson.newMapper();

    @Test
    void mutatedCompletionsReadAsResponsesOrAifoExceptions() {
        FuzzLoop.run("OpenAI readReply: mutated completions", 0x0A1_0001L, CASES, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            GeneratedCompletion generated = ChatCompletionGenerator.generate(random);
            List<String> log = new ArrayList<>();
            boolean intact = random.nextInt(8) == 0;
            byte[] body;
            if (intact) {
                body = json.writeValueAsBytes(generated.json());
            } else {
                JsonMutator mutator = new JsonMutator(random, FIELD_NAMES);
                mutator.mutate(generated.json(), random.nextInt(4));
                log.addAll(mutator.log());
                body = json.writeValueAsBytes(generated.json());
                if (random.nextInt(3) == 0) {
                    ByteMutator bytes = new ByteMutator(random);
                    body = bytes.mutate(body, 1 + random.nextInt(2));
                    log.addAll(bytes.log());
                }
            }
            int status = intact ? 200 : RandomStatus.any(random);
            HttpHeaders headers = random.nextBoolean() ? HostileHeaders.json() : HostileHeaders.any(random);
            boolean alsoAsStreamReply = random.nextInt(4) == 0;
            checkReply(
                    new HubReply(HUB, status, headers, body),
                    intact ? generated : null,
                    alsoAsStreamReply,
                    () -> FuzzCases.describe(seed) + "\nstatus " + status + ", headers " + headers.map()
                            + "\nmutations " + log);
        });
    }

    @Test
    void tenMegabyteBodiesReadOrFailInTime() {
        String persian = "سلام، حال شما چطور است؟ ";
        String longText = persian.repeat((10 << 20) / persian.getBytes(StandardCharsets.UTF_8).length);
        byte[] valid = ("{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                        + longText + "\"},\"finish_reason\":\"stop\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] garbage = new byte[10 << 20];
        new SplittableRandom(7).nextBytes(garbage);
        List<byte[]> bodies = List.of(
                valid,
                java.util.Arrays.copyOf(valid, valid.length - 7),
                withByte(valid, valid.length / 2, (byte) 0xFF),
                DeepNesting.arrays(5 << 20).getBytes(StandardCharsets.US_ASCII),
                garbage,
                (" ".repeat(10 << 20) + "{}").getBytes(StandardCharsets.US_ASCII));
        FuzzLoop.runEach("OpenAI readReply: 10 MB bodies", 0x0A1_0002L, bodies, (body, seed) -> {
            boolean whole = body == valid;
            int status = whole ? 200 : RandomStatus.any(new SplittableRandom(seed));
            ChatResponse response = checkReply(
                    new HubReply(HUB, status, HostileHeaders.json(), body),
                    null,
                    false,
                    () -> "10 MB body " + bodies.indexOf(body) + ", status " + status);
            if (whole) {
                assertThat(response.getResult().getOutput().getText()).isEqualTo(longText);
            }
        });
    }

    /**
     * Reads the reply and checks the contract; returns the response, or null when it threw. With
     * {@code alsoAsStreamReply} it also reads the reply as the answer to a stream request (not every
     * time: that path reads the body again, and the case count is what matters most).
     */
    private ChatResponse checkReply(
            HubReply reply, GeneratedCompletion intact, boolean alsoAsStreamReply, Supplier<String> caseName) {
        Supplier<String> description = () -> caseName.get() + "\nbody " + PrintableBytes.of(reply.body());
        ParseOutcome<ChatResponse> outcome =
                ParserContract.check(() -> protocol.readReply(reply, "openai/gpt-5-mini", Map.of()), description);
        if (!reply.isSuccessful()) {
            assertThat(outcome.failed())
                    .as(() -> "an error status must not read as an answer; " + description.get())
                    .isTrue();
        }
        ChatResponse response = outcome.result();
        if (response != null) {
            assertThat(response.getResults()).as(description).isNotEmpty();
        } else {
            assertThat(outcome.failure()).as(description).isNotNull();
        }
        if (intact != null) {
            assertThat(response)
                    .as(() -> "an intact completion must read; " + description.get())
                    .isNotNull();
            assertThat(response.getResult().getOutput().getText())
                    .as(description)
                    .isEqualTo(intact.text());
        }
        if (outcome.failure() != null) {
            assertThat(outcome.failure().getMessage()).as(description).doesNotContain(API_KEY);
        }
        if (alsoAsStreamReply) {
            // The same reply as the answer to a stream request: the error it stands for, returned, never thrown.
            ParseOutcome<RuntimeException> error = ParserContract.check(() -> protocol.readError(reply), description);
            assertThat(error.result()).as(description).isInstanceOf(AifoException.class);
        }
        return response;
    }

    private static byte[] withByte(byte[] bytes, int at, byte value) {
        byte[] copy = bytes.clone();
        copy[at] = value;
        return copy;
    }
}
