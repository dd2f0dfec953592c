package ir.aifo.internal.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One dispatched Server-Sent Event: its type, its data and its id.
 *
 * <p>An event read from the wire keeps its data as the UTF-8 bytes that arrived, and decodes them to a
 * {@code String} only when {@link #data()} is asked for: a JSON decoder parses {@link #utf8Data()}
 * directly, and a stream of a thousand chunks then decodes no string it does not need. Equal when the
 * type, the data and the id are, like the record it once was.
 *
 * @since 0.1.0
 */
public final class SseEvent {

    private final @Nullable String event;

    private final @Nullable String id;

    private byte @Nullable [] utf8;

    // Benign race: two threads may each decode the same bytes, and both get an equal string.
    private @Nullable String data;

    /**
     * @param event the {@code event} field, or {@code null} when the event had none or an empty one
     *     (which the SSE specification treats as the default type {@code message})
     * @param data the event's {@code data} lines joined with {@code "\n"}
     * @param id the {@code id} field of this event, or {@code null} when it had none
     */
    public SseEvent(@Nullable String event, String data, @Nullable String id) {
        this.event = event;
        this.data = Objects.requireNonNull(data, "data");
        this.id = id;
    }

    private SseEvent(@Nullable String event, byte[] utf8, @Nullable String id) {
        this.event = event;
        this.utf8 = utf8;
        this.id = id;
    }

    /** An event whose data is {@code utf8}, kept as it is (the caller hands the array over). */
    static SseEvent ofUtf8(@Nullable String event, byte[] utf8, @Nullable String id) {
        return new SseEvent(event, utf8, id);
    }

    /** The {@code event} field, or {@code null} when the event had none or an empty one. */
    public @Nullable String event() {
        return event;
    }

    /**
     * The event's {@code data} lines joined with {@code "\n"}; bytes that are not UTF-8 are replaced with
     * U+FFFD.
     */
    public String data() {
        String decoded = data;
        if (decoded == null) {
            decoded = new String(Objects.requireNonNull(utf8), StandardCharsets.UTF_8);
            data = decoded;
        }
        return decoded;
    }

    /**
     * The data as UTF-8 bytes, as they arrived for an event read from the wire. The array is the event's
     * own: read it, do not change it.
     */
    public byte[] utf8Data() {
        byte[] bytes = utf8;
        if (bytes == null) {
            bytes = Objects.requireNonNull(data).getBytes(StandardCharsets.UTF_8);
            utf8 = bytes;
        }
        return bytes;
    }

    /**
     * Whether the data is {@code ascii}, give or take the whitespace {@link String#trim()} removes around
     * it; compared without decoding the data.
     */
    public boolean dataIs(String ascii) {
        String decoded = data;
        if (decoded != null) {
            return decoded.trim().equals(ascii);
        }
        byte[] bytes = Objects.requireNonNull(utf8);
        int start = 0;
        int end = bytes.length;
        while (start < end && (bytes[start] & 0xFF) <= ' ') {
            start++;
        }
        while (end > start && (bytes[end - 1] & 0xFF) <= ' ') {
            end--;
        }
        if (end - start != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (bytes[start + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The {@code id} field of this event, or {@code null} when it had none. */
    public @Nullable String id() {
        return id;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SseEvent that
                && Objects.equals(event, that.event)
                && Objects.equals(id, that.id)
                && sameData(that);
    }

    private boolean sameData(SseEvent that) {
        if (utf8 != null && that.utf8 != null) {
            return Arrays.equals(utf8, that.utf8) || data().equals(that.data());
        }
        return data().equals(that.data());
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, data(), id);
    }

    @Override
    public String toString() {
        return "SseEvent[event=" + event + ", data=" + data() + ", id=" + id + "]";
    }
}
