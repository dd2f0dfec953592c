package ir.aifo.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
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
 * <p>The methods that set up keys, counters, limits and faults act on the default hub, at the root
 * paths, and {@link #journal()} is the default hub's. An application with several hubs gets one
 * {@link SimulatedHub} each from {@link #hub(String)}, served by the same server under
 * {@code /hubs/<name>}, each with its own plans, counters, faults and journal, so one can run out
 * while the others answer:
 *
 * <pre>{@code
 * @RegisterExtension
 * static AifoSimulatorExtension hubs = new AifoSimulatorExtension();
 *
 * @DynamicPropertySource
 * static void hubs(DynamicPropertyRegistry registry) {
 *     AifoSimulatorProperties.registerHubs(registry, hubs.simulator(), "myaihub", "aifo");
 *     registry.add("spring.ai.aifo.hubs.myaihub.protocol", () -> "myaihub");
 * }
 *
 * @Test
 * void movesToAifoWhenMyAiHubRunsOut(AifoHubSimulator simulator) {
 *     simulator.hub("myaihub").myAiHubUsage(simulator.defaultKey(), "openai", 78); // two GPT answers left
 *     ... three questions ...
 *     assertThat(simulator.hub("aifo").journal()).hasSize(1);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AifoHubSimulator implements AutoCloseable {

    /** A key both dialects accept; on MyAIHub it is on the VIP plan, of every hub. */
    public static final String DEFAULT_KEY = "aifo_sk_sim_0000000000000000";

    /** The OpenAI-compatible chat path. */
    public static final String OPENAI_PATH = "/v1/chat/completions";

    /** MyAIHub's chat path. */
    public static final String MYAIHUB_PATH = "/api/chat_v3.php";

    /** Where the named hubs live: {@code /hubs/<name>} followed by a dialect's path. */
    static final String HUBS_PATH = "/hubs/";

    // One path segment, in characters a URL carries as they are.
    private static final Pattern HUB_NAME = Pattern.compile("[A-Za-z0-9._-]+");

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

    private final Clock clock;

    private final boolean keepsJournal;

    private final JsonMapper json = JsonMapper.builder().build();

    private final SimulatedHub defaultHub;

    private final Map<String, SimulatedHub> hubs = new ConcurrentHashMap<>();

    private AifoHubSimulator(Clock clock, boolean keepsJournal) throws IOException {
        this.clock = clock;
        this.keepsJournal = keepsJournal;
        // A backlog for hundreds of callers connecting at once: a full one makes the kernel drop or reset
        // new connections, which the client sees as retries and second-long stalls.
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        this.defaultHub = new SimulatedHub("(default)", baseUrl(), clock, keepsJournal, json);
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
     * Starts a simulator whose journals stay empty, for one that runs as long as an application
     * ({@link AifoSimulatorFallback}): a journal would keep every request body, images included, until
     * the application ends.
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

    /** The default hub's base URL, such as {@code http://127.0.0.1:54321}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    /** The loopback port every hub of this simulator is served on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@link #DEFAULT_KEY}. */
    public String defaultKey() {
        return DEFAULT_KEY;
    }

    /**
     * The hub called {@code name}, created on first use, at {@code baseUrl() + "/hubs/" + name}.
     *
     * @param name letters, digits, {@code .}, {@code _} and {@code -}, as in {@code myaihub} or {@code token-hub}
     * @throws IllegalArgumentException for a name with any other character, blank, or {@code .} or {@code ..}
     */
    public SimulatedHub hub(String name) {
        // "." and ".." match, but a client resolves them away as dot segments before sending.
        if (!HUB_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("A hub's name is a path segment of letters, digits, '.', '_' and '-'"
                    + " (not '.' or '..'), such as 'myaihub'; got '" + name + "'");
        }
        return hubs.computeIfAbsent(
                name, created -> new SimulatedHub(created, baseUrl() + HUBS_PATH + created, clock, keepsJournal, json));
    }

    /** The named hubs created so far, by name; the default hub is not among them. */
    public List<SimulatedHub> hubs() {
        return hubs.values().stream()
                .sorted(Comparator.comparing(SimulatedHub::name))
                .toList();
    }

    /** Registers (or moves) a MyAIHub key on a plan of the default hub; see {@link SimulatedHub#myAiHubKey}. */
    public AifoHubSimulator myAiHubKey(String key, MyAiHubPlan plan) {
        defaultHub.myAiHubKey(key, plan);
        return this;
    }

    /**
     * Sets how many requests a MyAIHub key has used this month on a provider ({@code openrouter},
     * {@code openai}) of the default hub; see {@link SimulatedHub#myAiHubUsage}.
     */
    public AifoHubSimulator myAiHubUsage(String key, String provider, int used) {
        defaultHub.myAiHubUsage(key, provider, used);
        return this;
    }

    /**
     * Sets the default hub's OpenAI-compatible request limit per key and window (500 a minute unless
     * set); see {@link SimulatedHub#openAiRequestLimit}.
     */
    public AifoHubSimulator openAiRequestLimit(int requests, Duration window) {
        defaultHub.openAiRequestLimit(requests, window);
        return this;
    }

    /** Makes the default hub's OpenAI-compatible dialect refuse a key with 401. */
    public AifoHubSimulator rejectKey(String key) {
        defaultHub.rejectKey(key);
        return this;
    }

    /** Answers the next {@code count} requests to the default hub, of either dialect, with {@code fault}. */
    public AifoHubSimulator failNext(int count, SimulatedFault fault) {
        defaultHub.failNext(count, fault);
        return this;
    }

    /**
     * The requests the default hub received so far, oldest first, keys redacted; a named hub's requests
     * are in its own {@link SimulatedHub#journal()}.
     */
    public List<RecordedRequest> journal() {
        return defaultHub.journal();
    }

    /**
     * Forgets queued faults, counters, rejected keys and the journals of the default hub and of every
     * named hub; plans, request limits and the named hubs themselves stay.
     */
    public void reset() {
        defaultHub.reset();
        hubs.values().forEach(SimulatedHub::reset);
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
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(HUBS_PATH)) {
                defaultHub.handle(exchange, path);
                return;
            }
            String rest = path.substring(HUBS_PATH.length());
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            SimulatedHub hub = hubs.get(name);
            if (hub == null) {
                Replies.send(exchange, 404, "text/plain; charset=utf-8", unknownHub(name));
                return;
            }
            hub.handle(exchange, slash < 0 ? "" : rest.substring(slash));
        } catch (IOException clientWentAway) {
            // A client that cancels a stream closes its connection; nothing is left to answer.
        }
    }

    // Says which hubs exist, since the usual cause is a hub the test configured but never created.
    private String unknownHub(String name) {
        List<String> names = hubs().stream().map(SimulatedHub::name).toList();
        return "No hub named '" + name + "' at this simulator; "
                + (names.isEmpty()
                        ? "it has no named hubs yet (AifoHubSimulator.hub(name) creates one)"
                        : "its hubs are " + String.join(", ", names))
                + ", and the default hub answers at the root paths";
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
