package ir.aifo.chat.protocol.openai;

import java.util.HashMap;
import java.util.Map;

/**
 * The reasoning text of one stream so far, per choice.
 *
 * <p>Spring AI's message aggregation keeps the last value of each metadata key, so every streamed
 * response carries the whole reasoning so far: the aggregated message then holds all of it, while
 * the piece each chunk added travels beside it for callers that print reasoning as it arrives.
 */
final class StreamedReasoning {

    private final Map<Integer, StringBuilder> byChoice = new HashMap<>(2);

    /** Adds a chunk's reasoning piece and returns the choice's reasoning so far. */
    String append(int choiceIndex, String piece) {
        return byChoice.computeIfAbsent(choiceIndex, index -> new StringBuilder())
                .append(piece)
                .toString();
    }
}
