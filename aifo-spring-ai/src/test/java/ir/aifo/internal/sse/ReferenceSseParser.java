package ir.aifo.internal.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deliberately plain model of what {@link SseEventReader} documents, used as the oracle of the fuzz
 * tests: it sees the whole stream at once, splits it into lines, and follows the rules line by line
 * (WHATWG parsing; the id belongs to its event only; a leading byte order mark is skipped; comments
 * are not buffered; an event with data but no closing blank line is dispatched at the end).
 *
 * <p>It also models the reader's memory limit: the pending event costs the whole first data line
 * (field name included) plus each later data value and its separator, and the line being read costs
 * its length; a stream fails at the first byte that makes the sum exceed the limit.
 */
final class ReferenceSseParser {

    /**
     * The events, in order; and when the limit is exceeded, the offset of the first byte over it
     * (events completed before that byte are still delivered), else -1.
     */
    record Result(List<SseEvent> events, long failsAtByte) {}

    private ReferenceSseParser() {}

    static Result parse(byte[] stream, int maxEventBytes) {
        List<SseEvent> events = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean hasData = false;
        long cost = 0;
        String eventType = null;
        String id = null;
        boolean first = true;
        int pos = 0;
        while (pos < stream.length) {
            int eol = pos;
            while (eol < stream.length && stream[eol] != '\r' && stream[eol] != '\n') {
                eol++;
            }
            int next = eol;
            if (eol < stream.length) {
                next = stream[eol] == '\r' && eol + 1 < stream.length && stream[eol + 1] == '\n' ? eol + 2 : eol + 1;
            }
            byte[] line = Arrays.copyOfRange(stream, pos, eol);
            int lineStart = pos;
            pos = next;
            if (line.length > 0 && line[0] == ':') {
                first = false;
                continue;
            }
            if (cost + line.length > maxEventBytes) {
                return new Result(events, lineStart + (maxEventBytes - cost));
            }
            int start = 0;
            if (first) {
                first = false;
                if (line.length >= 3
                        && (line[0] & 0xFF) == 0xEF
                        && (line[1] & 0xFF) == 0xBB
                        && (line[2] & 0xFF) == 0xBF) {
                    start = 3;
                }
            }
            if (start == line.length) {
                if (hasData) {
                    events.add(new SseEvent(eventType, utf8(data.toByteArray()), id));
                }
                data.reset();
                hasData = false;
                cost = 0;
                eventType = null;
                id = null;
                continue;
            }
            if (line[start] == ':') {
                continue;
            }
            int colon = start;
            while (colon < line.length && line[colon] != ':') {
                colon++;
            }
            String name = new String(line, start, colon - start, StandardCharsets.ISO_8859_1);
            int valueStart = line.length;
            if (colon < line.length) {
                valueStart = colon + 1;
                if (valueStart < line.length && line[valueStart] == ' ') {
                    valueStart++;
                }
            }
            byte[] value = Arrays.copyOfRange(line, valueStart, line.length);
            switch (name) {
                case "data" -> {
                    if (hasData) {
                        data.write('\n');
                        cost += 1 + value.length;
                    } else {
                        cost = line.length;
                    }
                    data.writeBytes(value);
                    hasData = true;
                }
                case "event" -> eventType = value.length == 0 ? null : utf8(value);
                case "id" -> id = containsNul(value) ? id : utf8(value);
                default -> {
                    // retry and unknown fields are ignored
                }
            }
        }
        if (hasData) {
            events.add(new SseEvent(eventType, utf8(data.toByteArray()), id));
        }
        return new Result(events, -1);
    }

    private static boolean containsNul(byte[] value) {
        for (byte b : value) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
