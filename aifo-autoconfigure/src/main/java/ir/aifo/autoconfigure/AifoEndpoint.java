package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.RouteTarget;
import ir.aifo.routing.TargetUnavailable;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/aifo}: every hub the application's chat models talk to, by name, and the quota each
 * hub last reported. The API key is never part of it.
 *
 * @since 0.1.0
 */
@Endpoint(id = "aifo")
public class AifoEndpoint {

    private final Map<String, AifoChatModel> hubs;

    private final QuotaTracker tracker;

    private final @Nullable AifoRouter router;

    private final QuotaStoreStatus store;

    /**
     * @param hubs each hub's chat model by the hub's name, in the order the endpoint lists them
     * @param tracker where the quota each hub reported is kept
     */
    public AifoEndpoint(Map<String, AifoChatModel> hubs, QuotaTracker tracker) {
        this(hubs, tracker, null);
    }

    /**
     * @param hubs each hub's chat model by the hub's name, in the order the endpoint lists them
     * @param tracker where the quota each hub reported is kept
     * @param router the routes over the hubs, if any, whose cool-downs the endpoint shows
     */
    public AifoEndpoint(Map<String, AifoChatModel> hubs, QuotaTracker tracker, @Nullable AifoRouter router) {
        this(hubs, tracker, router, QuotaStoreStatus.of(tracker));
    }

    AifoEndpoint(
            Map<String, AifoChatModel> hubs,
            QuotaTracker tracker,
            @Nullable AifoRouter router,
            QuotaStoreStatus store) {
        this.hubs = Collections.unmodifiableMap(new LinkedHashMap<>(hubs));
        this.tracker = tracker;
        this.router = router;
        this.store = store;
    }

    @ReadOperation
    public AifoDescriptor aifo() {
        // One look at the cool-downs for the whole answer, so hubs and routes agree.
        Map<RouteTarget, TargetUnavailable> coolDowns = new LinkedHashMap<>();
        if (router != null) {
            router.getCoolDowns().forEach(coolDown -> coolDowns.put(coolDown.target(), coolDown));
        }
        Map<String, HubDescriptor> described = new LinkedHashMap<>();
        hubs.forEach((name, model) -> described.put(name, describe(model, coolDowns.get(RouteTarget.wholeHub(name)))));
        Map<String, List<TargetDescriptor>> routes = new LinkedHashMap<>();
        if (router != null) {
            router.getRoutes()
                    .forEach((route, targets) -> routes.put(
                            route,
                            targets.stream()
                                    .map(target -> describe(target, coolDowns))
                                    .toList()));
        }
        return new AifoDescriptor(
                described,
                routes,
                router == null ? null : router.getDefaultRoute().orElse(null),
                store.describe());
    }

    private HubDescriptor describe(AifoChatModel model, @Nullable TargetUnavailable coolDown) {
        HubQuota quota = tracker.lastKnown(model.getKeyFingerprint()).orElse(null);
        return new HubDescriptor(
                model.getProtocolName(),
                model.getBaseUrl(),
                model.getOptions().getModel(),
                quota == null ? null : quota.plan(),
                quota == null ? null : quota.period(),
                quota == null ? Map.of() : quota.breakdown(),
                coolDown == null ? null : coolDown.until(),
                coolDown == null ? null : coolDown.reason().description());
    }

    private static TargetDescriptor describe(RouteTarget target, Map<RouteTarget, TargetUnavailable> coolDowns) {
        TargetUnavailable coolDown = coolDowns.get(RouteTarget.wholeHub(target.hub()));
        if (coolDown == null) {
            coolDown = coolDowns.get(target);
        }
        return new TargetDescriptor(
                target.toString(),
                coolDown == null ? null : coolDown.until(),
                coolDown == null ? null : coolDown.reason().description(),
                coolDown == null ? null : coolDown.detail());
    }

    /**
     * What the endpoint shows.
     *
     * @param hubs each hub by its name; {@code default} for the single hub of {@code spring.ai.aifo.*}
     * @param routes each route's targets in the order they are tried; empty without routes
     * @param defaultRoute the route of a request that names no model
     * @param store where quota and cool-downs are kept, and whether it is reached
     * @since 0.1.0
     */
    public record AifoDescriptor(
            Map<String, HubDescriptor> hubs,
            Map<String, List<TargetDescriptor>> routes,
            @Nullable String defaultRoute,
            StoreDescriptor store) {}

    /**
     * Where quota and cool-downs are kept.
     *
     * @param type {@code memory}, {@code redis} (shared by every instance), or the class of the
     *     application's own tracker
     * @param state {@code UP}; for Redis also {@code STARTING} and {@code DOWN}, while calls go on with
     *     what this instance knows
     * @param since since when the store is in that state; {@code null} for memory
     * @param keyPrefix the application's name in the shared store's keys
     * @param problem why the shared store cannot be reached, when it cannot
     * @since 0.1.0
     */
    public record StoreDescriptor(
            String type,
            String state,
            @Nullable Instant since,
            @Nullable String keyPrefix,
            @Nullable String problem) {

        /** Whether calls go on with this instance's knowledge alone, for now. */
        boolean isDegraded() {
            return !state.equals("UP");
        }
    }

    /**
     * What the endpoint shows of one hub.
     *
     * @param quota the last known bucket per provider
     * @param coolDownUntil until when routes skip the whole hub (a refused key, a rate limit); {@code null}
     *     when they do not
     * @param coolDownReason why they skip it
     * @since 0.1.0
     */
    public record HubDescriptor(
            String protocol,
            String baseUrl,
            @Nullable String model,
            @Nullable String plan,
            @Nullable YearMonth period,
            Map<String, QuotaBucket> quota,
            @Nullable Instant coolDownUntil,
            @Nullable String coolDownReason) {}

    /**
     * What the endpoint shows of one route target.
     *
     * @param target {@code hub:model}
     * @param coolDownUntil until when routes skip it, or its hub; {@code null} when they do not
     * @param coolDownReason why, in a word or two
     * @param coolDownDetail why, in a sentence
     * @since 0.1.0
     */
    public record TargetDescriptor(
            String target,
            @Nullable Instant coolDownUntil,
            @Nullable String coolDownReason,
            @Nullable String coolDownDetail) {}
}
