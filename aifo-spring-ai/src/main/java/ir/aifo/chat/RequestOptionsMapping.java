package ir.aifo.chat;

import ir.aifo.internal.protocol.RequestOptions;
import ir.aifo.internal.protocol.RequestOptions.ResponseFormatOption;
import org.jspecify.annotations.Nullable;

/**
 * The public options as the dialects read them. The dialects live in {@code ir.aifo.internal} and
 * must not depend on this package, which depends on them.
 */
final class RequestOptionsMapping {

    private RequestOptionsMapping() {}

    static RequestOptions of(AifoChatOptions options) {
        return new RequestOptions(
                options.getModel(),
                options.getTemperature(),
                options.getTopP(),
                options.getTopK(),
                options.getN(),
                options.getStopSequences(),
                options.getMaxTokens(),
                options.getMaxCompletionTokens(),
                options.getPresencePenalty(),
                options.getFrequencyPenalty(),
                options.getSeed(),
                options.getUser(),
                options.getLogitBias(),
                options.getStreamUsage(),
                options.getToolChoice(),
                options.getParallelToolCalls(),
                responseFormat(options.getResponseFormat()),
                options.getReasoningEffort(),
                options.getModalities(),
                options.getAudio(),
                options.getImageDetail(),
                options.getExtraBody(),
                options.getHttpHeaders());
    }

    private static @Nullable ResponseFormatOption responseFormat(@Nullable AifoResponseFormat format) {
        return format == null
                ? null
                : new ResponseFormatOption(format.type().wireName(), format.name(), format.schema(), format.strict());
    }
}
