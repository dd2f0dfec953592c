package ir.aifo.internal.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.fuzz.FuzzCases;
import ir.aifo.fuzz.FuzzLoop;
import ir.aifo.fuzz.HostileHeaders;
import ir.aifo.fuzz.ParseOutcome;
import ir.aifo.fuzz.ParserContract;
import ir.aifo.fuzz.PrintableBytes;
import ir.aifo.internal.protocol.HubStreamDecoder;
import ir.aifo.internal.protocol.openai.ChunkStreamGenerator.ExpectedToolCall;
import ir.aifo.internal.protocol.openai.ChunkStreamGenerator.GeneratedChunkStream;
import ir.aifo.internal.sse.SseEvent;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Fuzzes the OpenAI stream decoder: every event of a broken stream yields a response, nothing, or an
 * {@code Aifo...} exception (after which the model ends the stream); a stream that ends without
 * {@code [DONE]} is an {@link AifoServerException} at its end and one that had it is not; an intact
 * stream decodes to exactly its text, reasoning and tool calls; and tool-call pieces with random or
 * missing indexes and ids lose none of their argument text.
 */
class OpenAiStreamFuzzTest {

    private static final int CASES = 10_000;

    private final OpenAiProtocol protocol =
            new OpenAiProtocol("aifo_sk_live_fuzz0123456789abcdef", OpenAiProtocol.DEFAULT_COMPLETIONS_PATH);

    /** What decoding one stream did, event by event. */
    private record Decoded(List<ChatResponse> responses, boolean failed, boolean done) {}

    @Test
    void mutatedStreamsYieldResponsesNothingOrAifoExceptions() {
        FuzzLoop.run("OpenAI stream decoder: mutated streams", 0x0A1_0003L, CASES, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            boolean wellIndexed = random.nextInt(3) != 0;
            GeneratedChunkStream generated = ChunkStreamGenerator.generate(random, wellIndexed);
            boolean intact = wellIndexed && random.nextInt(6) == 0;
            StreamEventMutator mutator = new StreamEventMutator(random);
            List<SseEvent> events = intact ? generated.events() : mutator.mutate(generated.events());
            HttpHeaders headers = random.nextBoolean() ? HostileHeaders.json() : HostileHeaders.any(random);

            Decoded decoded = decode(
                    events,
                    headers,
                    () -> FuzzCases.describe(seed) + "\nheaders " + headers.map() + "\nmutations " + mutator.log()
                            + "\nevents " + describe(events));
            if (intact) {
                assertDecodedExactly(decoded, generated, FuzzCases.describe(seed) + "\nevents " + describe(events));
            }
        });
    }

    @Test
    void toolCallPiecesWithRandomIndexesAndIdsLoseNoArgumentText() {
        FuzzLoop.run("OpenAI stream decoder: tool calls with random index and id", 0x0A1_0004L, CASES, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            GeneratedChunkStream generated = ChunkStreamGenerator.generate(random, false);
            Supplier<String> description = () -> FuzzCases.describe(seed) + "\nevents " + describe(generated.events());

            Decoded decoded = decode(generated.events(), HostileHeaders.json(), description);
            assertThat(decoded.failed()).as(description).isFalse();
            int expectedLength = generated.toolCalls().stream()
                    .mapToInt(call -> call.arguments().length())
                    .sum();
            int emittedLength = toolCalls(decoded.responses()).stream()
                    .mapToInt(call -> call.arguments().length())
                    .sum();
            assertThat(emittedLength).as(description).isEqualTo(expectedLength);
            assertThat(text(decoded.responses())).as(description).isEqualTo(generated.text());
        });
    }

    /** Decodes the events as the model does, checking the contract at every step and at the end. */
    private Decoded decode(List<SseEvent> events, HttpHeaders headers, Supplier<String> description) {
        HubStreamDecoder decoder = protocol.newStreamDecoder(Map.of());
        ParserContract.check(
                () -> {
                    decoder.onHeaders(headers);
                    return null;
                },
                description);
        List<ChatResponse> responses = new ArrayList<>();
        boolean done = false;
        for (int i = 0; i < events.size(); i++) {
            SseEvent event = events.get(i);
            int index = i;
            ParseOutcome<ChatResponse> outcome = ParserContract.check(
                    () -> decoder.decode(event), () -> "at event " + index + "; " + description.get());
            if (outcome.failed()) {
                return new Decoded(responses, true, done);
            }
            if (done) {
                assertThat(outcome.result())
                        .as(() -> "nothing after [DONE], event " + index + "; " + description.get())
                        .isNull();
            }
            if (outcome.result() != null) {
                responses.add(outcome.result());
            }
            done |= event.data().trim().equals(ChunkStreamGenerator.DONE);
        }
        ParseOutcome<Object> end = ParserContract.check(
                () -> {
                    decoder.onEnd();
                    return null;
                },
                () -> "at the end; " + description.get());
        if (done) {
            assertThat(end.failure())
                    .as(() -> "the stream had [DONE]; " + description.get())
                    .isNull();
        } else {
            assertThat(end.failure())
                    .as(() -> "a stream without [DONE] is incomplete; " + description.get())
                    .isInstanceOf(AifoServerException.class);
        }
        return new Decoded(responses, false, done);
    }

    private static void assertDecodedExactly(Decoded decoded, GeneratedChunkStream generated, String description) {
        assertThat(decoded.failed()).as(description).isFalse();
        assertThat(decoded.done()).as(description).isTrue();
        assertThat(text(decoded.responses())).as(description).isEqualTo(generated.text());
        assertThat(toolCalls(decoded.responses())).as(description).containsExactlyElementsOf(generated.toolCalls());
        if (!generated.reasoning().isEmpty()) {
            Object reasoning = null;
            for (ChatResponse response : decoded.responses()) {
                for (Generation generation : response.getResults()) {
                    Object soFar = generation.getOutput().getMetadata().get(AifoMetadata.REASONING_CONTENT);
                    reasoning = soFar != null ? soFar : reasoning;
                }
            }
            assertThat(reasoning).as(description).isEqualTo(generated.reasoning());
        }
    }

    private static String text(List<ChatResponse> responses) {
        StringBuilder text = new StringBuilder();
        for (ChatResponse response : responses) {
            for (Generation generation : response.getResults()) {
                if (generation.getOutput().getText() != null) {
                    text.append(generation.getOutput().getText());
                }
            }
        }
        return text.toString();
    }

    private static List<ExpectedToolCall> toolCalls(List<ChatResponse> responses) {
        List<ExpectedToolCall> calls = new ArrayList<>();
        for (ChatResponse response : responses) {
            for (Generation generation : response.getResults()) {
                for (AssistantMessage.ToolCall call : generation.getOutput().getToolCalls()) {
                    calls.add(new ExpectedToolCall(call.id(), call.name(), call.arguments()));
                }
            }
        }
        return calls;
    }

    private static String describe(List<SseEvent> events) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            SseEvent event = events.get(i);
            text.append("\n  ").append(i).append(": ");
            if (event.event() != null) {
                text.append("event=").append(event.event()).append(' ');
            }
            text.append(PrintableBytes.of(event.data(), 1000));
        }
        return text.toString();
    }
}
