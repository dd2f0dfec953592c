package ir.aifo.chat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.internal.http.Deadline;
import ir.aifo.internal.http.HubHttpClient;
import ir.aifo.internal.http.HubRequest;
import ir.aifo.internal.http.WireLogger;
import ir.aifo.internal.protocol.HubProtocol;
import ir.aifo.internal.protocol.HubStreamDecoder;
import ir.aifo.internal.protocol.WireJson;
import ir.aifo.internal.routing.RoutedCall;
import ir.aifo.quota.QuotaListener;
import ir.aifo.quota.QuotaTracker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.retry.RetryUtils;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.Assert;
import org.springframework.util.CollectionUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

/**
 * A Spring AI {@link ChatModel} that talks to an AI hub (AiFO, TokenHub, or any hub speaking one of
 * the {@link AifoProtocol} dialects), blocking or streaming.
 *
 * <p>Per-request options are merged over the defaults and validated before anything is sent.
 * Transient failures are retried through Spring AI's {@link RetryTemplate}; a stream only until its
 * first response. As in Spring AI 2.0's own models, tools are not executed here: tool definitions go
 * out and complete tool calls come back, and {@code ChatClient} runs the loop.
 *
 * @since 0.1.0
 */
public final class AifoChatModel implements ChatModel {

    /** The model a request asks for when neither the defaults nor the request name one. */
    public static final String DEFAULT_MODEL = "openai/gpt-5-mini";

    /** The provider name in observations and metrics. */
    public static final String PROVIDER = "aifo";

    /** The longest {@code Retry-After} honoured by default. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private static final ChatModelObservationConvention DEFAULT_OBSERVATION_CONVENTION =
            new DefaultChatModelObservationConvention();

    private final HubProtocol protocol;

    private final HubHttpClient http;

    private final AifoChatOptions defaultOptions;

    private final HubRetry retry;

    private final ObservationRegistry observationRegistry;

    private final ChatModelObservationConvention observationConvention;

    private final ToolCallingManager toolCallingManager;

    private final QuotaGuard quota;

    private final String keyFingerprint;

    private final Duration callTimeout;

    private final Duration streamTimeout;

    private AifoChatModel(
            Builder builder,
            AifoConnection connection,
            HubProtocol protocol,
            HubHttpClient http,
            String keyFingerprint) {
        this.protocol = protocol;
        this.http = http;
        this.defaultOptions = builder.defaultOptions;
        this.retry = new HubRetry(builder.retryTemplate, builder.maxRetryAfter, builder.retryAccepted, http.baseUrl());
        this.callTimeout = connection.callTimeout();
        this.streamTimeout = connection.streamTimeout();
        this.observationRegistry = builder.observationRegistry;
        this.observationConvention = builder.observationConvention;
        this.keyFingerprint = keyFingerprint;
        this.quota = new QuotaGuard(
                builder.quotaTracker,
                keyFingerprint,
                builder.quotaFailFast,
                builder.quotaListeners,
                protocol,
                builder.clock);
        this.toolCallingManager = builder.toolCallingManager != null
                ? builder.toolCallingManager
                : ToolCallingManager.builder()
                        .observationRegistry(builder.observationRegistry)
                        .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AifoChatOptions getOptions() {
        return defaultOptions;
    }

    /**
     * Makes now what the first request would otherwise wait for: the dialect with its JSON mapper and
     * the JDK client with the JVM's TLS context (both slow to make on a cold JVM).
     * Both are made on first use so that they do not delay an application's start; the
     * auto-configuration calls this on a background thread once the application is ready. Safe to call
     * at any time and more than once.
     */
    public void warmUp() {
        protocol.name();
        http.warmUp();
    }

    /** The dialect this model speaks, such as {@code openai}. */
    public String getProtocolName() {
        return protocol.name();
    }

    /** The hub's base URL. */
    public String getBaseUrl() {
        return http.baseUrl();
    }

    /**
     * The fingerprint its key's quota is tracked under: {@code key-} and the first 12 hex digits of the
     * key's SHA-256, never the key.
     */
    public String getKeyFingerprint() {
        return keyFingerprint;
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        Map<String, Object> route = RoutedCall.metadata();
        Prompt request = prepare(prompt);
        HubRequest hubRequest = createRequest(request, false);
        String model = request.getOptions().getModel();
        // In a route, more calls than the bucket has requests left would be sent in vain: the next target takes them.
        Runnable release = route != null ? quota.holdRequestLeft(model) : () -> {};
        try {
            // Without a registry nothing is recorded, and no observation is made for it.
            return observationRegistry.isNoop()
                    ? callHub(hubRequest, model, route)
                    : observedCall(request, hubRequest, model, route);
        } finally {
            release.run();
        }
    }

    private ChatResponse observedCall(
            Prompt request, HubRequest hubRequest, String model, @Nullable Map<String, Object> route) {
        ChatModelObservationContext context = ChatModelObservationContext.builder()
                .prompt(request)
                .provider(PROVIDER)
                .build();
        return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
                .observation(observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context, observationRegistry)
                .observe(() -> {
                    ChatResponse response = callHub(hubRequest, model, route);
                    context.setResponse(response);
                    return response;
                });
    }

    private ChatResponse callHub(HubRequest hubRequest, String model, @Nullable Map<String, Object> route) {
        ChatResponse response;
        try {
            response = retry.call(
                    deadline -> quota.recordingRefusals(() -> protocol.readReply(
                            http.post(hubRequest, deadline), model, route != null ? route : Map.of())),
                    Deadline.forCall(callTimeout),
                    route == null);
        } catch (AifoQuotaExceededException spent) {
            quota.recordFrom(spent);
            throw spent;
        }
        quota.recordFrom(response);
        return response;
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        if (!protocol.supportsStreaming()) {
            // The hub answers whole; the stream is that one answer, with all its metadata. The call blocks,
            // so it runs on a thread meant for that, not on the subscriber's (an event loop, in WebFlux).
            return Flux.deferContextual(contextView -> {
                // The call runs on another thread, which must know as this one does that a route made it.
                Map<String, Object> route = RoutedCall.metadata(contextView);
                return Mono.fromCallable(() -> route != null ? RoutedCall.run(route, () -> call(prompt)) : call(prompt))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flux();
            });
        }
        return Flux.deferContextual(contextView -> {
            Prompt request = prepare(prompt);
            HubRequest hubRequest = createRequest(request, true);
            // One deadline for the whole stream, its retries included, from the moment it is subscribed to.
            Deadline deadline = Deadline.forStream(streamTimeout);
            Map<String, Object> route = RoutedCall.metadata(contextView);
            Flux<ChatResponse> responses = retry.stream(
                    () -> streamOnce(hubRequest, deadline, route != null ? route : Map.of()), deadline, route == null);
            // Without a registry nothing is recorded: no observation to start, and no operator per chunk for it.
            return observationRegistry.isNoop() ? responses : observed(responses, request, contextView);
        });
    }

    private Flux<ChatResponse> observed(Flux<ChatResponse> responses, Prompt request, ContextView contextView) {
        ChatModelObservationContext context = ChatModelObservationContext.builder()
                .prompt(request)
                .provider(PROVIDER)
                .streaming(true)
                .build();
        Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(
                observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context, observationRegistry);
        Observation parent = contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        observation.parentObservation(parent);
        // Started inside the parent's scope so that tracing derives the span's parent from it.
        try (Observation.Scope ignored = parent != null ? parent.openScope() : Observation.Scope.NOOP) {
            observation.start();
        }
        // Stopped on the way to the subscriber, after the whole reply is set: so the observation is
        // complete when the subscriber sees the end, and does not time its handling of it.
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                observation.stop();
            }
        };
        Flux<ChatResponse> recorded = responses;
        if (!observation.isNoop()) {
            // Only an observation that is recorded needs the whole reply; others cost nothing per chunk.
            StreamedReply reply = new StreamedReply();
            recorded = responses.doOnNext(reply::add).doOnComplete(() -> context.setResponse(reply.toChatResponse()));
        }
        return recorded.doOnError(observation::error)
                .doOnTerminate(stop)
                .doOnCancel(stop)
                .contextWrite(ctx -> ctx.put(ObservationThreadLocalAccessor.KEY, observation));
    }

    private Flux<ChatResponse> streamOnce(HubRequest hubRequest, Deadline deadline, Map<String, Object> route) {
        HubStreamDecoder decoder = protocol.newStreamDecoder(route);
        // Every response of a stream carries the same header figures; recording the first is enough.
        AtomicBoolean recorded = new AtomicBoolean();
        return http.postForEvents(
                        hubRequest,
                        decoder::onHeaders,
                        protocol::readError,
                        event -> {
                            ChatResponse response = decoder.decode(event);
                            if (response != null && !recorded.get() && !recorded.getAndSet(true)) {
                                quota.recordFrom(response);
                            }
                            return response;
                        },
                        decoder::isComplete,
                        decoder::onEnd,
                        deadline)
                .doOnError(AifoRateLimitException.class, quota::recordFrom);
    }

    private HubRequest createRequest(Prompt request, boolean stream) {
        AifoChatOptions options = (AifoChatOptions) request.getOptions();
        quota.checkBeforeSending(options.getModel());
        // Definitions come from the callbacks; most requests have none, and need no stream pipeline to say so.
        List<ToolDefinition> tools = CollectionUtils.isEmpty(options.getToolCallbacks())
                ? List.of()
                : toolCallingManager.resolveToolDefinitions(options);
        return protocol.createRequest(request, RequestOptionsMapping.of(options), tools, stream);
    }

    /** The prompt with its options merged over the defaults, checked before anything is sent. */
    private Prompt prepare(Prompt prompt) {
        Assert.notNull(prompt, "prompt must not be null");
        checkNotEmpty(prompt);
        AifoChatOptions options = AifoChatOptions.overDefaults(prompt.getOptions(), defaultOptions);
        ChatOptionsValidator.validateForRequest(options);
        // The messages as they are: mutate() would copy each one, for every request, and nothing here changes them.
        return new Prompt(prompt.getInstructions(), options);
    }

    private static void checkNotEmpty(Prompt prompt) {
        if (prompt.getInstructions().isEmpty()) {
            throw new IllegalArgumentException("The prompt has no messages: add at least one user message");
        }
        for (Message message : prompt.getInstructions()) {
            if (hasContent(message)) {
                return;
            }
        }
        throw new IllegalArgumentException(
                "The prompt's messages are all empty: at least one needs text, an image, a tool call or a tool result");
    }

    private static boolean hasContent(Message message) {
        if (message.getText() != null && !message.getText().isBlank()) {
            return true;
        }
        return (message instanceof UserMessage user && !user.getMedia().isEmpty())
                || (message instanceof AssistantMessage assistant && assistant.hasToolCalls())
                || (message instanceof ToolResponseMessage tool
                        && !tool.getResponses().isEmpty());
    }

    @Override
    public String toString() {
        return "AifoChatModel[protocol=" + protocol.name() + ", baseUrl=" + http.baseUrl() + ", model="
                + defaultOptions.getModel() + "]";
    }

    /**
     * Builds an {@link AifoChatModel} from an {@link AifoConnection} and the settings of the model itself.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private @Nullable AifoConnection connection;
        private AifoChatOptions defaultOptions =
                AifoChatOptions.builder().model(DEFAULT_MODEL).build();
        private RetryTemplate retryTemplate = RetryUtils.DEFAULT_RETRY_TEMPLATE;
        private @Nullable Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
        private boolean retryAccepted;
        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
        private ChatModelObservationConvention observationConvention = DEFAULT_OBSERVATION_CONVENTION;
        private Clock clock = Clock.systemUTC();
        private @Nullable ToolCallingManager toolCallingManager;
        private QuotaTracker quotaTracker = QuotaTracker.inMemory();
        private boolean quotaFailFast = true;
        private final List<QuotaListener> quotaListeners = new ArrayList<>();

        private Builder() {}

        /** The hub and how to reach it; required. One connection may serve several models. */
        public Builder connection(AifoConnection connection) {
            Assert.notNull(connection, "connection must not be null");
            this.connection = connection;
            return this;
        }

        /** The options every request starts from; a request's own options win field by field. */
        public Builder defaultOptions(AifoChatOptions defaultOptions) {
            Assert.notNull(defaultOptions, "defaultOptions must not be null");
            this.defaultOptions = defaultOptions;
            return this;
        }

        /** Spring AI's retry template; {@link RetryUtils#DEFAULT_RETRY_TEMPLATE} by default. */
        public Builder retryTemplate(RetryTemplate retryTemplate) {
            Assert.notNull(retryTemplate, "retryTemplate must not be null");
            this.retryTemplate = retryTemplate;
            return this;
        }

        /** The longest {@code Retry-After} honoured before a retry; zero ignores the header. */
        public Builder maxRetryAfter(@Nullable Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /**
         * Whether a call is retried even when it failed after the hub answered with a success status
         * (a body cut or unreadable after {@code 200}); {@code false} by default, because the hub has
         * then probably counted the request against the key's quota.
         */
        public Builder retryAcceptedRequests(boolean retryAccepted) {
            this.retryAccepted = retryAccepted;
            return this;
        }

        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            Assert.notNull(observationRegistry, "observationRegistry must not be null");
            this.observationRegistry = observationRegistry;
            return this;
        }

        public Builder observationConvention(ChatModelObservationConvention observationConvention) {
            Assert.notNull(observationConvention, "observationConvention must not be null");
            this.observationConvention = observationConvention;
            return this;
        }

        /**
         * Resolves the options' tool callbacks into the tool definitions sent to the hub; Spring AI's
         * default manager by default. The model does not execute tools: {@code ChatClient} does.
         */
        public Builder toolCallingManager(ToolCallingManager toolCallingManager) {
            Assert.notNull(toolCallingManager, "toolCallingManager must not be null");
            this.toolCallingManager = toolCallingManager;
            return this;
        }

        /**
         * Where the quota each reply reports is kept, per key fingerprint; an in-memory tracker of this
         * model's own by default. Share one between models that use the same key.
         */
        public Builder quotaTracker(QuotaTracker quotaTracker) {
            Assert.notNull(quotaTracker, "quotaTracker must not be null");
            this.quotaTracker = quotaTracker;
            return this;
        }

        /**
         * Whether a call fails at once, unsent, when the tracker knows the bucket its model draws on is
         * spent this month; {@code true} by default.
         */
        public Builder quotaFailFast(boolean quotaFailFast) {
            this.quotaFailFast = quotaFailFast;
            return this;
        }

        /** Told after every quota update, for metrics or alerts. */
        public Builder quotaListener(QuotaListener listener) {
            Assert.notNull(listener, "listener must not be null");
            this.quotaListeners.add(listener);
            return this;
        }

        /** The clock for {@code Retry-After} dates and quota months; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            Assert.notNull(clock, "clock must not be null");
            this.clock = clock;
            return this;
        }

        /**
         * The model. It makes its dialect and its JDK clients on its first request (or in
         * {@link AifoChatModel#warmUp()}), not now.
         *
         * @throws IllegalArgumentException when the connection is missing or a setting or default option
         *     is out of range
         */
        public AifoChatModel build() {
            if (connection == null) {
                throw new IllegalArgumentException("connection is not set: pass AifoConnection.builder()"
                        + ".apiKey(...).build() to connection(...)");
            }
            maxRetryAfter = SettingRange.notNegative(
                    "maxRetryAfter", maxRetryAfter, DEFAULT_MAX_RETRY_AFTER, "ignores Retry-After");
            ChatOptionsValidator.validateRanges(defaultOptions);
            AifoConnection hub = connection;
            Clock protocolClock = clock;
            HubProtocol protocol = new LazyHubProtocol(() ->
                    hub.protocol().create(hub.apiKey(), hub.completionsPath(), WireJson.newMapper(), protocolClock));
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", AifoVersion.userAgent());
            headers.putAll(hub.headers());
            HubHttpClient http = new HubHttpClient(
                    hub.newHttpClientBuilder(),
                    hub.baseUrl(),
                    hub.readTimeout(),
                    headers,
                    new WireLogger(hub.logRequests(), hub.logResponses()),
                    hub.maxReplyBytes());
            return new AifoChatModel(this, hub, protocol, http, KeyFingerprint.of(hub.apiKey()));
        }
    }
}
