package ir.aifo.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.EmptyRateLimit;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * The whole reply of a stream, put together from its responses for the observation: each choice's
 * text, tool calls and finish reason, and the reply's id, model, usage and rate limit.
 *
 * <p>Spring AI's {@code MessageAggregator} does this for its own models, but copies every chunk's
 * message metadata, folds all choices into one and logs each failed stream at ERROR; here a chunk
 * costs an append, and a failure is the observation's error alone. Not thread-safe: a stream's
 * responses arrive one at a time.
 */
final class StreamedReply {

    private final Map<Integer, ChoiceSoFar> choices = new LinkedHashMap<>(2);

    private String id = "";

    private String model = "";

    private @Nullable Usage usage;

    private @Nullable RateLimit rateLimit;

    void add(ChatResponse response) {
        for (Generation generation : response.getResults()) {
            AssistantMessage output = generation.getOutput();
            Object index = output.getMetadata().get("index");
            choices.computeIfAbsent(index instanceof Integer i ? i : 0, i -> new ChoiceSoFar())
                    .add(generation);
        }
        ChatResponseMetadata metadata = response.getMetadata();
        if (!metadata.getId().isEmpty()) {
            id = metadata.getId();
        }
        if (!metadata.getModel().isEmpty()) {
            model = metadata.getModel();
        }
        if (!(metadata.getUsage() instanceof EmptyUsage)) {
            usage = metadata.getUsage();
        }
        if (!(metadata.getRateLimit() instanceof EmptyRateLimit)) {
            rateLimit = metadata.getRateLimit();
        }
    }

    ChatResponse toChatResponse() {
        List<Generation> generations = new ArrayList<>(choices.size());
        choices.values().forEach(choice -> generations.add(choice.toGeneration()));
        ChatResponseMetadata.Builder metadata =
                ChatResponseMetadata.builder().id(id).model(model);
        if (usage != null) {
            metadata.usage(usage);
        }
        if (rateLimit != null) {
            metadata.rateLimit(rateLimit);
        }
        return new ChatResponse(generations, metadata.build());
    }

    /** One choice so far: its text, its tool calls, and the metadata of its first and latest piece. */
    private static final class ChoiceSoFar {

        private final StringBuilder text = new StringBuilder();

        private final List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();

        private @Nullable Map<String, Object> firstProperties;

        private @Nullable Map<String, Object> lastProperties;

        private ChatGenerationMetadata generationMetadata = ChatGenerationMetadata.NULL;

        void add(Generation generation) {
            AssistantMessage output = generation.getOutput();
            if (output.getText() != null) {
                text.append(output.getText());
            }
            if (output.hasToolCalls()) {
                toolCalls.addAll(output.getToolCalls());
            }
            if (firstProperties == null) {
                firstProperties = output.getMetadata();
            } else {
                lastProperties = output.getMetadata();
            }
            if (generation.getMetadata() != ChatGenerationMetadata.NULL) {
                generationMetadata = generation.getMetadata();
            }
        }

        // The role comes with the first piece, the finish reason and the whole reasoning with the last.
        Generation toGeneration() {
            Map<String, Object> properties = new LinkedHashMap<>();
            if (firstProperties != null) {
                properties.putAll(firstProperties);
            }
            if (lastProperties != null) {
                properties.putAll(lastProperties);
            }
            AssistantMessage message = AssistantMessage.builder()
                    .content(text.toString())
                    .properties(properties)
                    .toolCalls(toolCalls)
                    .build();
            return new Generation(message, generationMetadata);
        }
    }
}
