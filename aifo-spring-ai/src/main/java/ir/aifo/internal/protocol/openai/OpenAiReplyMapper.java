package ir.aifo.internal.protocol.openai;

import ir.aifo.internal.protocol.MetadataKeys;
import ir.aifo.internal.protocol.openai.ChatCompletion.Choice;
import ir.aifo.internal.protocol.openai.ChatCompletion.ReplyMessage;
import ir.aifo.quota.HubQuota;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import tools.jackson.databind.JsonNode;

/** Turns a completion, or one chunk of a stream, into a Spring AI chat response. */
final class OpenAiReplyMapper {

    /**
     * A completion, or with {@code streamedReasoning} set a stream chunk whose choices carry deltas, as
     * a response. The rate limit comes with its quota report, made once per reply rather than per chunk.
     */
    ChatResponse toChatResponse(
            ChatCompletion completion,
            @Nullable RateLimit rateLimit,
            @Nullable HubQuota quota,
            @Nullable StreamedReasoning streamedReasoning,
            Map<String, Object> addedMetadata) {
        return toChatResponse(completion, streamedReasoning, metadata(completion, rateLimit, quota, addedMetadata));
    }

    /** The same, with metadata the caller made: a stream shares one among the chunks that repeat it. */
    ChatResponse toChatResponse(
            ChatCompletion completion, @Nullable StreamedReasoning streamedReasoning, ChatResponseMetadata metadata) {
        List<Choice> choices = completion.choices() == null ? List.of() : completion.choices();
        List<Generation> generations = new ArrayList<>(choices.size());
        for (Choice choice : choices) {
            ReplyMessage message = streamedReasoning != null ? choice.delta() : choice.message();
            generations.add(generation(completion.id(), choice, message, streamedReasoning));
        }
        return new ChatResponse(generations, metadata);
    }

    private static Generation generation(
            @Nullable String id,
            Choice choice,
            @Nullable ReplyMessage message,
            @Nullable StreamedReasoning streamedReasoning) {
        Map<String, Object> properties = new LinkedHashMap<>();
        putIfSet(properties, "id", id);
        putIfSet(properties, "role", message == null ? null : message.role());
        putIfSet(properties, "index", choice.index());
        putIfSet(properties, "finishReason", choice.finishReason());
        if (message != null) {
            putIfSet(properties, "refusal", message.refusal());
            String reasoning = message.reasoningContent() != null ? message.reasoningContent() : message.reasoning();
            if (streamedReasoning != null) {
                putIfSet(properties, MetadataKeys.REASONING_DELTA, reasoning);
                reasoning = streamedReasoning.accumulate(choice.index() == null ? 0 : choice.index(), reasoning);
            }
            putIfSet(properties, MetadataKeys.REASONING_CONTENT, reasoning);
            putIfSet(properties, MetadataKeys.AUDIO, message.audio());
        }
        AssistantMessage output = AssistantMessage.builder()
                .content(message == null ? null : text(message.content()))
                .properties(properties)
                .toolCalls(message == null ? List.of() : toolCalls(message.toolCalls()))
                .build();
        // Most streamed pieces have no finish reason; they share the empty metadata instead of each building one.
        ChatGenerationMetadata generationMetadata = choice.finishReason() == null
                ? ChatGenerationMetadata.NULL
                : ChatGenerationMetadata.builder()
                        .finishReason(choice.finishReason())
                        .build();
        return new Generation(output, generationMetadata);
    }

    private static List<AssistantMessage.ToolCall> toolCalls(@Nullable List<ToolCall> calls) {
        if (calls == null || calls.isEmpty()) {
            return List.of();
        }
        List<AssistantMessage.ToolCall> converted = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            ToolCall.FunctionCall function = call.function();
            converted.add(new AssistantMessage.ToolCall(
                    call.id() == null ? "" : call.id(),
                    call.type() == null ? "function" : call.type(),
                    function == null || function.name() == null ? "" : function.name(),
                    function == null || function.arguments() == null ? "" : function.arguments()));
        }
        return converted;
    }

    // Content is a string on every documented hub; a list of text parts is accepted too.
    static @Nullable String text(@Nullable JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isString()) {
            return content.asString();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                JsonNode partText = part.get("text");
                if (partText != null && partText.isString()) {
                    text.append(partText.asString());
                }
            }
            return text.toString();
        }
        return content.toString();
    }

    static ChatResponseMetadata metadata(
            ChatCompletion completion,
            @Nullable RateLimit rateLimit,
            @Nullable HubQuota quota,
            Map<String, Object> addedMetadata) {
        ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder();
        if (completion.id() != null) {
            metadata.id(completion.id());
        }
        if (completion.model() != null) {
            metadata.model(completion.model());
        }
        if (completion.usage() != null) {
            metadata.usage(usage(completion.usage()));
        }
        if (rateLimit != null) {
            metadata.rateLimit(rateLimit);
        }
        if (quota != null) {
            metadata.keyValue(MetadataKeys.QUOTA, quota);
        }
        metadata.keyValue("created", completion.created());
        metadata.keyValue("system_fingerprint", completion.systemFingerprint());
        addedMetadata.forEach(metadata::keyValue);
        return metadata.build();
    }

    static DefaultUsage usage(CompletionUsage usage) {
        Integer cached = usage.promptTokensDetails() == null
                ? null
                : usage.promptTokensDetails().cachedTokens();
        return new DefaultUsage(
                usage.promptTokens(),
                usage.completionTokens(),
                usage.totalTokens(),
                usage,
                cached == null ? null : cached.longValue(),
                null);
    }

    private static void putIfSet(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
