package ir.aifo.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Breaks a valid JSON document the ways a faulty or hostile hub could: fields dropped, values of the
 * wrong type, nulls inside arrays ({@code "choices":[null]}), numbers no Java type holds, nesting
 * beyond the parser's limit, fields added where they do not belong. Mutates the tree in place and
 * logs each step, so a failure message says what was done.
 */
public final class JsonMutator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> EDGE_STRINGS =
            List.of("", " ", "[DONE]", "null", "0", "-1", "true", "سلام", "\u0000", "😀", "{\"a\":1}");

    private final SplittableRandom random;

    private final Set<String> fieldNames;

    private final List<String> log = new ArrayList<>();

    /**
     * @param fieldNames names worth adding where they do not belong, besides those in the document
     */
    public JsonMutator(SplittableRandom random, Set<String> fieldNames) {
        this.random = random;
        this.fieldNames = new LinkedHashSet<>(fieldNames);
    }

    /** What was done so far, one entry per mutation. */
    public List<String> log() {
        return log;
    }

    /** Applies {@code count} random mutations to {@code root}, an object or array. */
    public void mutate(JsonNode root, int count) {
        for (int i = 0; i < count; i++) {
            mutateOnce(root);
        }
    }

    private void mutateOnce(JsonNode root) {
        List<Location> locations = new ArrayList<>();
        collect(root, "$", locations);
        if (locations.isEmpty()) {
            addField(root, "$");
            return;
        }
        Location at = locations.get(random.nextInt(locations.size()));
        switch (random.nextInt(11)) {
            case 0, 1 -> drop(at);
            case 2, 3 -> replace(at, HostileJsonValues.wrongTypeFor(random, at.value()), "wrong type");
            case 4 -> replace(at, NODES.nullNode(), "null");
            case 5 -> nullInArray(locations);
            case 6 -> replace(at, HostileJsonValues.hugeNumber(random), "huge number");
            case 7 -> replace(at, HostileJsonValues.deep(random), "deep nesting");
            case 8 ->
                addField(at.value().isObject() ? at.value() : root, at.value().isObject() ? at.path() : "$");
            case 9 -> replace(at, random.nextBoolean() ? NODES.objectNode() : NODES.arrayNode(), "empty container");
            default ->
                replace(at, NODES.stringNode(EDGE_STRINGS.get(random.nextInt(EDGE_STRINGS.size()))), "edge string");
        }
    }

    private void collect(JsonNode node, String path, List<Location> into) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                fieldNames.add(field.getKey());
                Location location =
                        new Location(object, field.getKey(), -1, path + "." + field.getKey(), field.getValue());
                into.add(location);
                collect(field.getValue(), location.path(), into);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                Location location = new Location(array, null, i, path + "[" + i + "]", array.get(i));
                into.add(location);
                collect(array.get(i), location.path(), into);
            }
        }
    }

    private void drop(Location at) {
        if (at.parent() instanceof ObjectNode object) {
            object.remove(at.name());
        } else {
            ((ArrayNode) at.parent()).remove(at.index());
        }
        log.add("dropped " + at.path());
    }

    private void replace(Location at, JsonNode value, String kind) {
        if (at.parent() instanceof ObjectNode object) {
            object.set(at.name(), value);
        } else {
            ((ArrayNode) at.parent()).set(at.index(), value);
        }
        log.add(kind + " at " + at.path() + ": " + abbreviated(value));
    }

    private void nullInArray(List<Location> locations) {
        List<Location> arrays =
                locations.stream().filter(l -> l.value().isArray()).toList();
        if (arrays.isEmpty()) {
            return;
        }
        Location at = arrays.get(random.nextInt(arrays.size()));
        ArrayNode array = (ArrayNode) at.value();
        int index = random.nextInt(array.size() + 1);
        if (random.nextInt(3) == 0 && !array.isEmpty()) {
            array.set(Math.min(index, array.size() - 1), NODES.nullNode());
        } else {
            array.insertNull(index);
        }
        log.add("null inside " + at.path() + " at " + index);
    }

    private void addField(JsonNode target, String path) {
        if (!(target instanceof ObjectNode object)) {
            return;
        }
        List<String> names = new ArrayList<>(fieldNames);
        String name = names.isEmpty() || random.nextInt(5) == 0
                ? RandomText.word(random)
                : names.get(random.nextInt(names.size()));
        JsonNode value = HostileJsonValues.any(random);
        object.set(name, value);
        log.add("set " + path + "." + name + " = " + abbreviated(value));
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "…(" + text.length() + " chars)" : text;
    }

    private record Location(JsonNode parent, String name, int index, String path, JsonNode value) {}
}
