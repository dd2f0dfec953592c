package ir.aifo.sample.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged sample ({@code target/aifo-sample-cli.jar}, AOT-processed by the build) started as its
 * users start it, {@code java -Dspring.aot.enabled=true -jar}, in a JVM of its own and with no API key in
 * its environment, so the built-in hub simulator answers. What it prints goes to a file under
 * {@code target/aot-it}, shown only when a check fails.
 */
final class PackagedApp implements AutoCloseable {

    /** Far more than the few seconds the sample needs to start and answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;

    private final Path log;

    private PackagedApp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the jar in AOT mode with {@code arguments}, typing {@code stdin} into it (then the end of
     * input); its output goes to {@code target/aot-it/<name>.log}.
     */
    static PackagedApp start(String name, List<String> arguments, String stdin) throws IOException {
        Path jar = Path.of(System.getProperty("aifo.sample.jar", "target/aifo-sample-cli.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests with mvn verify");
        }
        Path log = Path.of("target", "aot-it", name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dspring.aot.enabled=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        keyless(builder.environment());
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return new PackagedApp(process, log);
    }

    /** Leaves out a developer's hub keys and AiFO or Spring settings, so the simulator answers as configured. */
    private static void keyless(Map<String, String> environment) {
        environment
                .keySet()
                .removeIf(variable -> variable.equals("MYAIHUB_API_KEY")
                        || variable.equals("AIFO_API_KEY")
                        || variable.startsWith("AIFO_")
                        || variable.startsWith("SPRING_"));
    }

    /** Waits for the application to end by itself and returns its exit status. */
    int exitStatus() throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("The sample did not end within " + TIMEOUT.toSeconds() + " s" + shown());
        }
        return process.exitValue();
    }

    /** Everything the application printed so far, standard output and error. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Runs checks of the application; when one fails, the failure shows what the application printed. */
    void verify(Checks checks) throws Exception {
        try {
            checks.run();
        } catch (AssertionError | Exception failure) {
            throw new AssertionError(failure.getMessage() + shown(), failure);
        }
    }

    private String shown() {
        return System.lineSeparator() + "What the sample printed (" + log + "):" + System.lineSeparator() + output();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Checks that may throw. */
    @FunctionalInterface
    interface Checks {
        void run() throws Exception;
    }
}
