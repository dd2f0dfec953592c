package ir.aifo.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the benchmark's own on a free loopback port, saving nothing to disk, killed
 * when closed: the quota store's benchmark measures a real Redis on the same machine, not a stand-in.
 */
final class LocalRedis implements AutoCloseable {

    private static final long READY_WITHIN_MILLIS = 10_000;

    private final int port;

    private final Process process;

    private final Path log;

    private LocalRedis(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Whether {@code redis-server} is on the {@code PATH}. */
    static boolean isInstalled() {
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

    /** Starts a server and waits until it answers {@code PING}. */
    static LocalRedis start() {
        int port = freePort();
        try {
            Path log = Files.createTempFile("redis-server-" + port, ".log");
            Process process = new ProcessBuilder(List.of(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            LocalRedis redis = new LocalRedis(port, process, log);
            // A run stopped with Ctrl-C must not leave a server behind; closing twice is harmless.
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "redis-server-stopper"));
            redis.awaitPong();
            return redis;
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not start redis-server on loopback port " + port, failure);
        }
    }

    /** {@code redis://127.0.0.1:<port>}, as Lettuce takes it. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (IOException leftBehind) {
            // A log in the temporary directory is no reason to fail a finished run.
        }
    }

    private void awaitPong() throws IOException {
        long giveUp = System.currentTimeMillis() + READY_WITHIN_MILLIS;
        while (System.currentTimeMillis() < giveUp && process.isAlive()) {
            if (answersPing()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String output = Files.readString(log);
        close();
        throw new IllegalStateException("redis-server did not answer on port " + port + ": " + output);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] pong = "+PONG".getBytes(StandardCharsets.US_ASCII);
            return Arrays.equals(in.readNBytes(pong.length), pong);
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException none) {
            throw new UncheckedIOException(none);
        }
    }
}
