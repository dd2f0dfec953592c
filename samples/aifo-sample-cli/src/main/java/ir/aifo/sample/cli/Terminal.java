package ir.aifo.sample.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Where the chat reads questions and writes answers: standard input and output, both UTF-8.
 *
 * <p>UTF-8 explicitly rather than the platform's charset, which on some systems (and on Java 17 with a
 * {@code POSIX} locale) cannot encode Persian and would print question marks.
 */
final class Terminal {

    private final BufferedReader in;

    private final PrintStream out;

    private final PrintStream err;

    private final boolean debug;

    private Terminal(BufferedReader in, PrintStream out, PrintStream err, boolean debug) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.debug = debug;
    }

    /** Reads {@code stdin} and writes to the current {@code System.out} and {@code System.err}. */
    static Terminal of(InputStream stdin, boolean debug) {
        return new Terminal(
                new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)),
                new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8),
                debug);
    }

    /** The next line typed, or {@code null} at the end of input (Ctrl-D). */
    @Nullable
    String readLine() {
        try {
            return in.readLine();
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not read standard input", failure);
        }
    }

    void println(String line) {
        out.println(line);
    }

    void println() {
        out.println();
    }

    /** Writes text at once, without a line break: a piece of a streamed answer, or the prompt. */
    void print(String text) {
        out.print(text);
        out.flush();
    }

    /** Reports a failure on one line; with {@code --debug}, its stack trace follows. */
    void error(Throwable failure) {
        out.flush();
        err.println(FailureMessage.of(failure));
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
    }

    /** Reports a mistake of the user's (an unknown command, a missing file) on one line. */
    void complain(String message) {
        out.flush();
        err.println(message);
        err.flush();
    }
}
