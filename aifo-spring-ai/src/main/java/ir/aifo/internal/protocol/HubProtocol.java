package ir.aifo.internal.protocol;

import ir.aifo.internal.http.HubReply;
import ir.aifo.internal.http.HubRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * One hub dialect: how a prompt goes over the wire and how the hub's replies come back.
 *
 * <p>Implementations are thread-safe and hold the API key, because dialects differ in where the key
 * goes (a header or the body).
 *
 * @since 0.1.0
 */
public interface HubProtocol {

    /** The dialect's name, as in {@code spring.ai.aifo.protocol}. */
    String name();

    /**
     * The request for a prompt whose options are already merged and validated.
     *
     * @param tools the tools the model may call, resolved from the options' tool callbacks
     * @throws IllegalArgumentException when the prompt holds something this dialect cannot carry
     */
    HubRequest createRequest(Prompt prompt, RequestOptions options, List<ToolDefinition> tools, boolean stream);

    /**
     * The chat response in a whole reply.
     *
     * @param model the model the request asked for, which an error message names where the hub's error
     *     does not (MyAIHub's plan error)
     * @param addedMetadata metadata besides the hub's (a route's: who answered, and who did not), put while
     *     the response is built rather than copied in after; empty for a call that is not routed
     * @throws RuntimeException an {@code Aifo...Exception} when the reply is an error, including an
     *     error body with status 200, or cannot be read
     */
    ChatResponse readReply(HubReply reply, String model, Map<String, Object> addedMetadata);

    /** The exception for a reply that is an error, or that is not the event stream that was asked for. */
    RuntimeException readError(HubReply reply);

    /** Whether the hub can stream; when it cannot, a stream is the whole reply as one response. */
    boolean supportsStreaming();

    /** A decoder for one stream's events, each response's metadata with {@code addedMetadata} besides. */
    HubStreamDecoder newStreamDecoder(Map<String, Object> addedMetadata);

    /**
     * The quota bucket a model draws on, for hubs that count requests per provider; empty for hubs
     * whose limits are not per model.
     */
    default Optional<String> quotaProvider(String model) {
        return Optional.empty();
    }
}
