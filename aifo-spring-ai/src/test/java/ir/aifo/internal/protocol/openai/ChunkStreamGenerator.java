package ir.aifo.internal.protocol.openai;

import ir.aifo.fuzz.RandomText;
import ir.aifo.internal.protocol.WireJson;
import ir.aifo.internal.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid chat-completion streams as the hubs send them: a first chunk with the role, the answer and
 * the reasoning in pieces, tool calls whose id and name come first and whose arguments follow in
 * pieces (several calls interleaved by {@code index}), a chunk with the finish reason, an optional
 * usage chunk without choices, and {@code data: [DONE]}; with what they must decode to.
 *
 * <p>With {@code wellIndexed} false the tool-call pieces carry random, missing, negative or huge
 * indexes and random or missing ids, as a careless hub might: then only the contract can be checked.
 */
final class ChunkStreamGenerator {

    record ExpectedToolCall(String id, String name, String arguments) {}

    record GeneratedChunkStream(
            List<SseEvent> events, String text, String reasoning, List<ExpectedToolCall> toolCalls) {}

    static final String DONE = "[DONE]";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final JsonMapper JSON = WireJson.newMapper();

    private final SplittableRandom random;

    private final boolean wellIndexed;

    private final String id;

    private final String model;

    private ChunkStreamGenerator(SplittableRandom random, boolean wellIndexed) {
        this.random = random;
        this.wellIndexed = wellIndexed;
        this.id = "chatcmpl-" + RandomText.word(random);
        this.model = ChatCompletionGenerator.MODELS.get(random.nextInt(ChatCompletionGenerator.MODELS.size()));
    }

    static GeneratedChunkStream generate(SplittableRandom random, boolean wellIndexed) {
        return new ChunkStreamGenerator(random, wellIndexed).stream();
    }

    private GeneratedChunkStream stream() {
        List<ObjectNode> deltas = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<List<ObjectNode>> callPieces = new ArrayList<>();
        List<ExpectedToolCall> calls = new ArrayList<>();

        int textPieces = random.nextInt(12);
        List<ObjectNode> textDeltas = new ArrayList<>();
        for (int i = 0; i < textPieces; i++) {
            String piece = RandomText.any(random, 3);
            text.append(piece);
            textDeltas.add(NODES.objectNode().put("content", piece));
        }
        List<ObjectNode> reasoningDeltas = new ArrayList<>();
        String reasoningName = random.nextBoolean() ? "reasoning_content" : "reasoning";
        for (int i = random.nextInt(4) == 0 ? random.nextInt(6) : 0; i > 0; i--) {
            String piece = RandomText.any(random, 3);
            reasoning.append(piece);
            reasoningDeltas.add(NODES.objectNode().put(reasoningName, piece));
        }
        int callCount = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
        for (int c = 0; c < callCount; c++) {
            callPieces.add(toolCallPieces(c, calls));
        }
        // Interleave the sequences, keeping each one's own order.
        List<List<ObjectNode>> sequences = new ArrayList<>();
        sequences.add(textDeltas);
        sequences.add(reasoningDeltas);
        sequences.addAll(callPieces);
        int[] next = new int[sequences.size()];
        while (true) {
            List<Integer> open = new ArrayList<>();
            for (int s = 0; s < sequences.size(); s++) {
                if (next[s] < sequences.get(s).size()) {
                    open.add(s);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            int s = open.get(random.nextInt(open.size()));
            deltas.add(sequences.get(s).get(next[s]++));
        }

        List<SseEvent> events = new ArrayList<>();
        events.add(chunk(NODES.objectNode().put("role", "assistant").put("content", ""), null));
        for (ObjectNode delta : deltas) {
            events.add(chunk(delta, null));
        }
        if (random.nextInt(6) != 0) {
            events.add(chunk(NODES.objectNode(), callCount > 0 ? "tool_calls" : "stop"));
        }
        if (random.nextInt(3) == 0) {
            ObjectNode usageChunk = base();
            usageChunk.putArray("choices");
            usageChunk.set("usage", ChatCompletionGenerator.usage(random));
            events.add(event(usageChunk));
        }
        events.add(new SseEvent(null, DONE, null));
        return new GeneratedChunkStream(events, text.toString(), reasoning.toString(), calls);
    }

    /** The pieces of one call: id, type and name first, then the arguments in pieces. */
    private List<ObjectNode> toolCallPieces(int index, List<ExpectedToolCall> calls) {
        String callId = "call_" + RandomText.word(random) + index;
        String name = RandomText.word(random);
        String arguments = "{\"q\":\"" + RandomText.word(random) + "\",\"n\":" + random.nextInt(100) + "}";
        calls.add(new ExpectedToolCall(callId, name, arguments));
        List<ObjectNode> pieces = new ArrayList<>();
        ObjectNode first = toolCallDelta(
                index, callId, NODES.objectNode().put("name", name).put("arguments", ""));
        pieces.add(first);
        int at = 0;
        while (at < arguments.length()) {
            int end = Math.min(arguments.length(), at + 1 + random.nextInt(8));
            pieces.add(toolCallDelta(
                    index,
                    random.nextInt(4) == 0 ? callId : null,
                    NODES.objectNode().put("arguments", arguments.substring(at, end))));
            at = end;
        }
        return pieces;
    }

    /** A delta carrying one tool-call piece; the first piece of a call also names its type. */
    private ObjectNode toolCallDelta(int index, @Nullable String callId, ObjectNode function) {
        ObjectNode delta = NODES.objectNode();
        ArrayNode toolCalls = delta.putArray("tool_calls");
        ObjectNode call = toolCalls.addObject();
        if (function.has("name")) {
            call.put("type", "function");
        }
        call.set("function", function);
        if (wellIndexed) {
            call.put("index", index);
            if (callId != null) {
                call.put("id", callId);
            }
            return delta;
        }
        switch (random.nextInt(6)) {
            case 0 -> {
                // no index at all
            }
            case 1 -> call.put("index", -1 - random.nextInt(3));
            case 2 -> call.put("index", random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE);
            case 3 -> call.put("index", random.nextInt(5));
            case 4 -> call.putNull("index");
            default -> call.put("index", index);
        }
        switch (random.nextInt(5)) {
            case 0 -> {
                // no id
            }
            case 1 -> call.put("id", "");
            case 2 -> call.put("id", "call_" + RandomText.word(random));
            case 3 -> call.putNull("id");
            default -> {
                if (callId != null) {
                    call.put("id", callId);
                }
            }
        }
        return delta;
    }

    private SseEvent chunk(ObjectNode delta, @Nullable String finishReason) {
        ObjectNode chunk = base();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return event(chunk);
    }

    private ObjectNode base() {
        ObjectNode chunk = NODES.objectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1_718_000_000L);
        chunk.put("model", model);
        if (random.nextInt(4) == 0) {
            chunk.put("system_fingerprint", "fp_x");
        }
        return chunk;
    }

    private static SseEvent event(ObjectNode chunk) {
        return new SseEvent(null, JSON.writeValueAsString(chunk), null);
    }
}
