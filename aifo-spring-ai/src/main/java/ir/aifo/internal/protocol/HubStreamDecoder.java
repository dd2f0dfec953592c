package ir.aifo.internal.protocol;

import ir.aifo.internal.sse.SseEvent;
import java.net.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Turns the events of one stream into chat responses; one instance per stream, not thread-safe.
 *
 * @since 0.1.0
 */
public interface HubStreamDecoder {

    /** Told the reply's headers before the first event (rate limits travel there). */
    void onHeaders(HttpHeaders headers);

    /**
     * Decodes one event.
     *
     * @return the response it yields, or {@code null} for an event that yields none (a keep-alive,
     *     the end marker, a piece of a tool call still being assembled)
     * @throws RuntimeException an {@code Aifo...Exception} when the event is an error or unreadable
     */
    @Nullable
    ChatResponse decode(SseEvent event);

    /**
     * Whether the events decoded so far are the hub's whole reply (OpenAI's {@code data: [DONE]}): the
     * stream then completes without waiting for the hub to end the body.
     */
    boolean isComplete();

    /**
     * Called when the connection ends.
     *
     * @throws RuntimeException an {@code Aifo...Exception} when the stream ended before the hub said it was done
     */
    void onEnd();
}
