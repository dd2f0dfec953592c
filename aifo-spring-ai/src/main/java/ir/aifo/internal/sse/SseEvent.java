package ir.aifo.internal.sse;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One dispatched Server-Sent Event.
 *
 * @param event the {@code event} field, or {@code null} when the event had none or an empty one
 *     (which the SSE specification treats as the default type {@code message})
 * @param data the event's {@code data} lines joined with {@code "\n"}
 * @param id the {@code id} field of this event, or {@code null} when it had none
 * @since 0.1.0
 */
public record SseEvent(
        @Nullable String event, String data, @Nullable String id) {

    public SseEvent {
        Objects.requireNonNull(data, "data");
    }
}
