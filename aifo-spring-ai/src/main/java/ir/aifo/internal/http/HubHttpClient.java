package ir.aifo.internal.http;

import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.HubError;
import ir.aifo.internal.sse.SseEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import reactor.core.publisher.Flux;

/**
 * Posts JSON to one hub over the JDK {@link HttpClient} and returns its reply or its event stream.
 *
 * <p>The JDK client is used directly, not through Spring's request factories: on a loopback stub
 * with 32 concurrent callers it kept close to its raw throughput, where the factory adapters cost a
 * thread per request body write. Every I/O failure becomes an {@link AifoConnectionException}.
 *
 * <p>Made from a client builder, it builds two clients on the first request. Blocking calls use one
 * whose executor is the selector thread itself: it only gathers the reply's bytes there and the
 * caller does the rest, which saves the JDK client's hand-off to a worker thread on every reply
 * (measured in {@code benchmarks/}: a visible share of a call's CPU and of its throughput).
 * Streams use one with the builder's executor, because their events reach the application's code,
 * which may block (an {@code SseEmitter} writing to a slow browser, say) and must not hold up the
 * selector that every other request depends on. Unless the application set one, that executor is
 * {@link #streamExecutor()}. Subscribing to a stream never waits for the reply: its request is sent
 * asynchronously from the subscribing thread, or from a worker when that is one of Reactor's
 * non-blocking threads, which must not wait for a name lookup or a TLS handshake either (see
 * {@link StreamStart}).
 *
 * @since 0.1.0
 */
public final class HubHttpClient {

    private final SingletonSupplier<Clients> clients;

    private final String baseUrl;

    private final Duration readTimeout;

    private final Map<String, String> defaultHeaders;

    private final Map<String, URI> uris = new ConcurrentHashMap<>();

    private final WireLogger wire;

    private final long maxReplyBytes;

    /**
     * The transport of one hub. The client builder is configured by the caller and built on the first
     * request rather than now, since building a JDK client initialises the default TLS context, which
     * reads the whole trust store, and an application should not wait for that while it starts. It is
     * built twice, as it is for streams and with a same-thread executor for blocking calls (see above),
     * and belongs to this client from then on.
     *
     * @param httpClientBuilder the client, configured by the caller (connect timeout, proxy, TLS, executor)
     * @param baseUrl the hub's base URL, such as {@code https://api.haftominhonar.ir}
     * @param readTimeout the longest wait for a reply to begin, and then the longest silence of its body
     * @param defaultHeaders headers sent with every request, such as {@code User-Agent}
     * @param wire what to log of each request and reply, credentials masked
     * @param maxReplyBytes the most bytes of a whole reply: a blocking call whose reply grows past it
     *     fails instead of filling the heap; a stream's limit is per event (see
     *     {@link ir.aifo.internal.sse.SseEventReader})
     */
    public HubHttpClient(
            HttpClient.Builder httpClientBuilder,
            URI baseUrl,
            Duration readTimeout,
            Map<String, String> defaultHeaders,
            WireLogger wire,
            long maxReplyBytes) {
        // The ranges are checked where they are set, in AifoConnection.
        Assert.notNull(baseUrl, "baseUrl must not be null");
        String base = baseUrl.toString();
        this.clients = SingletonSupplier.of(clientsOf(httpClientBuilder));
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.readTimeout = readTimeout;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
        this.wire = wire;
        this.maxReplyBytes = maxReplyBytes;
    }

    private static Supplier<Clients> clientsOf(HttpClient.Builder builder) {
        Assert.notNull(builder, "httpClientBuilder must not be null");
        return () -> {
            HttpClient forStreams = builder.build();
            return new Clients(builder.executor(Runnable::run).build(), forStreams);
        };
    }

    /**
     * The executor a stream's JDK client should have unless the application gives it one: what the
     * selector thread receives goes to a worker, and its steps stay there instead of each going to
     * another thread.
     */
    public static Executor streamExecutor() {
        return StreamExecutor.shared();
    }

    /** Builds the JDK clients now instead of on the first request. */
    public void warmUp() {
        clients.obtain();
    }

    /** The base URL requests are sent below, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Sends the request and waits for the whole reply, whatever its status.
     *
     * <p>The call fails with {@link AifoConnectionException} when the reply does not begin within the
     * read timeout, its body then stays silent for longer than that, or the whole exchange is not over
     * by the deadline.
     *
     * @param deadline when the call must be over, retries included
     */
    public HubReply post(HubRequest request, Deadline deadline) {
        Duration waitForHeaders = waitForHeaders(deadline);
        HttpRequest httpRequest = toHttpRequest(request, "application/json", waitForHeaders);
        // The blocking send(), not sendAsync().get(): the public sendAsync hands every reply on to the
        // common pool, which on a two-core machine means a new thread per call.
        HttpResponse<byte[]> response;
        try {
            response = clients.obtain()
                    .forCalls()
                    .send(
                            httpRequest,
                            info -> new SilenceLimitedBodySubscriber(
                                    readTimeout, maxReplyBytes, info.statusCode(), deadline));
        } catch (IOException failure) {
            throw connectionFailure(failure, deadline, waitForHeaders);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AifoConnectionException(
                    "Interrupted while waiting for " + baseUrl, HubError.of(0, null), interrupted);
        }
        wire.reply(httpRequest.uri().toString(), request, response.statusCode(), response.headers(), response.body());
        return new HubReply(httpRequest.uri(), response.statusCode(), response.headers(), response.body());
    }

    // The wait for the headers: the read timeout, or less when the deadline is nearer, in which case its
    // expiry is the deadline's. A call gives it to the JDK client as its timeout; a stream watches it itself.
    private Duration waitForHeaders(Deadline deadline) {
        if (deadline.hasPassed()) {
            throw deadline.exceeded("The request to " + baseUrl, null);
        }
        Duration remaining = deadline.remaining();
        return remaining.compareTo(readTimeout) < 0 ? remaining : readTimeout;
    }

    /**
     * Sends the request and streams what {@code decoder} makes of each Server-Sent Event of a
     * successful reply.
     *
     * <p>The stream fails with {@link AifoConnectionException} when the reply does not begin within the
     * read timeout, when the hub then stays silent (no byte, keep-alive comments included) for longer
     * than that while the subscriber waits for more, or when it is not over by the deadline. It
     * completes as soon as {@code replyComplete} says so, even if the hub keeps the body open.
     * Cancelling the subscription closes the connection.
     *
     * <p>The decoder runs on the thread that reads the event, before the event is pushed: one operator
     * less per event than mapping the returned stream, and no per-event restoring of thread-locals,
     * which is what {@code Flux.handle} does where context propagation is on the classpath.
     *
     * @param onHeaders told the reply's headers before the first event
     * @param nonStreamReply turns a reply that is not a successful event stream (an error status, or
     *     a JSON or HTML body) into the exception the stream ends with
     * @param decoder turns an event into an element, or into {@code null} when the event yields none;
     *     an exception it throws ends the stream
     * @param replyComplete whether the events decoded so far are the hub's whole reply
     * @param endCheck run when the events are over (the reply complete, or the body ended), before the
     *     stream completes: an exception it throws, a reply cut short say, ends the stream instead
     * @param deadline when the stream must be over, retries included
     * @since 0.1.0
     */
    public <T> Flux<T> postForEvents(
            HubRequest request,
            Consumer<HttpHeaders> onHeaders,
            Function<HubReply, RuntimeException> nonStreamReply,
            Function<SseEvent, @Nullable T> decoder,
            BooleanSupplier replyComplete,
            Runnable endCheck,
            Deadline deadline) {
        Function<SseEvent, @Nullable T> decode = decoder;
        if (wire.logsResponses()) {
            String url = uri(request.path()).toString();
            // Read from the request once, not for each of a stream's thousand events.
            List<String> secrets = WireLogger.secretsOf(request);
            decode = event -> {
                wire.event(url, secrets, event);
                return decoder.apply(event);
            };
        }
        Function<SseEvent, @Nullable T> eventDecoder = decode;
        return Flux.create(sink -> {
            StreamStart exchange = new StreamStart();
            EventStreamSubscriber<T> events = new EventStreamSubscriber<>(
                    sink, eventDecoder, replyComplete, endCheck, readTimeout, deadline, baseUrl);
            Duration waitForHeaders;
            try {
                waitForHeaders = waitForHeaders(deadline);
            } catch (AifoConnectionException late) {
                sink.error(late);
                return;
            }
            // No JDK timeout: the subscriber watches the wait for the headers itself (see EventStreamSubscriber).
            HttpRequest httpRequest = toHttpRequest(request, "text/event-stream", null);
            exchange.send(
                    clients.obtain().forStreams(),
                    httpRequest,
                    info -> {
                        boolean eventStream = isEventStream(info);
                        events.replyBegan(eventStream);
                        if (eventStream) {
                            onHeaders.accept(info.headers());
                            // Not before: what onHeaders throws reaches the stream through the client's future.
                            exchange.replyReceived();
                            return events;
                        }
                        // An error page instead of events: read whole, within the same limits as a call.
                        HttpResponse.BodySubscriber<byte[]> whole = new SilenceLimitedBodySubscriber(
                                readTimeout, maxReplyBytes, info.statusCode(), deadline);
                        return BodySubscribers.mapping(whole, body -> {
                            wire.reply(httpRequest.uri().toString(), request, info.statusCode(), info.headers(), body);
                            events.fail(readNonStreamReply(
                                    nonStreamReply,
                                    new HubReply(httpRequest.uri(), info.statusCode(), info.headers(), body)));
                            // Read and told: the client's future has nothing left to tell either.
                            exchange.replyReceived();
                            return null;
                        });
                    },
                    failure -> events.fail(mapFailure(failure, deadline, waitForHeaders)));
            events.awaitReply(exchange::abandon);
            // Runs on completion and on error too: only a consumer that left a live stream closes the
            // connection. Cancelling a finished exchange would close a connection that the pool may
            // already have handed to the next request.
            sink.onDispose(() -> {
                if (events.cancel()) {
                    exchange.abandon();
                }
            });
        });
    }

    private static RuntimeException readNonStreamReply(Function<HubReply, RuntimeException> reader, HubReply reply) {
        try {
            return reader.apply(reply);
        } catch (RuntimeException thrownInstead) {
            return thrownInstead;
        }
    }

    private static boolean isEventStream(HttpResponse.ResponseInfo info) {
        if (info.statusCode() < 200 || info.statusCode() >= 300) {
            return false;
        }
        String mediaType = HubReply.mediaType(info.headers());
        return mediaType.isEmpty() || mediaType.equals("text/event-stream");
    }

    // Without waitForHeaders the request has no JDK timeout: the caller watches the wait itself.
    private HttpRequest toHttpRequest(HubRequest request, String accept, @Nullable Duration waitForHeaders) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request.path()));
        if (waitForHeaders != null) {
            builder.timeout(waitForHeaders);
        }
        builder.header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        defaultHeaders.forEach(builder::setHeader);
        request.headers().forEach(builder::setHeader);
        HttpRequest httpRequest = builder.build();
        wire.request(httpRequest.uri().toString(), request, defaultHeaders);
        return httpRequest;
    }

    private URI uri(String path) {
        return uris.computeIfAbsent(path, p -> URI.create(baseUrl + (p.startsWith("/") ? p : "/" + p)));
    }

    private RuntimeException mapFailure(Throwable failure, Deadline deadline, Duration waitForHeaders) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IOException io) {
            return connectionFailure(io, deadline, waitForHeaders);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new AifoConnectionException("Call to " + baseUrl + " failed: " + cause, HubError.of(0, null), cause);
    }

    private AifoConnectionException connectionFailure(IOException thrown, Deadline deadline, Duration waitForHeaders) {
        IOException failure = bodyFailure(thrown);
        String message;
        int status = 0;
        if (failure instanceof HttpConnectTimeoutException) {
            message = "Could not connect to " + baseUrl + " within the connect timeout";
        } else if (failure instanceof SilenceLimitedBodySubscriber.BodyFailure body) {
            status = body.status();
            message = "The reply from " + baseUrl + " (HTTP " + status + ") " + body.getMessage();
        } else if (failure instanceof HttpTimeoutException && waitForHeaders.compareTo(readTimeout) < 0) {
            message = "No reply from " + baseUrl + " within the " + deadline.describe();
        } else if (failure instanceof HttpTimeoutException) {
            message = "No reply from " + baseUrl + " within the read timeout of " + readTimeout.toMillis() + " ms";
        } else if (failure instanceof ConnectException) {
            message = "Could not connect to " + baseUrl + " (connection refused or unreachable)";
        } else {
            message = "Connection to " + baseUrl + " failed: " + failure.getMessage();
        }
        return new AifoConnectionException(message, HubError.of(status, null), failure);
    }

    // send() throws a new exception of its own type; the body subscriber's failure is kept as its cause.
    private static IOException bodyFailure(IOException thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof SilenceLimitedBodySubscriber.BodyFailure) {
                return (IOException) cause;
            }
        }
        return thrown;
    }

    private record Clients(HttpClient forCalls, HttpClient forStreams) {}
}
