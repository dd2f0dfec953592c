package ir.aifo.fuzz;

/** JSON text nested to a given depth, as a hostile hub might send to exhaust the parser's stack. */
public final class DeepNesting {

    private DeepNesting() {}

    /** {@code [[[...]]]} with {@code depth} levels. */
    public static String arrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** {@code {"a":{"a":...{}}}} with {@code depth} levels. */
    public static String objects(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    /** Opened {@code depth} times and never closed, as a truncated deep body would be. */
    public static String unclosed(int depth) {
        return "[{\"a\":".repeat(depth / 2);
    }
}
