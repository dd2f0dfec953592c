package ir.aifo.internal.sse;

import ir.aifo.fuzz.RandomText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Well-formed event streams, written every way the specification allows, with the events they
 * must decode to: fields in random order, comments and keep-alives, {@code retry} and unknown fields,
 * CR, LF and CRLF line ends, multi-line data, empty values, Persian text and emoji, an optional byte
 * order mark, and a last event that may lack its blank line.
 */
final class ValidSseStreamGenerator {

    record GeneratedSseStream(byte[] bytes, List<SseEvent> events) {}

    private static final String[] LINE_ENDS = {"\n", "\r", "\r\n"};

    private final SplittableRandom random;

    private final StringBuilder text = new StringBuilder();

    private final List<SseEvent> events = new ArrayList<>();

    private boolean lastEndedWithCr;

    private ValidSseStreamGenerator(SplittableRandom random) {
        this.random = random;
    }

    static GeneratedSseStream generate(SplittableRandom random) {
        return new ValidSseStreamGenerator(random).stream();
    }

    private GeneratedSseStream stream() {
        if (random.nextInt(8) == 0) {
            text.append('\uFEFF');
        }
        int count = random.nextInt(8);
        boolean lastUnterminated = count > 0 && random.nextInt(4) == 0;
        for (int i = 0; i < count; i++) {
            noiseBetweenEvents();
            event(i == count - 1 && lastUnterminated);
        }
        // Anything after an unterminated event would become part of it.
        if (!lastUnterminated && random.nextBoolean()) {
            noiseBetweenEvents();
        }
        return new GeneratedSseStream(text.toString().getBytes(StandardCharsets.UTF_8), events);
    }

    /** One event; the last may end without its blank line, or even without its last line break. */
    private void event(boolean unterminated) {
        List<String> dataValues = new ArrayList<>();
        int dataLines = 1 + random.nextInt(4);
        for (int i = 0; i < dataLines; i++) {
            dataValues.add(random.nextInt(6) == 0 ? "" : RandomText.singleLine(random, 6));
        }
        List<String> lines = new ArrayList<>();
        for (String value : dataValues) {
            lines.add(field("data", value));
        }
        String eventType = null;
        String id = null;
        int others = random.nextInt(5);
        for (int i = 0; i < others; i++) {
            int at = random.nextInt(lines.size() + 1);
            switch (random.nextInt(6)) {
                case 0 -> {
                    String value = random.nextBoolean() ? "" : RandomText.singleLine(random, 3);
                    // Later lines win, so the expectation is settled once all lines are placed.
                    lines.add(at, field("event", value));
                }
                case 1 ->
                    lines.add(at, field("id", RandomText.singleLine(random, 3).replace("\u0000", "")));
                case 2 -> lines.add(at, "id: with\u0000nul");
                case 3 -> lines.add(at, ":" + RandomText.singleLine(random, 3));
                case 4 ->
                    lines.add(
                            at,
                            List.of("retry: 3000", "retry", "foo: bar", "Data: not data", " data: x")
                                    .get(random.nextInt(5)));
                default -> lines.add(at, random.nextBoolean() ? ":" : ": keep-alive");
            }
        }
        List<String> data = new ArrayList<>();
        for (String line : lines) {
            String value = valueOf(line);
            if (line.startsWith("data") && (line.length() == 4 || line.charAt(4) == ':')) {
                data.add(value);
            } else if (line.startsWith("event:") || line.equals("event")) {
                eventType = value.isEmpty() ? null : value;
            } else if ((line.startsWith("id:") || line.equals("id")) && !value.contains("\u0000")) {
                id = value;
            }
        }
        events.add(new SseEvent(eventType, String.join("\n", data), id));
        for (int i = 0; i < lines.size(); i++) {
            boolean lastLine = i == lines.size() - 1;
            if (unterminated && lastLine && random.nextBoolean()) {
                text.append(lines.get(i));
                return;
            }
            line(lines.get(i));
        }
        if (!unterminated) {
            line("");
        }
    }

    /** Blank lines, comments and events without data between events: none of them yields an event. */
    private void noiseBetweenEvents() {
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(4)) {
                case 0 -> line("");
                case 1 -> {
                    line(":" + RandomText.singleLine(random, 4));
                    line("");
                }
                case 2 -> {
                    line(field("event", RandomText.singleLine(random, 2)));
                    line(field("id", "orphan"));
                    line("");
                }
                default -> line(": keep-alive");
            }
        }
    }

    /** A field line, written with or without the optional space, or as a bare name when the value is empty. */
    private String field(String name, String value) {
        if (value.isEmpty() && random.nextInt(3) == 0) {
            return name;
        }
        if (!value.startsWith(" ") && random.nextBoolean()) {
            return name + ":" + value;
        }
        return name + ": " + value;
    }

    private static String valueOf(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return "";
        }
        String value = line.substring(colon + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    private void line(String line) {
        String end = LINE_ENDS[random.nextInt(LINE_ENDS.length)];
        // A CR then an empty line ending in LF would read as one CRLF, swallowing the blank line.
        if (line.isEmpty() && lastEndedWithCr && end.equals("\n")) {
            end = "\r\n";
        }
        text.append(line).append(end);
        lastEndedWithCr = end.equals("\r");
    }
}
