package ir.aifo.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP/1.1 server that answers every {@code POST .../chat/completions} with one fixed
 * completion, or with a fixed stream when the request asks for {@code "stream":true}.
 *
 * <p>Written for exact control and the least work per request: a thread per keep-alive connection,
 * replies built once and written with one call, no JSON parsing. Every client under test meets the
 * same server, so what differs between them is the client.
 */
public final class StubHub implements AutoCloseable {

    private static final byte[] STREAM_TRUE = "\"stream\":true".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] STREAM_TRUE_SPACED = "\"stream\": true".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] NOT_FOUND =
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;

    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stub-hub-connection");
        thread.setDaemon(true);
        return thread;
    });

    private final byte[] completion;

    private final byte[] stream;

    private volatile boolean closed;

    private StubHub(int port, int streamChunks, StubReplies.RateLimitWindows windows) throws IOException {
        this.completion = StubReplies.completion(windows);
        this.stream = StubReplies.stream(streamChunks, windows);
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        Thread acceptor = new Thread(this::accept, "stub-hub-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a stub on {@code port} (0 for any free one) whose streams carry {@code streamChunks} content chunks. */
    public static StubHub start(int port, int streamChunks) {
        return start(port, streamChunks, StubReplies.RateLimitWindows.MILLISECONDS);
    }

    /** Starts a stub whose replies report rate-limit windows that end as {@code windows} says. */
    static StubHub start(int port, int streamChunks, StubReplies.RateLimitWindows windows) {
        try {
            return new StubHub(port, streamChunks, windows);
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not start the stub hub on loopback port " + port, failure);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        connections.shutdownNow();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException failure) {
                if (!closed) {
                    failure.printStackTrace();
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            RequestReader reader = new RequestReader(in);
            while (reader.next()) {
                byte[] reply;
                if (!reader.path.endsWith("/chat/completions")) {
                    reply = NOT_FOUND;
                } else if (indexOf(reader.body, reader.bodyLength, STREAM_TRUE) >= 0
                        || indexOf(reader.body, reader.bodyLength, STREAM_TRUE_SPACED) >= 0) {
                    reply = stream;
                } else {
                    reply = completion;
                }
                out.write(reply);
                out.flush();
                if (reader.closeAfter) {
                    return;
                }
            }
        } catch (IOException clientWentAway) {
            // A client closed its connection (or cancelled a stream): nothing is left to answer.
        }
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Reads one request after another from a keep-alive connection: head, then a sized or chunked body. */
    private static final class RequestReader {

        private final InputStream in;

        private final StringBuilder line = new StringBuilder(128);

        private byte[] body = new byte[4096];

        private int bodyLength;

        private String path = "";

        private boolean closeAfter;

        RequestReader(InputStream in) {
            this.in = in;
        }

        /** Reads the next request; {@code false} when the client closed the connection first. */
        boolean next() throws IOException {
            String requestLine = readLine();
            while (requestLine != null && requestLine.isEmpty()) {
                requestLine = readLine();
            }
            if (requestLine == null) {
                return false;
            }
            int firstSpace = requestLine.indexOf(' ');
            int secondSpace = requestLine.indexOf(' ', firstSpace + 1);
            path = requestLine.substring(firstSpace + 1, secondSpace < 0 ? requestLine.length() : secondSpace);
            long contentLength = 0;
            boolean chunked = false;
            closeAfter = false;
            for (String header = readLine(); header != null && !header.isEmpty(); header = readLine()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" ->
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> {}
                }
            }
            bodyLength = 0;
            if (chunked) {
                for (String size = readLine(); size != null; size = readLine()) {
                    int semicolon = size.indexOf(';');
                    int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                    if (n == 0) {
                        for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                            // Trailers are read and dropped.
                        }
                        break;
                    }
                    readBody(n);
                    readLine();
                }
            } else {
                readBody((int) contentLength);
            }
            return true;
        }

        private void readBody(int n) throws IOException {
            if (bodyLength + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
            }
            int read = in.readNBytes(body, bodyLength, n);
            if (read < n) {
                throw new IOException("request body cut short");
            }
            bodyLength += n;
        }

        private @Nullable String readLine() throws IOException {
            line.setLength(0);
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append((char) b);
            }
            return line.length() == 0 ? null : line.toString();
        }
    }

    /** Runs a stub on its own: {@code java ... ir.aifo.benchmarks.StubHub [port] [streamChunks]}. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        StubHub hub = start(port, chunks);
        System.out.println("stub hub listening on " + hub.baseUrl());
        Thread.currentThread().join();
    }
}
