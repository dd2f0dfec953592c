package ir.aifo.test;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One hub of an {@link AifoHubSimulator}: both dialects under its base URL, with its own key plans,
 * monthly counters, request window, rejected keys, queued faults and journal.
 *
 * <p>The simulator's default hub answers at the root paths; a named hub, from
 * {@link AifoHubSimulator#hub(String)}, answers under {@code /hubs/<name>} of the same server, so a test
 * can point each of an application's hubs at a hub of its own and spend, break or refuse one alone.
 * {@link AifoHubSimulator#DEFAULT_KEY} is on the VIP plan of every hub.
 *
 * <pre>{@code
 * SimulatedHub myAiHub = simulator.hub("myaihub").myAiHubUsage(simulator.defaultKey(), "openai", 78);
 * // myAiHub.baseUrl() answers two GPT requests this month, then MyAIHub's quota error.
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SimulatedHub {

    private final String name;

    private final String baseUrl;

    private final SimulatorState state;

    private final JsonMapper json;

    private final OpenAiDialect openAi;

    private final MyAiHubDialect myAiHub;

    SimulatedHub(String name, String baseUrl, Clock clock, boolean keepsJournal, JsonMapper json) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.state = new SimulatorState(clock, keepsJournal);
        this.json = json;
        this.openAi = new OpenAiDialect(state, json);
        this.myAiHub = new MyAiHubDialect(state, json);
        state.plan(AifoHubSimulator.DEFAULT_KEY, MyAiHubPlan.VIP);
    }

    /** The hub's name; the default hub, at the root paths, is called {@code (default)}. */
    public String name() {
        return name;
    }

    /** The base URL to configure, such as {@code http://127.0.0.1:54321/hubs/myaihub}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@link AifoHubSimulator#DEFAULT_KEY}, on the VIP plan of this hub. */
    public String defaultKey() {
        return AifoHubSimulator.DEFAULT_KEY;
    }

    /** Registers (or moves) a MyAIHub key on a plan; unknown keys get MyAIHub's invalid-licence error. */
    public SimulatedHub myAiHubKey(String key, MyAiHubPlan plan) {
        state.plan(key, plan);
        return this;
    }

    /**
     * Sets how many requests a MyAIHub key has used this month on a provider ({@code openrouter} or
     * {@code openai}), as a quota nearly spent: VIP's 80 GPT requests with 78 used leave two.
     */
    public SimulatedHub myAiHubUsage(String key, String provider, int used) {
        String bucket = provider.toLowerCase(Locale.ROOT);
        // Any other name would be a counter no request ever reads, and the test would wait for a refusal in vain.
        if (!bucket.equals("openrouter") && !bucket.equals("openai")) {
            throw new IllegalArgumentException(
                    "MyAIHub counts requests per provider 'openrouter' or 'openai', not '" + provider + "'");
        }
        if (used < 0) {
            throw new IllegalArgumentException("A key cannot have used " + used + " requests; 0 or more");
        }
        state.counter(key, bucket).set(used);
        return this;
    }

    /**
     * Sets how many requests each key may send to the OpenAI-compatible endpoint per window (500 a
     * minute by default); past that, it answers 429 with {@code Retry-After} until the window ends.
     * Counts are forgotten by {@link #reset()}, the limit is kept.
     */
    public SimulatedHub openAiRequestLimit(int requests, Duration window) {
        if (requests < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The request limit needs at least 1 request and a positive window");
        }
        state.openAiRequestLimit(requests, window);
        return this;
    }

    /** Makes the OpenAI-compatible dialect refuse a key with 401 (any other non-empty key is accepted). */
    public SimulatedHub rejectKey(String key) {
        state.reject(key);
        return this;
    }

    /** Answers the next {@code count} requests to this hub, of either dialect, with {@code fault}. */
    public SimulatedHub failNext(int count, SimulatedFault fault) {
        state.queueFaults(count, fault);
        return this;
    }

    /** The requests this hub received so far, oldest first, keys redacted, paths as sent. */
    public List<RecordedRequest> journal() {
        return state.journal();
    }

    /** Forgets queued faults, counters, rejected keys and the journal; plans and the request limit stay. */
    public void reset() {
        state.reset();
    }

    @Override
    public String toString() {
        return "SimulatedHub[" + name + " at " + baseUrl + "]";
    }

    /** Answers a request whose path, below this hub's base URL, is {@code path}. */
    void handle(HttpExchange exchange, String path) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        JsonNode request = parse(bytes);
        if (state.keepsJournal()) {
            state.record(RecordedRequest.redacted(
                    exchange, bytes, request, state.clock().instant()));
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            Replies.send(exchange, 405, "text/plain", "Method not allowed");
            return;
        }
        SimulatedFault fault = state.takeFault();
        switch (path) {
            case AifoHubSimulator.OPENAI_PATH -> openAi.handle(exchange, bytes, request, fault);
            case AifoHubSimulator.MYAIHUB_PATH -> myAiHub.handle(exchange, request, fault);
            default -> Replies.send(exchange, 404, "text/plain", "No hub endpoint at " + exchange.getRequestURI());
        }
    }

    private @Nullable JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? null : json.readTree(bytes);
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
