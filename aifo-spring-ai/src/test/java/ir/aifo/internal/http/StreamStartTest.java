package ir.aifo.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stream's start against a raw socket: a failure before the headers is told rather than thrown, and
 * abandoning the wait for them closes the connection. That the client's future is completed ahead of
 * it once the stream has the reply, so that no thread is started per stream, is tested over the wire in
 * {@code AifoChatModelStreamTest}, which the build runs with a common pool of one thread and of three.
 */
class StreamStartTest {

    private static final long TIMEOUT_SECONDS = 10;

    private final HttpClient client =
            HttpClient.newBuilder().executor(StreamExecutor.shared()).build();

    @Test
    void aFailureBeforeTheHeadersIsToldNotThrown() throws Exception {
        int closedPort;
        try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = unused.getLocalPort();
        }
        CompletableFuture<Throwable> told = new CompletableFuture<>();

        new StreamStart().send(client, requestTo(closedPort), BodyHandlers.discarding(), told::complete);

        assertThat(told.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void abandoningTheWaitForTheHeadersClosesTheConnection() throws Exception {
        try (ServerSocket hub = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StreamStart start = new StreamStart();
            start.send(client, requestTo(hub.getLocalPort()), BodyHandlers.discarding(), failure -> {});

            try (Socket connection = hub.accept()) {
                connection.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                InputStream request = connection.getInputStream();
                // The request's first byte: it was sent, and its reply is awaited.
                assertThat(request.read()).isNotNegative();

                start.abandon();

                // The rest of the request, then the end of the stream: a connection left open times out instead.
                request.readAllBytes();
                assertThat(request.read()).as("the connection is closed").isEqualTo(-1);
            }
        }
    }

    private static HttpRequest requestTo(int port) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }
}
