package ir.aifo.routing;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.internal.routing.RoutedCall;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.Assert;
import reactor.core.publisher.Flux;

/**
 * A {@link ChatModel} whose model names are routes: aliases each served by an ordered list of hub
 * targets ({@code smart = myaihub:openai/gpt-5-mini, aifo:openai/gpt-5-mini}). A request is sent to the
 * route's first target that can take it, and to the next when that one skips or fails it.
 *
 * <p>A target is skipped, unsent, while it cools down, when its hub's tracker knows the quota its model
 * draws on is spent, and when its dialect cannot carry the request. It is left for the next after a
 * spent quota, a model outside the plan, a {@code 429} (which the hub does not first retry itself), a
 * refused key, and a failure or an unreachable hub after the hub's own retries; the ones that are the
 * key's or the month's start a cool-down, and so do several failures in a row. The route stops, and the
 * failure reaches the caller, after a {@code 400} (the request is wrong everywhere) and after any
 * failure once a hub answered with a success status: no request is answered twice. A stream moves on
 * only before its first response.
 *
 * <p>Each response says who answered ({@code aifo.hub}), for which route ({@code aifo.route}), and who
 * did not and why ({@code aifo.fallbacks}); its model is the one that answered. When no target
 * answers, an {@link AifoRouteUnavailableException} lists them all.
 *
 * <pre>{@code
 * AifoRouter router = AifoRouter.builder()
 *         .hub("myaihub", myAiHub)
 *         .hub("aifo", aifo)
 *         .route("smart", "myaihub:openai/gpt-5-mini", "aifo:openai/gpt-5-mini")
 *         .defaultRoute("smart")
 *         .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AifoRouter implements ChatModel {

    private final Map<String, AifoChatModel> hubs;

    private final Map<String, Route> routes;

    private final @Nullable String defaultRoute;

    private final AifoChatOptions options;

    private final FailureTriage triage;

    private final CoolDowns coolDowns;

    private final RouteEvents events;

    private final Clock clock;

    private AifoRouter(Builder builder) {
        this.clock = builder.clock;
        // In the order given, which is the order they are shown in.
        this.hubs = Collections.unmodifiableMap(new LinkedHashMap<>(builder.hubs));
        this.routes = new LinkedHashMap<>(builder.routes);
        this.defaultRoute = builder.defaultRoute;
        this.options = AifoChatOptions.builder().model(defaultRoute).build();
        this.events = new RouteEvents(builder.listeners);
        this.triage = new FailureTriage(builder.clock, builder.keyRefusedCoolDown, builder.rateLimitCoolDown);
        this.coolDowns = new CoolDowns(
                builder.clock,
                builder.failuresBeforeCoolDown,
                builder.failureCoolDown,
                this.events,
                builder.coolDownSharing);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Options naming the default route as the model, so that a {@code ChatClient} asks for it unless
     * told otherwise; every other option is the hubs' own default.
     */
    @Override
    public ChatOptions getOptions() {
        return options;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        Route route = routeOf(prompt);
        RouteAttempts attempts = new RouteAttempts(route);
        for (RouteTarget target : route.targets()) {
            TargetUnavailable coolingDown = coolDowns.of(target);
            if (coolingDown != null) {
                attempts.skipped(coolingDown.forTarget(target, false));
                continue;
            }
            AifoChatModel hub = hubs.get(target.hub());
            Prompt request = forTarget(prompt, target);
            ChatResponse response;
            try {
                response = RoutedCall.run(attempts.metadataFor(target), () -> hub.call(request));
            } catch (RuntimeException failure) {
                attempts.failed(movedOnFrom(target, failure), failure);
                continue;
            }
            answered(attempts, target);
            return response;
        }
        throw noneAnswered(attempts);
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        return Flux.defer(() -> new RoutedStream(this, routeOf(prompt), prompt).fromTarget(0));
    }

    /** The hubs, by name, in the order they were given. */
    public Map<String, AifoChatModel> getHubs() {
        return hubs;
    }

    /** The routes, by name, each with its targets in the order they are tried. */
    public Map<String, List<RouteTarget>> getRoutes() {
        Map<String, List<RouteTarget>> targets = new LinkedHashMap<>();
        routes.forEach((name, route) -> targets.put(name, route.targets()));
        return targets;
    }

    /** The route of a request that names no model. */
    public Optional<String> getDefaultRoute() {
        return Optional.ofNullable(defaultRoute);
    }

    /** The cool-downs running now: the targets and hubs routes skip, why, and until when. */
    public List<TargetUnavailable> getCoolDowns() {
        return coolDowns.running();
    }

    @Override
    public String toString() {
        return "AifoRouter[hubs=" + hubs.keySet() + ", routes=" + routes.keySet() + "]";
    }

    @Nullable
    TargetUnavailable coolingDown(RouteTarget target) {
        return coolDowns.of(target);
    }

    AifoChatModel hub(RouteTarget target) {
        return hubs.get(target.hub());
    }

    /**
     * Why the route moves on from {@code target} after {@code failure}, with the cool-down it started.
     *
     * @throws RuntimeException {@code failure} itself, when the route must stop there
     */
    TargetUnavailable movedOnFrom(RouteTarget target, RuntimeException failure) {
        TargetUnavailable unavailable = triage.triage(target, failure);
        if (unavailable == null) {
            throw failure;
        }
        return coolDowns.failed(unavailable);
    }

    /** {@code target} answered: its failures in a row are over, and the listeners hear who was passed over. */
    void answered(RouteAttempts attempts, RouteTarget target) {
        coolDowns.succeeded(target);
        attempts.answeredBy(target, events);
    }

    AifoRouteUnavailableException noneAnswered(RouteAttempts attempts) {
        return attempts.noneAnswered(events, clock.instant());
    }

    /**
     * The request as the target's hub gets it: the target's own model id in place of the route's name.
     * The messages are handed on as they are, not copied: the hub model copies them as it prepares them.
     */
    static Prompt forTarget(Prompt prompt, RouteTarget target) {
        ChatOptions requested = prompt.getOptions();
        ChatOptions options = requested == null
                ? AifoChatOptions.builder().model(target.model()).build()
                : requested.mutate().model(target.model()).build();
        return new Prompt(prompt.getInstructions(), options);
    }

    private Route routeOf(Prompt prompt) {
        Assert.notNull(prompt, "prompt must not be null");
        String model = prompt.getOptions() == null ? null : prompt.getOptions().getModel();
        if (model == null || model.isBlank()) {
            if (defaultRoute == null) {
                throw new IllegalArgumentException("The request names no model and there is no default route: name"
                        + " one of the routes " + routes.keySet() + " as the model, or set a default route"
                        + " (spring.ai.aifo.default-route)");
            }
            return routes.get(defaultRoute);
        }
        Route route = routes.get(model);
        if (route == null) {
            throw new IllegalArgumentException("'" + model + "' is not a route; the routes are: "
                    + String.join(
                            "; ", routes.values().stream().map(Route::toString).toList())
                    + ". A hub's own model ids are reached through that hub's ChatModel (in Spring,"
                    + " @Qualifier(\"<hub>\") ChatModel), not through the router");
        }
        return route;
    }

    /**
     * Builds an {@link AifoRouter} over named {@link AifoChatModel}s.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        /** How many failures in a row of one target start its cool-down, by default. */
        public static final int DEFAULT_FAILURES_BEFORE_COOL_DOWN = 3;

        /** How long a target that keeps failing is skipped, by default. */
        public static final Duration DEFAULT_FAILURE_COOL_DOWN = Duration.ofSeconds(30);

        /** How long a hub that refused its key is skipped, by default. */
        public static final Duration DEFAULT_KEY_REFUSED_COOL_DOWN = Duration.ofMinutes(5);

        /** How long a hub that limited the rate without saying for how long is skipped, by default. */
        public static final Duration DEFAULT_RATE_LIMIT_COOL_DOWN = Duration.ofSeconds(10);

        private final Map<String, AifoChatModel> hubs = new LinkedHashMap<>();
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private @Nullable String defaultRoute;
        private int failuresBeforeCoolDown = DEFAULT_FAILURES_BEFORE_COOL_DOWN;
        private Duration failureCoolDown = DEFAULT_FAILURE_COOL_DOWN;
        private Duration keyRefusedCoolDown = DEFAULT_KEY_REFUSED_COOL_DOWN;
        private Duration rateLimitCoolDown = DEFAULT_RATE_LIMIT_COOL_DOWN;
        private final List<RouteListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private @Nullable CoolDownSharing coolDownSharing;

        private Builder() {}

        /** A hub, by the name route targets give it. */
        public Builder hub(String name, AifoChatModel model) {
            Assert.hasText(name, "name must not be blank");
            Assert.isTrue(name.indexOf(':') < 0, () -> "Hub name '" + name + "' must not contain ':'");
            Assert.notNull(model, "model must not be null");
            hubs.put(name, model);
            return this;
        }

        /** A route: a model alias and its targets, in the order they are tried. */
        public Builder route(String name, List<RouteTarget> targets) {
            Assert.hasText(name, "name must not be blank");
            Assert.notNull(targets, "targets must not be null");
            routes.put(name, new Route(name, targets));
            return this;
        }

        /** A route whose targets are written {@code hub:model}. */
        public Builder route(String name, String... targets) {
            Assert.notNull(targets, "targets must not be null");
            return route(name, Arrays.stream(targets).map(RouteTarget::parse).toList());
        }

        /** The route of a request that names no model; none by default, and such a request is refused. */
        public Builder defaultRoute(@Nullable String defaultRoute) {
            this.defaultRoute = defaultRoute;
            return this;
        }

        /** How many failures in a row (after the hub's own retries) start a target's cool-down. */
        public Builder failuresBeforeCoolDown(int failuresBeforeCoolDown) {
            this.failuresBeforeCoolDown = failuresBeforeCoolDown;
            return this;
        }

        /** How long a target that keeps failing is skipped. */
        public Builder failureCoolDown(Duration failureCoolDown) {
            this.failureCoolDown = failureCoolDown;
            return this;
        }

        /** How long a hub that refused its key (401, 403) is skipped. */
        public Builder keyRefusedCoolDown(Duration keyRefusedCoolDown) {
            this.keyRefusedCoolDown = keyRefusedCoolDown;
            return this;
        }

        /** How long a hub that answered 429 is skipped when it said neither Retry-After nor a reset. */
        public Builder rateLimitCoolDown(Duration rateLimitCoolDown) {
            this.rateLimitCoolDown = rateLimitCoolDown;
            return this;
        }

        /** Told of fallbacks and cool-downs. */
        public Builder listener(RouteListener listener) {
            Assert.notNull(listener, "listener must not be null");
            listeners.add(listener);
            return this;
        }

        /**
         * Shares cool-downs with the application's other instances (through Redis, with
         * {@code aifo-quota-redis}); by default each instance learns its own.
         */
        public Builder coolDownSharing(@Nullable CoolDownSharing coolDownSharing) {
            this.coolDownSharing = coolDownSharing;
            return this;
        }

        /** The clock of cool-downs and quota months; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            Assert.notNull(clock, "clock must not be null");
            this.clock = clock;
            return this;
        }

        /**
         * The router.
         *
         * @throws IllegalArgumentException when there is no route, a route has no target or names a hub
         *     that was not given, the default route is not a route, or a setting is out of range
         */
        public AifoRouter build() {
            RouteTableCheck.check(hubs, routes, defaultRoute);
            Assert.isTrue(
                    failuresBeforeCoolDown >= 1,
                    () -> "failuresBeforeCoolDown is " + failuresBeforeCoolDown + " but must be 1 or more");
            positive("failureCoolDown", failureCoolDown);
            positive("keyRefusedCoolDown", keyRefusedCoolDown);
            positive("rateLimitCoolDown", rateLimitCoolDown);
            return new AifoRouter(this);
        }

        private static void positive(String name, @Nullable Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " is " + value + " but must be positive, such as 30s");
            }
        }
    }

    /**
     * Shares a router's cool-downs with the other instances of the application, so that a target one
     * instance found rate limited, refused or spent is skipped by every instance, not learned by each
     * again; {@code aifo-quota-redis} shares them through Redis.
     *
     * <p>A router tells its sharing every cool-down it starts or lengthens and, once, where cool-downs
     * learned from other instances go. Neither may wait for a remote store: {@link #share} is called on the
     * thread of the request that met the failure.
     *
     * @since 0.1.0
     */
    public interface CoolDownSharing {

        /**
         * A cool-down this instance started or lengthened, to be told to the others. Must not block; an
         * implementation that cannot reach its store keeps it to share later, or drops it.
         */
        void share(TargetUnavailable coolDown);

        /**
         * Where cool-downs learned from other instances go; called once by each router that uses this
         * sharing, as it is built. The router keeps the later end of a cool-down it already knows, and
         * ignores one that has ended; it may be told on any thread.
         */
        void connect(Consumer<TargetUnavailable> learned);
    }
}
