package ir.aifo.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps what a test's program prints to standard output and error out of the build's output, and lets
 * the test assert on it.
 *
 * <p>For the duration of each test, {@code System.out} and {@code System.err} write to buffers (as
 * UTF-8); a test that fails prints them, so nothing is hidden from whoever reads a failure. Spring
 * Boot's {@code OutputCaptureExtension} captures too, but also copies everything to the console. Register
 * it with {@code @RegisterExtension final ConsoleCapture console = new ConsoleCapture();}.
 */
public final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {

    private ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private PrintStream consoleOut = System.out;

    private PrintStream consoleErr = System.err;

    @Override
    public void beforeEach(ExtensionContext context) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        consoleOut = System.out;
        consoleErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.out.flush();
        System.err.flush();
        System.setOut(consoleOut);
        System.setErr(consoleErr);
        if (context.getExecutionException().isPresent()) {
            out().lines().forEach(line -> consoleErr.println("[stdout] " + line));
            err().lines().forEach(line -> consoleErr.println("[stderr] " + line));
        }
    }

    /** Everything printed to standard output so far in this test. */
    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Everything printed to standard error so far in this test. */
    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
