package ir.aifo.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hub on a loopback socket that writes exactly the bytes a test scripts: what no HTTP server
 * library will send, such as a body kept open after its last event, a chunked body cut without its
 * last chunk, or a connection reset mid-reply.
 */
final class RawHub implements AutoCloseable {

    /** What the hub does with one connection once it has read the request. */
    @FunctionalInterface
    interface Script {
        void serve(Connection connection) throws Exception;
    }

    private final ServerSocket server;

    private final Script script;

    private final AtomicInteger requests = new AtomicInteger();

    private final CountDownLatch clientClosed = new CountDownLatch(1);

    private RawHub(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        Thread acceptor = new Thread(this::accept, "raw-hub-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static RawHub start(Script script) throws IOException {
        return new RawHub(script);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many requests the hub has read. */
    int requests() {
        return requests.get();
    }

    /** Waits until a script's {@link Connection#awaitClientClose} saw the client close the connection. */
    boolean awaitClientClose(Duration limit) throws InterruptedException {
        return clientClosed.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> handle(socket), "raw-hub-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            // One request per connection is all these scripts need; the JDK client may reuse it, so loop.
            while (readRequest(in)) {
                requests.incrementAndGet();
                script.serve(new Connection(socket, in, socket.getOutputStream()));
                if (socket.isClosed()) {
                    return;
                }
            }
        } catch (Exception ignored) {
            // The client went away, or the script ended the connection on purpose.
        }
    }

    // Reads the request's head and its Content-Length body; false when the connection ended first.
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                return false;
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(
                        line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes((int) length);
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One connection, as a script sees it. */
    final class Connection {

        private final Socket socket;

        private final InputStream in;

        private final OutputStream out;

        Connection(Socket socket, InputStream in, OutputStream out) {
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        /** Writes the status line and headers of a chunked reply. */
        void chunkedHead(String contentType) throws IOException {
            write("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n");
        }

        /** Writes the status line and headers of a reply of a fixed length. */
        void fixedHead(String contentType, long length) throws IOException {
            write("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length + "\r\n\r\n");
        }

        /** Writes one chunk of a chunked body. */
        void chunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            write(Integer.toHexString(bytes.length) + "\r\n");
            out.write(bytes);
            write("\r\n");
        }

        /** Writes raw text as UTF-8. */
        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Ends the connection with a TCP reset rather than an orderly close. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /** Closes the connection in order, whatever the reply still owed. */
        void close() throws IOException {
            socket.close();
        }

        /** Keeps the connection open, sending nothing, until the client closes it or {@code limit} passes. */
        void awaitClientClose(Duration limit) throws IOException {
            socket.setSoTimeout((int) limit.toMillis());
            try {
                while (in.read() >= 0) {
                    // Anything the client sends now is ignored; only its close matters.
                }
                clientClosed.countDown();
            } catch (SocketException reset) {
                clientClosed.countDown();
            } catch (java.net.SocketTimeoutException stillOpen) {
                // The client kept the connection: the test sees that clientClosed was never counted down.
            }
        }

        static void pause(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    }
}
