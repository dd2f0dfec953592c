package ir.aifo.test;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Writes the simulator's answers: whole bodies, event streams, and the faults. */
final class Replies {

    static final String HTML_ERROR_PAGE = "<html><head><title>502 Bad Gateway</title></head>"
            + "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    private Replies() {}

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", body);
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Starts an event stream; each {@link #event} is flushed at once. */
    static OutputStream startEvents(HttpExchange exchange) throws IOException {
        return startEvents(exchange, false);
    }

    /**
     * Starts an event stream, chunked; or, for a stream to be dropped, with a length it will never
     * reach, since closing a chunked body always ends it in order.
     */
    static OutputStream startEvents(HttpExchange exchange, boolean toBeDropped) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, toBeDropped ? DROPPED_LENGTH : 0);
        return exchange.getResponseBody();
    }

    // Declared for a body that is then dropped: far more than any answer the simulator writes.
    private static final long DROPPED_LENGTH = 1 << 20;

    /**
     * Ends a body started with a declared length before it has that length: the server closes the
     * connection, and the client reads an early end of the body, as from a reset connection.
     */
    static void drop(OutputStream body) {
        try {
            body.close();
        } catch (IOException insufficientBytes) {
            // What the JDK server says as it closes the connection: the point of the fault.
        }
    }

    /** Half of a body, then the connection drops (see {@link #drop}). */
    static void dropBody(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        drop(out);
    }

    static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Half of a body, as when a hub fails mid-reply: what arrives is not a whole JSON document. */
    static void cutBody(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.close();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
