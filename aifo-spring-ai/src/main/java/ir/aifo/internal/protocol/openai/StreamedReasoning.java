package ir.aifo.internal.protocol.openai;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The reasoning text of one stream so far, per choice.
 *
 * <p>Spring AI's message aggregation keeps the last value of each metadata key, and a caller may look
 * only at the last response; so every streamed response after the reasoning began carries all of it
 * so far, while the piece each chunk added travels beside it for callers that print reasoning as it
 * arrives.
 */
final class StreamedReasoning {

    private final Map<Integer, String> byChoice = new HashMap<>(2);

    /** Adds a chunk's reasoning piece, if it has one, and returns the choice's reasoning so far. */
    @Nullable
    String accumulate(int choiceIndex, @Nullable String piece) {
        if (piece == null || piece.isEmpty()) {
            return byChoice.get(choiceIndex);
        }
        return byChoice.merge(choiceIndex, piece, String::concat);
    }
}
