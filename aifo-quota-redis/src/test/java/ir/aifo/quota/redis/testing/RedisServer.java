package ir.aifo.quota.redis.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for a test class, on a free loopback port, with nothing saved to disk;
 * killed and started again by tests of what happens while Redis is away. A test class registers it
 * as a static extension; without the binary on the {@code PATH} (Debian's {@code redis-server}
 * package, which {@code .ci/run} installs) the class is skipped with a one-line reason.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

    private static final Duration READY_WITHIN = Duration.ofSeconds(10);

    private int port;

    private Process process;

    private Path log;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Assumptions.assumeTrue(
                isInstalled(), "redis-server is not on the PATH: install Debian's redis-server package to run these");
        port = freePort();
        log = Files.createTempFile("redis-server-" + port, ".log");
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        kill();
        if (log != null) {
            Files.deleteIfExists(log);
        }
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Kills the server at once (SIGKILL), as a crash or a lost network would. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the server again on the same port, empty. */
    public void restart() throws IOException {
        kill();
        start();
    }

    /**
     * Sends one command in Redis's inline form and returns its answer: a string's or number's value,
     * an error as {@code -ERR ...}, and a missing value as an empty string. Arrays are not read.
     */
    public String command(String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String first = line(in);
            if (!first.startsWith("$")) {
                return first.startsWith("-") ? first : first.substring(1);
            }
            int length = Integer.parseInt(first.substring(1));
            return length < 0 ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void start() throws IOException {
        process = new ProcessBuilder(List.of(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--protected-mode",
                        "yes"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Instant giveUp = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(giveUp)) {
            try {
                if (command("PING").equals("PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer on port " + port + ": " + Files.readString(log));
    }

    private static boolean isInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, "redis-server"))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException none) {
            throw new UncheckedIOException(none);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
