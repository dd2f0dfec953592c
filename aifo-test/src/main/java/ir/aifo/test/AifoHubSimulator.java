package ir.aifo.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process simulator of the three documented hubs on a loopback port: AiFO and TokenHub's
 * OpenAI-compatible {@code POST /v1/chat/completions} and MyAIHub's {@code POST /api/chat_v3.php}.
 *
 * <p>Answers are deterministic and derived from the request (see the README), so tests can assert on
 * them; replies can be replaced by faults for the next requests; every request is kept in a journal
 * with the key redacted. {@link #DEFAULT_KEY} works for both dialects (a VIP key on MyAIHub).
 *
 * <pre>{@code
 * try (AifoHubSimulator hub = AifoHubSimulator.start()) {
 *     AifoChatModel model = AifoChatModel.builder()
 *             .connection(AifoConnection.builder().baseUrl(hub.baseUrl()).apiKey(hub.defaultKey()).build())
 *             .build();
 *     ...
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AifoHubSimulator implements AutoCloseable {

    /** A key both dialects accept; on MyAIHub it is on the VIP plan. */
    public static final String DEFAULT_KEY = "aifo_sk_sim_0000000000000000";

    /** The OpenAI-compatible chat path. */
    public static final String OPENAI_PATH = "/v1/chat/completions";

    /** MyAIHub's chat path. */
    public static final String MYAIHUB_PATH = "/api/chat_v3.php";

    private static final AtomicInteger SIMULATORS = new AtomicInteger();

    static {
        // Without TCP_NODELAY each small stream event waits for the peer's delayed ACK (about 40 ms on
        // Linux loopback). The JDK server reads this once, when its first instance is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;

    private final ExecutorService executor;

    private final SimulatorState state;

    private final JsonMapper json = JsonMapper.builder().build();

    private final OpenAiDialect openAi;

    private final MyAiHubDialect myAiHub;

    private AifoHubSimulator(Clock clock, boolean keepsJournal) throws IOException {
        this.state = new SimulatorState(clock, keepsJournal);
        this.openAi = new OpenAiDialect(state, json);
        this.myAiHub = new MyAiHubDialect(state, json);
        state.plan(DEFAULT_KEY, MyAiHubPlan.VIP);
        // A backlog for hundreds of callers connecting at once: a full one makes the kernel drop or reset
        // new connections, which the client sees as retries and second-long stalls.
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a simulator on a free loopback port, with the system clock. */
    public static AifoHubSimulator start() {
        return start(Clock.systemUTC());
    }

    /** Starts a simulator whose MyAIHub months follow {@code clock}. */
    public static AifoHubSimulator start(Clock clock) {
        return start(clock, true);
    }

    /**
     * Starts a simulator whose {@link #journal()} stays empty, for one that runs as long as an
     * application ({@link AifoSimulatorFallback}): a journal would keep every request body, images
     * included, until the application ends.
     */
    static AifoHubSimulator startWithoutJournal() {
        return start(Clock.systemUTC(), false);
    }

    private static AifoHubSimulator start(Clock clock, boolean keepsJournal) {
        try {
            return new AifoHubSimulator(clock, keepsJournal);
        } catch (IOException failure) {
            throw new UncheckedIOException("Could not start the hub simulator on a loopback port", failure);
        }
    }

    /** The base URL to configure, such as {@code http://127.0.0.1:54321}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@link #DEFAULT_KEY}. */
    public String defaultKey() {
        return DEFAULT_KEY;
    }

    /** Registers (or moves) a MyAIHub key on a plan; unknown keys get MyAIHub's invalid-licence error. */
    public AifoHubSimulator myAiHubKey(String key, MyAiHubPlan plan) {
        state.plan(key, plan);
        return this;
    }

    /** Sets how many requests a MyAIHub key has used this month on a provider ({@code openrouter}, {@code openai}). */
    public AifoHubSimulator myAiHubUsage(String key, String provider, int used) {
        state.counter(key, provider.toLowerCase(Locale.ROOT)).set(used);
        return this;
    }

    /**
     * Sets how many requests each key may send to the OpenAI-compatible endpoint per window (500 a
     * minute by default); past that, it answers 429 with {@code Retry-After} until the window ends.
     * Counts are forgotten by {@link #reset()}, the limit is kept.
     */
    public AifoHubSimulator openAiRequestLimit(int requests, Duration window) {
        if (requests < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The request limit needs at least 1 request and a positive window");
        }
        state.openAiRequestLimit(requests, window);
        return this;
    }

    /** Makes the OpenAI-compatible dialect refuse a key with 401 (any other non-empty key is accepted). */
    public AifoHubSimulator rejectKey(String key) {
        state.reject(key);
        return this;
    }

    /** Answers the next {@code count} requests, of either dialect, with {@code fault}. */
    public AifoHubSimulator failNext(int count, SimulatedFault fault) {
        state.queueFaults(count, fault);
        return this;
    }

    /** The requests received so far, oldest first, keys redacted. */
    public List<RecordedRequest> journal() {
        return state.journal();
    }

    /** Forgets queued faults, counters, rejected keys and the journal; plans stay. */
    public void reset() {
        state.reset();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "AifoHubSimulator[" + baseUrl() + "]";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            JsonNode request = parse(bytes);
            if (state.keepsJournal()) {
                state.record(record(exchange, bytes, request));
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                Replies.send(exchange, 405, "text/plain", "Method not allowed");
                return;
            }
            SimulatedFault fault = state.takeFault();
            switch (exchange.getRequestURI().getPath()) {
                case OPENAI_PATH -> openAi.handle(exchange, bytes, request, fault);
                case MYAIHUB_PATH -> myAiHub.handle(exchange, request, fault);
                default -> Replies.send(exchange, 404, "text/plain", "No hub endpoint at " + exchange.getRequestURI());
            }
        } catch (IOException clientWentAway) {
            // A client that cancels a stream closes its connection; nothing is left to answer.
        }
    }

    private @Nullable JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? null : json.readTree(bytes);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private RecordedRequest record(HttpExchange exchange, byte[] bytes, @Nullable JsonNode request) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            headers.put(lower, lower.equals("authorization") ? "Bearer [redacted]" : String.join(",", values));
        });
        String body = new String(bytes, StandardCharsets.UTF_8);
        if (request != null && request.hasNonNull("api_key")) {
            String key = request.get("api_key").asString("");
            if (!key.isEmpty()) {
                body = body.replace(key, "[redacted]");
            }
        }
        return new RecordedRequest(
                state.clock().instant(),
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                headers,
                body);
    }

    private static ThreadFactory daemonThreads() {
        int simulator = SIMULATORS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "aifo-simulator-" + simulator + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
