package ir.aifo.internal.protocol.openai;

import ir.aifo.internal.protocol.openai.ChatCompletion.Choice;
import ir.aifo.internal.protocol.openai.ChatCompletion.ReplyMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Merges the tool-call pieces of one stream into complete calls: a hub sends the id and name first,
 * then the arguments in pieces, and several calls interleaved by {@code index}.
 *
 * <p>Complete calls are released on the chunk that carries the choice's finish reason, or at the
 * end of the stream for hubs that omit it, so callers never see half a call.
 */
final class StreamedToolCalls {

    // choice index -> tool-call index -> the call so far
    private final Map<Integer, Map<Integer, PendingCall>> pending = new TreeMap<>();

    /**
     * The chunk with its tool-call pieces taken out, and complete calls put in where a choice
     * finished; {@code null} when nothing is left worth emitting.
     */
    @Nullable
    ChatCompletion absorb(ChatCompletion chunk) {
        if (chunk.choices() == null || chunk.choices().isEmpty()) {
            return chunk;
        }
        boolean worthEmitting = chunk.usage() != null;
        List<Choice> original = chunk.choices();
        // Copied only once a choice changes: most chunks carry text alone and go out as they came.
        List<Choice> choices = null;
        for (int i = 0; i < original.size(); i++) {
            Choice choice = original.get(i);
            int choiceIndex = choice.index() == null ? 0 : choice.index();
            ReplyMessage delta = choice.delta();
            boolean hasPieces = delta != null && delta.toolCalls() != null;
            if (hasPieces) {
                for (ToolCall piece : delta.toolCalls()) {
                    add(choiceIndex, piece);
                }
            }
            List<ToolCall> complete = choice.finishReason() == null ? null : drain(choiceIndex);
            boolean hasText = delta != null
                    && (hasText(delta)
                            || delta.reasoningContent() != null
                            || delta.reasoning() != null
                            || delta.audio() != null);
            if (hasText || complete != null || choice.finishReason() != null) {
                worthEmitting = true;
            }
            if (hasPieces || complete != null) {
                if (choices == null) {
                    choices = new ArrayList<>(original.subList(0, i));
                }
                choices.add(new Choice(
                        choice.index(), choice.message(), withToolCalls(delta, complete), choice.finishReason()));
            } else if (choices != null) {
                choices.add(choice);
            }
        }
        if (!worthEmitting) {
            return null;
        }
        if (choices == null) {
            return chunk;
        }
        return new ChatCompletion(
                chunk.id(),
                chunk.object(),
                chunk.created(),
                chunk.model(),
                choices,
                chunk.usage(),
                chunk.systemFingerprint(),
                null);
    }

    /** Calls still open when the stream ended, as a last chunk; {@code null} when there are none. */
    @Nullable
    ChatCompletion drainAll(@Nullable String id, @Nullable String model) {
        if (pending.isEmpty()) {
            return null;
        }
        List<Choice> choices = new ArrayList<>();
        for (Integer choiceIndex : List.copyOf(pending.keySet())) {
            List<ToolCall> calls = drain(choiceIndex);
            ReplyMessage message = new ReplyMessage("assistant", null, calls, null, null, null, null);
            choices.add(new Choice(choiceIndex, null, message, "tool_calls"));
        }
        return new ChatCompletion(id, "chat.completion.chunk", null, model, choices, null, null, null);
    }

    private void add(int choiceIndex, ToolCall piece) {
        Map<Integer, PendingCall> calls = pending.computeIfAbsent(choiceIndex, index -> new TreeMap<>());
        int callIndex = piece.index() != null ? piece.index() : indexOf(calls, piece.id());
        PendingCall call = calls.computeIfAbsent(callIndex, index -> new PendingCall());
        if (piece.id() != null && !piece.id().isEmpty()) {
            call.id = piece.id();
        }
        if (piece.type() != null) {
            call.type = piece.type();
        }
        if (piece.function() != null) {
            if (piece.function().name() != null && !piece.function().name().isEmpty()) {
                call.name = piece.function().name();
            }
            if (piece.function().arguments() != null) {
                call.arguments.append(piece.function().arguments());
            }
        }
    }

    // Hubs that leave out the index send one call per piece with its id, or continue the last one.
    private static int indexOf(Map<Integer, PendingCall> calls, @Nullable String id) {
        if (calls.isEmpty()) {
            return 0;
        }
        int last = ((TreeMap<Integer, PendingCall>) calls).lastKey();
        if (id == null || id.isEmpty() || id.equals(calls.get(last).id)) {
            return last;
        }
        return last + 1;
    }

    private @Nullable List<ToolCall> drain(int choiceIndex) {
        Map<Integer, PendingCall> calls = pending.remove(choiceIndex);
        if (calls == null) {
            return null;
        }
        List<ToolCall> complete = new ArrayList<>(calls.size());
        calls.forEach((index, call) -> complete.add(new ToolCall(
                index, call.id, call.type, new ToolCall.FunctionCall(call.name, call.arguments.toString()))));
        return complete;
    }

    private static boolean hasText(ReplyMessage delta) {
        return delta.content() != null && !delta.content().isNull();
    }

    private static @Nullable ReplyMessage withToolCalls(@Nullable ReplyMessage delta, @Nullable List<ToolCall> calls) {
        if (delta == null) {
            return calls == null ? null : new ReplyMessage("assistant", null, calls, null, null, null, null);
        }
        return new ReplyMessage(
                delta.role(),
                delta.content(),
                calls,
                delta.reasoningContent(),
                delta.reasoning(),
                delta.refusal(),
                delta.audio());
    }

    private static final class PendingCall {
        private @Nullable String id;
        private String type = "function";
        private @Nullable String name;
        private final StringBuilder arguments = new StringBuilder();
    }
}
