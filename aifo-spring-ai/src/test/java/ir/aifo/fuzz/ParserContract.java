package ir.aifo.fuzz;

import ir.aifo.chat.error.AifoException;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * The contract every parser of hub replies keeps, whatever it is fed: it either returns a result or
 * throws an exception implementing {@link AifoException}; never a {@code NullPointerException},
 * {@code IndexOutOfBoundsException}, {@code ClassCastException}, a Jackson exception or a
 * {@code StackOverflowError}. (That it returns in time is {@link FuzzLoop}'s part.)
 */
public final class ParserContract {

    private ParserContract() {}

    /** Runs {@code parse} and returns what it did, failing on anything but a result or an Aifo exception. */
    public static <T> ParseOutcome<T> check(Supplier<T> parse, Supplier<String> describeCase) {
        ParseOutcome<T> outcome = run(parse);
        Throwable failure = outcome.failure();
        if (failure != null && !(failure instanceof AifoException && failure instanceof RuntimeException)) {
            // The failure is the cause, so the report shows where it was thrown.
            throw new AssertionFailedError(
                    "Expected a result or an Aifo exception but got " + failure + "\n" + describeCase.get(), failure);
        }
        return outcome;
    }

    /** Runs {@code parse}, returning what it returned or threw (errors such as StackOverflowError included). */
    public static <T> ParseOutcome<T> run(Supplier<T> parse) {
        try {
            return ParseOutcome.returned(parse.get());
        } catch (Throwable anything) {
            return ParseOutcome.threw(anything);
        }
    }
}
