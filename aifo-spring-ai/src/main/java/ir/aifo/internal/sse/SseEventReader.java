package ir.aifo.internal.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A push-based decoder that turns the bytes of one Server-Sent Events stream, fed in whatever
 * pieces the network delivers, into {@link SseEvent}s following the WHATWG parsing rules.
 *
 * <p>Lines may end with CRLF, LF or CR, and a line break, a line or a multi-byte UTF-8 character
 * may be split across two {@code feed} calls. Comment lines (starting with {@code ':'}), the
 * {@code retry} field and unknown fields are ignored; a leading byte order mark is skipped. Unlike
 * the browser {@code EventSource}, {@link SseEvent#id()} is the {@code id} of that event only, not
 * a last-event-id carried over from earlier events.
 *
 * <p>At most {@code maxEventBytes} bytes of one event (field names included) are buffered, so a
 * hostile server cannot exhaust memory; beyond that {@link SseFormatException} is thrown and the
 * reader must be discarded. Likewise after an exception from the sink.
 *
 * <p>Not thread-safe: use one instance per stream, fed from one thread at a time.
 *
 * @since 0.1.0
 */
public final class SseEventReader {

    /** The default limit on the bytes of one event: 8 MiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

    private static final int INITIAL_CAPACITY = 1024;

    // Direct and read-only buffers have no accessible array; they are copied through this in chunks.
    private static final int SCRATCH_SIZE = 8 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte COLON = ':';
    private static final byte SPACE = ' ';

    private final int maxEventBytes;

    /*
     * One buffer holds the whole pending event: the data bytes seen so far at [dataStart, dataEnd)
     * (lines already joined with '\n'), followed by the current, still incomplete line at
     * [dataEnd, length). A data line's value is moved next to the earlier data in place, so the
     * event's data is copied out exactly once, straight from this buffer, when it is dispatched.
     * While no data line has been seen, dataStart == dataEnd == 0.
     */
    private byte[] buffer;
    private int length;
    private int dataStart;
    private int dataEnd;
    private boolean hasData;

    private @Nullable String eventType;
    private @Nullable String id;

    // A CR ended the last feed, so an LF starting the next one belongs to the same line break.
    private boolean pendingCr;
    // Comment lines are skipped rather than buffered: keep-alives cost nothing and cannot grow memory.
    private boolean inComment;
    private boolean atStreamStart = true;
    private boolean closed;
    private byte @Nullable [] scratch;

    /** Creates a reader that accepts events of up to {@value #DEFAULT_MAX_EVENT_BYTES} bytes. */
    public SseEventReader() {
        this(DEFAULT_MAX_EVENT_BYTES);
    }

    /**
     * Creates a reader that accepts events of up to {@code maxEventBytes} bytes.
     *
     * @param maxEventBytes the most bytes of one event, or of one line, that are buffered
     * @throws IllegalArgumentException if {@code maxEventBytes} is not positive
     */
    public SseEventReader(int maxEventBytes) {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.buffer = new byte[Math.min(INITIAL_CAPACITY, maxEventBytes)];
    }

    /**
     * Consumes all remaining bytes of {@code bytes}, advancing its position to its limit, and passes
     * each event completed by them to {@code sink}, in order.
     *
     * @throws SseFormatException if an event or a line exceeds the limit
     * @throws IllegalStateException if {@link #finish} was called or the reader has failed
     */
    public void feed(ByteBuffer bytes, Consumer<SseEvent> sink) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sink, "sink");
        ensureOpen();
        if (bytes.hasArray()) {
            int position = bytes.position();
            int limit = bytes.limit();
            bytes.position(limit);
            consume(bytes.array(), bytes.arrayOffset() + position, bytes.arrayOffset() + limit, sink);
            return;
        }
        if (!bytes.hasRemaining()) {
            return;
        }
        byte[] chunk = scratch;
        if (chunk == null) {
            chunk = new byte[SCRATCH_SIZE];
            scratch = chunk;
        }
        while (bytes.hasRemaining()) {
            int n = Math.min(bytes.remaining(), chunk.length);
            bytes.get(chunk, 0, n);
            consume(chunk, 0, n, sink);
        }
    }

    /**
     * Consumes {@code length} bytes of {@code bytes} from {@code offset} and passes each event
     * completed by them to {@code sink}, in order.
     *
     * @throws IndexOutOfBoundsException if the range is outside the array
     * @throws SseFormatException if an event or a line exceeds the limit
     * @throws IllegalStateException if {@link #finish} was called or the reader has failed
     */
    public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> sink) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Objects.requireNonNull(sink, "sink");
        ensureOpen();
        consume(bytes, offset, offset + length, sink);
    }

    /**
     * Ends the stream: an unterminated last line is processed as if terminated, and an event with
     * data but no closing blank line is dispatched to {@code sink}, because some hubs end their
     * stream with {@code data: [DONE]} and no blank line. Calling it again does nothing.
     */
    public void finish(Consumer<SseEvent> sink) {
        Objects.requireNonNull(sink, "sink");
        if (closed) {
            return;
        }
        closed = true;
        if (length > dataEnd) {
            processLine(sink);
        }
        if (hasData) {
            dispatch(sink);
        }
        reset();
    }

    /**
     * Whether part of an event that has not been dispatched yet has been received: a data, event or
     * id field, or part of an unterminated line.
     */
    public boolean hasPendingData() {
        return hasData || length > 0 || eventType != null || id != null;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("SSE reader is finished or has failed; it accepts no more bytes");
        }
    }

    private void consume(byte[] bytes, int from, int to, Consumer<SseEvent> sink) {
        int i = from;
        if (pendingCr && i < to) {
            pendingCr = false;
            if (bytes[i] == LF) {
                i++;
            }
        }
        while (i < to) {
            if (inComment) {
                int eol = LineBreaks.indexOf(bytes, i, to);
                if (eol == to) {
                    return;
                }
                inComment = false;
                i = skipLineBreak(bytes, eol, to);
                continue;
            }
            if (length == dataEnd && bytes[i] == COLON) {
                inComment = true;
                atStreamStart = false;
                i++;
                continue;
            }
            int eol = LineBreaks.indexOf(bytes, i, to);
            append(bytes, i, eol - i);
            if (eol == to) {
                return;
            }
            i = skipLineBreak(bytes, eol, to);
            processLine(sink);
        }
    }

    private int skipLineBreak(byte[] bytes, int eol, int to) {
        if (bytes[eol] == LF) {
            return eol + 1;
        }
        int next = eol + 1;
        if (next == to) {
            pendingCr = true;
            return next;
        }
        return bytes[next] == LF ? next + 1 : next;
    }

    private void append(byte[] bytes, int from, int count) {
        if (count == 0) {
            return;
        }
        int needed = length + count;
        // Checked before growing, so a hostile line never makes the buffer exceed the limit.
        if (needed > maxEventBytes || needed < 0) {
            closed = true;
            throw new SseFormatException("SSE event or line exceeds the limit of " + maxEventBytes + " bytes");
        }
        if (needed > buffer.length) {
            int grown = (int) Math.min((long) buffer.length * 2, maxEventBytes);
            buffer = Arrays.copyOf(buffer, Math.max(grown, needed));
        }
        System.arraycopy(bytes, from, buffer, length, count);
        length = needed;
    }

    /** Interprets the complete line at [dataEnd, length). */
    private void processLine(Consumer<SseEvent> sink) {
        byte[] b = buffer;
        int start = dataEnd;
        int end = length;
        if (atStreamStart) {
            atStreamStart = false;
            if (end - start >= 3
                    && b[start] == (byte) 0xEF
                    && b[start + 1] == (byte) 0xBB
                    && b[start + 2] == (byte) 0xBF) {
                start += 3;
            }
        }
        if (start == end) {
            dispatch(sink);
            return;
        }
        // Other comments never reach here, but one right after the byte order mark does.
        if (b[start] == COLON) {
            length = dataEnd;
            return;
        }
        int colon = start;
        while (colon < end && b[colon] != COLON) {
            colon++;
        }
        int valueStart = end;
        if (colon < end) {
            valueStart = colon + 1;
            if (valueStart < end && b[valueStart] == SPACE) {
                valueStart++;
            }
        }
        int nameLength = colon - start;
        if (nameLength == 4 && b[start] == 'd' && b[start + 1] == 'a' && b[start + 2] == 't' && b[start + 3] == 'a') {
            appendData(valueStart, end);
            return;
        }
        if (nameLength == 5
                && b[start] == 'e'
                && b[start + 1] == 'v'
                && b[start + 2] == 'e'
                && b[start + 3] == 'n'
                && b[start + 4] == 't') {
            eventType = valueStart == end ? null : decode(valueStart, end);
        } else if (nameLength == 2 && b[start] == 'i' && b[start + 1] == 'd' && !containsNul(valueStart, end)) {
            id = decode(valueStart, end);
        }
        length = dataEnd;
    }

    private void appendData(int valueStart, int valueEnd) {
        if (!hasData) {
            // The first data line stays where it is; its field name is simply skipped.
            hasData = true;
            dataStart = valueStart;
            dataEnd = valueEnd;
        } else {
            // The line began at dataEnd and its "data" name is at least one byte long, so the
            // separator and the value fit before the value's old position.
            buffer[dataEnd] = LF;
            int count = valueEnd - valueStart;
            System.arraycopy(buffer, valueStart, buffer, dataEnd + 1, count);
            dataEnd += 1 + count;
        }
        length = dataEnd;
    }

    private boolean containsNul(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private String decode(int from, int to) {
        return new String(buffer, from, to - from, StandardCharsets.UTF_8);
    }

    private void dispatch(Consumer<SseEvent> sink) {
        if (!hasData) {
            reset();
            return;
        }
        // The data's bytes, copied once; decoders that read JSON parse them without a string in between.
        SseEvent event = SseEvent.ofUtf8(eventType, Arrays.copyOfRange(buffer, dataStart, dataEnd), id);
        // Reset before the sink runs, so a sink that throws cannot get this event again from finish.
        reset();
        sink.accept(event);
    }

    private void reset() {
        hasData = false;
        dataStart = 0;
        dataEnd = 0;
        length = 0;
        eventType = null;
        id = null;
    }
}
