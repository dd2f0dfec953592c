package ir.aifo.internal.protocol.openai;

import ir.aifo.fuzz.JsonMutator;
import ir.aifo.fuzz.RandomText;
import ir.aifo.internal.protocol.WireJson;
import ir.aifo.internal.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Breaks a chunk stream the ways a faulty hub or a cut connection could: chunks mutated as JSON or
 * as text, events dropped, duplicated or swapped, the closing {@code [DONE]} removed or sent early,
 * error and unknown events put in. Logs each step.
 */
final class StreamEventMutator {

    private static final JsonMapper JSON = WireJson.newMapper();

    private static final Set<String> FIELD_NAMES = Set.of(
            "error",
            "choices",
            "delta",
            "tool_calls",
            "function",
            "arguments",
            "index",
            "id",
            "usage",
            "finish_reason",
            "reasoning_content",
            "content");

    private static final List<String> ODD_DATA = List.of(
            "",
            " ",
            "null",
            "[]",
            "{}",
            "0",
            "\"text\"",
            "[DONE] ",
            " [DONE]",
            "[done]",
            "[DONE]x",
            "{\"choices\":[null]}",
            "{\"choices\":[{\"delta\":null}]}",
            "{\"choices\":[{\"delta\":{\"tool_calls\":[null]}}]}",
            "{\"choices\":[{\"index\":null,\"delta\":{\"tool_calls\":[{\"index\":null,\"id\":null}]},\"finish_reason\":\"tool_calls\"}]}",
            "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}",
            "{\"error\":null,\"choices\":[]}",
            "{\"error\":\"\"}",
            "{\"error\":false}",
            "<html>502</html>");

    private static final List<String> EVENT_TYPES = List.of("error", "message", "ping", "", "خطا");

    private final SplittableRandom random;

    private final List<String> log = new ArrayList<>();

    StreamEventMutator(SplittableRandom random) {
        this.random = random;
    }

    List<String> log() {
        return log;
    }

    List<SseEvent> mutate(List<SseEvent> events) {
        List<SseEvent> mutated = new ArrayList<>(events);
        int perEvent = random.nextInt(4);
        for (int i = 0; i < mutated.size(); i++) {
            if (random.nextInt(10) < perEvent) {
                mutated.set(i, mutateEvent(mutated.get(i), i));
            }
        }
        for (int count = random.nextInt(3); count > 0 && !mutated.isEmpty(); count--) {
            int at = random.nextInt(mutated.size());
            switch (random.nextInt(5)) {
                case 0 ->
                    log.add("dropped event " + at + ": "
                            + abbreviated(mutated.remove(at).data()));
                case 1 -> {
                    mutated.add(at, mutated.get(at));
                    log.add("duplicated event " + at);
                }
                case 2 -> {
                    if (at + 1 < mutated.size()) {
                        mutated.add(at + 1, mutated.remove(at));
                        log.add("swapped events " + at + " and " + (at + 1));
                    }
                }
                case 3 -> {
                    mutated.add(at, new SseEvent(null, ChunkStreamGenerator.DONE, null));
                    log.add("[DONE] sent early at " + at);
                }
                default -> {
                    String data = ODD_DATA.get(random.nextInt(ODD_DATA.size()));
                    mutated.add(at, new SseEvent(random.nextBoolean() ? "error" : null, data, null));
                    log.add("inserted at " + at + ": " + data);
                }
            }
        }
        if (random.nextInt(3) == 0) {
            mutated.removeIf(event -> event.data().equals(ChunkStreamGenerator.DONE));
            log.add("[DONE] removed");
        }
        return mutated;
    }

    private SseEvent mutateEvent(SseEvent event, int index) {
        String data = event.data();
        switch (random.nextInt(6)) {
            case 0, 1, 2 -> {
                JsonNode tree;
                try {
                    tree = JSON.readTree(data);
                } catch (JacksonException notJson) {
                    return event;
                }
                if (!tree.isContainer()) {
                    return event;
                }
                JsonMutator mutator = new JsonMutator(random, FIELD_NAMES);
                mutator.mutate(tree, 1 + random.nextInt(3));
                log.add("event " + index + ": " + mutator.log());
                return new SseEvent(event.event(), JSON.writeValueAsString(tree), event.id());
            }
            case 3 -> {
                int at = random.nextInt(data.length() + 1);
                log.add("event " + index + " truncated at " + at);
                return new SseEvent(event.event(), data.substring(0, at), event.id());
            }
            case 4 -> {
                // What invalid UTF-8 becomes after the SSE reader decoded it, and what no decoder yields.
                String odd = List.of("\uFFFD", "\u0000", "\uD800", "\uDC00", "\n", RandomText.any(random, 2))
                        .get(random.nextInt(6));
                int at = random.nextInt(data.length() + 1);
                log.add("event " + index + ": inserted " + abbreviated(odd) + " at " + at);
                return new SseEvent(event.event(), data.substring(0, at) + odd + data.substring(at), event.id());
            }
            default -> {
                String type = EVENT_TYPES.get(random.nextInt(EVENT_TYPES.size()));
                log.add("event " + index + " typed '" + type + "'");
                return new SseEvent(type.isEmpty() ? null : type, data, event.id());
            }
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
