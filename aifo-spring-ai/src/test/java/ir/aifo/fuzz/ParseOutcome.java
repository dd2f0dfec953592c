package ir.aifo.fuzz;

import org.jspecify.annotations.Nullable;

/** What one parse of hostile input ended in: a result (maybe {@code null}) or what it threw. */
public record ParseOutcome<T>(@Nullable T result, @Nullable Throwable failure) {

    public static <T> ParseOutcome<T> returned(@Nullable T result) {
        return new ParseOutcome<>(result, null);
    }

    public static <T> ParseOutcome<T> threw(Throwable failure) {
        return new ParseOutcome<>(null, failure);
    }

    public boolean failed() {
        return failure != null;
    }
}
