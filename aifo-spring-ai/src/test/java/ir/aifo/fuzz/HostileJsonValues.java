package ir.aifo.fuzz;

import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * JSON values that do not fit where they are put: each wrong type, nulls inside containers, numbers
 * beyond every Java type, deep nesting, lone surrogates and long strings. Values whose text matters
 * (1e400 must stay 1e400) are raw JSON, written as given.
 */
public final class HostileJsonValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Numbers past int, long and double, and the edge cases of each. */
    public static final List<String> HUGE_NUMBERS = List.of(
            "99999999999999999999",
            "-99999999999999999999",
            "1e400",
            "-1e400",
            "1e-400",
            "-0",
            "-0.0",
            "2147483648",
            "-2147483649",
            "9223372036854775808",
            "-9223372036854775809",
            "1.7976931348623157e309",
            "4.9e-325",
            "1" + "0".repeat(999),
            "1" + "0".repeat(1001),
            "0." + "1".repeat(1200),
            "1.5",
            "-1");

    /** Depths under, at and far beyond the parser's limit. */
    public static final List<Integer> DEPTHS = List.of(10, 100, 499, 500, 501, 990, 999, 1000, 1001, 5000, 10_000);

    private static final List<String> RAW_STRINGS =
            List.of("\"\\uD800\"", "\"\\uDC00x\"", "\"\\uDBFF\\uDBFF\"", "\"\\u0000\"", "\"\\/\\b\\f\\n\\r\\t\"");

    private HostileJsonValues() {}

    /** A value of another type than {@code current}, or another hostile value. */
    public static JsonNode wrongTypeFor(SplittableRandom random, JsonNode current) {
        for (int attempt = 0; attempt < 8; attempt++) {
            JsonNode value = any(random);
            if (value.getNodeType() != current.getNodeType()) {
                return value;
            }
        }
        return NODES.nullNode();
    }

    /** Any hostile value. */
    public static JsonNode any(SplittableRandom random) {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.stringNode(RandomText.any(random, 4));
            case 2 -> NODES.stringNode("");
            case 3 -> NODES.numberNode(random.nextInt(-3, 100));
            case 4 -> raw(HUGE_NUMBERS.get(random.nextInt(HUGE_NUMBERS.size())));
            case 5 -> NODES.booleanNode(random.nextBoolean());
            case 6 -> NODES.objectNode();
            case 7 -> NODES.arrayNode();
            case 8 -> NODES.arrayNode().add(NODES.nullNode());
            case 9 -> NODES.objectNode().set("text", NODES.nullNode());
            case 10 ->
                NODES.arrayNode()
                        .add(NODES.numberNode(1))
                        .add(NODES.stringNode("x"))
                        .add(NODES.arrayNode());
            case 11 -> raw(RAW_STRINGS.get(random.nextInt(RAW_STRINGS.size())));
            case 12 -> deep(random);
            case 13 -> NODES.stringNode(RandomText.any(random, 200));
            case 14 -> NODES.numberNode(random.nextDouble() * 1e6);
            default ->
                NODES.objectNode()
                        .put("message", RandomText.any(random, 3))
                        .put("type", "invalid_request_error")
                        .put("code", random.nextInt(1000));
        };
    }

    /** A number too large or too precise for the field it replaces. */
    public static JsonNode hugeNumber(SplittableRandom random) {
        return raw(HUGE_NUMBERS.get(random.nextInt(HUGE_NUMBERS.size())));
    }

    /** Arrays or objects nested to one of {@link #DEPTHS}. */
    public static JsonNode deep(SplittableRandom random) {
        int depth = DEPTHS.get(random.nextInt(DEPTHS.size()));
        return raw(
                switch (random.nextInt(3)) {
                    case 0 -> DeepNesting.arrays(depth);
                    case 1 -> DeepNesting.objects(depth);
                    default -> DeepNesting.unclosed(depth);
                });
    }

    /** JSON text written as is. */
    public static JsonNode raw(String json) {
        return NODES.rawValueNode(new RawValue(json));
    }
}
