package ir.aifo.chat;

import ir.aifo.internal.http.HubHttpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * How to reach one hub: its address, key and dialect, the timeouts and limits of its calls, and the
 * JDK client they go over; an immutable value, checked when built, that several models may share.
 *
 * <p>Each model builds its own JDK clients from it, on its first request: a connection holds no open
 * connections, threads or TLS context.
 *
 * @since 0.1.0
 */
public final class AifoConnection {

    /** The AiFO hub. */
    public static final String DEFAULT_BASE_URL = "https://api.haftominhonar.ir";

    public static final AifoProtocol DEFAULT_PROTOCOL = AifoProtocol.OPENAI;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    /** Long enough for a reasoning model's answer, retries included. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(5);

    public static final Duration DEFAULT_STREAM_TIMEOUT = Duration.ofMinutes(30);

    /** 32 MiB, far above any chat completion. */
    public static final long DEFAULT_MAX_REPLY_BYTES = 32L * 1024 * 1024;

    /** HTTP/1.1: against hubs, one connection per caller served calls faster than multiplexing them. */
    public static final HttpClient.Version DEFAULT_HTTP_VERSION = HttpClient.Version.HTTP_1_1;

    private final URI baseUrl;

    private final String apiKey;

    private final AifoProtocol protocol;

    private final String completionsPath;

    private final Duration connectTimeout;

    private final Duration readTimeout;

    private final Duration callTimeout;

    private final Duration streamTimeout;

    private final long maxReplyBytes;

    private final Map<String, String> headers;

    private final boolean logRequests;

    private final boolean logResponses;

    private final HttpClient.Version httpVersion;

    private final UnaryOperator<HttpClient.Builder> httpClientCustomizer;

    private AifoConnection(Builder builder, String apiKey, String completionsPath) {
        this.baseUrl = builder.baseUrl;
        this.apiKey = apiKey;
        this.protocol = builder.protocol;
        this.completionsPath = completionsPath;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.callTimeout = builder.callTimeout;
        this.streamTimeout = builder.streamTimeout;
        this.maxReplyBytes = builder.maxReplyBytes;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.logRequests = builder.logRequests;
        this.logResponses = builder.logResponses;
        this.httpVersion = builder.httpVersion;
        this.httpClientCustomizer = builder.httpClientCustomizer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The hub's base URL, as given, whitespace around it removed. */
    public URI baseUrl() {
        return baseUrl;
    }

    // Package-private: the key leaves this package only on its way to the hub.
    String apiKey() {
        return apiKey;
    }

    public AifoProtocol protocol() {
        return protocol;
    }

    /** The chat path below the base URL: the one set, or the dialect's. */
    public String completionsPath() {
        return completionsPath;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    public Duration streamTimeout() {
        return streamTimeout;
    }

    public long maxReplyBytes() {
        return maxReplyBytes;
    }

    /** The headers sent with every request besides the dialect's own, in the order they were set. */
    public Map<String, String> headers() {
        return headers;
    }

    public boolean logRequests() {
        return logRequests;
    }

    public boolean logResponses() {
        return logResponses;
    }

    public HttpClient.Version httpVersion() {
        return httpVersion;
    }

    /**
     * A new JDK client builder for one model: this connection's HTTP version and connect timeout, no
     * redirects, then the customizer's changes. Cheap to make; the clients themselves are built from
     * it on the model's first request.
     */
    HttpClient.Builder newHttpClientBuilder() {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(httpVersion)
                .connectTimeout(connectTimeout)
                // A redirected POST would silently become a GET; the error names the address instead.
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(HubHttpClient.streamExecutor());
        HttpClient.Builder customized = httpClientCustomizer.apply(builder);
        Assert.state(customized != null, "The httpClientCustomizer returned no builder");
        return customized;
    }

    @Override
    public String toString() {
        return "AifoConnection[baseUrl=" + baseUrl + ", protocol="
                + protocol.name().toLowerCase(Locale.ROOT)
                + ", completionsPath=" + completionsPath + ", apiKey=[redacted], connectTimeout="
                + SettingRange.print(connectTimeout) + ", readTimeout=" + SettingRange.print(readTimeout)
                + ", callTimeout=" + SettingRange.print(callTimeout) + ", streamTimeout="
                + SettingRange.print(streamTimeout) + ", maxReplyBytes=" + SettingRange.printSize(maxReplyBytes)
                // Names only: an extra header may carry a credential of its own.
                + ", headers=" + headers.keySet() + ", httpVersion=" + httpVersion + ", logRequests=" + logRequests
                + ", logResponses=" + logResponses + "]";
    }

    /**
     * Builds an {@link AifoConnection}; only the API key has no default.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private URI baseUrl = URI.create(DEFAULT_BASE_URL);
        private @Nullable String apiKey;
        private AifoProtocol protocol = DEFAULT_PROTOCOL;
        private @Nullable String completionsPath;
        private @Nullable Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private @Nullable Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private @Nullable Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private @Nullable Duration streamTimeout = DEFAULT_STREAM_TIMEOUT;
        private long maxReplyBytes = DEFAULT_MAX_REPLY_BYTES;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean logRequests;
        private boolean logResponses;
        private HttpClient.Version httpVersion = DEFAULT_HTTP_VERSION;
        private UnaryOperator<HttpClient.Builder> httpClientCustomizer = UnaryOperator.identity();

        private Builder() {}

        /**
         * The hub's base URL, {@value #DEFAULT_BASE_URL} by default: an absolute http or https URL, with a
         * path at most. Checked at once, since it is parsed here: a query, a fragment or user info is refused.
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = BaseUrlValidator.validated(baseUrl);
            return this;
        }

        /**
         * The hub's API key: sent as the dialect requires, never logged or shown. Whitespace around it is
         * removed; any other character a header cannot carry fails the build.
         */
        public Builder apiKey(@Nullable String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** The hub's dialect; {@link AifoProtocol#OPENAI} by default. */
        public Builder protocol(AifoProtocol protocol) {
            Assert.notNull(protocol, "protocol must not be null");
            this.protocol = protocol;
            return this;
        }

        /** The chat path below the base URL; the dialect's documented path when not set or {@code null}. */
        public Builder completionsPath(@Nullable String completionsPath) {
            this.completionsPath = completionsPath;
            return this;
        }

        /** How long to wait for a connection to open. */
        public Builder connectTimeout(@Nullable Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long to wait for a reply to begin, and then the longest silence within it. */
        public Builder readTimeout(@Nullable Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /**
         * The longest a blocking call may take, all attempts and the waits between them included. Past
         * it the call fails with {@code AifoConnectionException}, and no retry starts that would end after it.
         */
        public Builder callTimeout(@Nullable Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        /**
         * The longest one stream may last, from subscription to its last event, retries included. Past it
         * the stream fails with {@code AifoConnectionException}.
         */
        public Builder streamTimeout(@Nullable Duration streamTimeout) {
            this.streamTimeout = streamTimeout;
            return this;
        }

        /**
         * The most bytes a whole reply may have: a blocking call whose reply grows past it fails instead
         * of filling the heap. A stream's limit is per event.
         */
        public Builder maxReplyBytes(long maxReplyBytes) {
            this.maxReplyBytes = maxReplyBytes;
            return this;
        }

        /** A header sent with every request; setting a name again replaces its value. */
        public Builder header(String name, String value) {
            Assert.hasText(name, "A header's name must not be empty");
            Assert.notNull(value, "The value of header " + name + " must not be null");
            this.headers.put(name, value);
            return this;
        }

        /** Whether requests and replies are logged (logger {@code ir.aifo.wire}, INFO), credentials masked; both off by default. */
        public Builder wireLogging(boolean logRequests, boolean logResponses) {
            this.logRequests = logRequests;
            this.logResponses = logResponses;
            return this;
        }

        /** The HTTP version to speak; HTTP/1.1 by default. */
        public Builder httpVersion(HttpClient.Version httpVersion) {
            Assert.notNull(httpVersion, "httpVersion must not be null");
            this.httpVersion = httpVersion;
            return this;
        }

        /**
         * Adjusts the JDK client builder each model starts from, which has this connection's HTTP version
         * and connect timeout, refuses redirects and has the starter's stream executor: a proxy, TLS
         * settings, an executor of the application's own, or anything else the settings here do not cover.
         * It returns the builder to use, usually the one it was given.
         *
         * <p>Applied once per model, to a builder of that model's own, when the model is built; the
         * model builds its clients from it on its first request. It builds two: one as configured, for
         * streams, whose events reach the application's code on the builder's executor; and one whose
         * executor is the client's selector thread, for blocking calls, which only gather bytes there.
         * The starter's stream executor sends the request from the subscribing thread or a worker, and
         * keeps the reply's steps on the worker that took them; an executor set here is handed every
         * step, as the JDK client's {@code sendAsync} does with any executor, which costs a stream some
         * thread hand-offs before its first event.
         */
        public Builder httpClientCustomizer(UnaryOperator<HttpClient.Builder> httpClientCustomizer) {
            Assert.notNull(httpClientCustomizer, "httpClientCustomizer must not be null");
            this.httpClientCustomizer = httpClientCustomizer;
            return this;
        }

        /**
         * The connection. Each refusal starts with the setting's name and gives its allowed range.
         *
         * @throws IllegalArgumentException when the key is missing or a setting is out of range
         * @throws InvalidApiKeyException when the key has a character that a key cannot contain
         */
        public AifoConnection build() {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey is not set: the hub's API key is required");
            }
            // Checked whatever the dialect: MyAIHub sends the key in the body, where it would be wrong all the same.
            String key = ApiKeyValidator.validated(apiKey);
            String path = completionsPath != null ? completionsPath : protocol.defaultCompletionsPath();
            if (path.isBlank()) {
                throw new IllegalArgumentException(
                        "completionsPath is empty but must be a path such as " + protocol.defaultCompletionsPath());
            }
            connectTimeout = SettingRange.positive("connectTimeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
            readTimeout = SettingRange.positive("readTimeout", readTimeout, DEFAULT_READ_TIMEOUT);
            callTimeout = SettingRange.positive("callTimeout", callTimeout, DEFAULT_CALL_TIMEOUT);
            streamTimeout = SettingRange.positive("streamTimeout", streamTimeout, DEFAULT_STREAM_TIMEOUT);
            SettingRange.positiveSize("maxReplyBytes", maxReplyBytes, DEFAULT_MAX_REPLY_BYTES);
            return new AifoConnection(this, key, path);
        }
    }
}
