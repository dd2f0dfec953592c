package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where the hub is and how to reach it: {@code spring.ai.aifo.*}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(AifoConnectionProperties.PREFIX)
public class AifoConnectionProperties {

    public static final String PREFIX = "spring.ai.aifo";

    /** Base URL of the hub: https://api.haftominhonar.ir (AiFO), https://us-api.tokenhub.com, https://myaihub.ir. */
    private String baseUrl = AifoConnection.DEFAULT_BASE_URL;

    /** API key of the hub. Prefer the environment variable SPRING_AI_AIFO_API_KEY to a file. */
    private @Nullable String apiKey;

    /** Dialect the hub speaks. */
    private AifoProtocol protocol = AifoConnection.DEFAULT_PROTOCOL;

    /** Longest wait for a connection to open. */
    private Duration connectTimeout = AifoConnection.DEFAULT_CONNECT_TIMEOUT;

    /** Longest wait for a reply to begin, then the longest silence within its body or stream. */
    private Duration readTimeout = AifoConnection.DEFAULT_READ_TIMEOUT;

    /** Longest a blocking call may take, all retries and waits included. */
    private Duration callTimeout = AifoConnection.DEFAULT_CALL_TIMEOUT;

    /** Longest one stream may last. */
    private Duration streamTimeout = AifoConnection.DEFAULT_STREAM_TIMEOUT;

    /** Most bytes a whole (not streamed) reply may have; a larger one fails the call instead of filling the heap. */
    private DataSize maxReplySize = DataSize.ofBytes(AifoConnection.DEFAULT_MAX_REPLY_BYTES);

    /** Longest wait a hub's Retry-After header may impose before a retry. */
    private Duration maxRetryAfter = AifoChatModel.DEFAULT_MAX_RETRY_AFTER;

    /**
     * Whether a call that failed after the hub answered 200 (a body cut or unreadable) is retried; off by
     * default, because the hub has probably counted the request against the key's quota.
     */
    private boolean retryAcceptedRequests;

    /** Whether each request is logged (logger ir.aifo.wire, INFO), with the API key masked. */
    private boolean logRequests;

    /** Whether each reply, or each event of a stream, is logged (logger ir.aifo.wire, INFO), key masked. */
    private boolean logResponses;

    /** Whether a plain http:// base URL to a host other than this machine is accepted; the key would cross the network unencrypted. */
    private boolean allowInsecureHttp;

    /** HTTP version to speak; HTTP/1.1 measured fastest against hubs on one connection per caller. */
    private HttpClient.Version httpVersion = AifoConnection.DEFAULT_HTTP_VERSION;

    private final Proxy proxy = new Proxy();

    private final Ssl ssl = new Ssl();

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public @Nullable String getApiKey() {
        return apiKey;
    }

    public void setApiKey(@Nullable String apiKey) {
        this.apiKey = apiKey;
    }

    public AifoProtocol getProtocol() {
        return protocol;
    }

    public void setProtocol(AifoProtocol protocol) {
        this.protocol = protocol;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
        return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public Duration getCallTimeout() {
        return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    public Duration getStreamTimeout() {
        return streamTimeout;
    }

    public void setStreamTimeout(Duration streamTimeout) {
        this.streamTimeout = streamTimeout;
    }

    public DataSize getMaxReplySize() {
        return maxReplySize;
    }

    public void setMaxReplySize(DataSize maxReplySize) {
        this.maxReplySize = maxReplySize;
    }

    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public boolean isRetryAcceptedRequests() {
        return retryAcceptedRequests;
    }

    public void setRetryAcceptedRequests(boolean retryAcceptedRequests) {
        this.retryAcceptedRequests = retryAcceptedRequests;
    }

    public boolean isLogRequests() {
        return logRequests;
    }

    public void setLogRequests(boolean logRequests) {
        this.logRequests = logRequests;
    }

    public boolean isLogResponses() {
        return logResponses;
    }

    public void setLogResponses(boolean logResponses) {
        this.logResponses = logResponses;
    }

    public boolean isAllowInsecureHttp() {
        return allowInsecureHttp;
    }

    public void setAllowInsecureHttp(boolean allowInsecureHttp) {
        this.allowInsecureHttp = allowInsecureHttp;
    }

    public HttpClient.Version getHttpVersion() {
        return httpVersion;
    }

    public void setHttpVersion(HttpClient.Version httpVersion) {
        this.httpVersion = httpVersion;
    }

    public Proxy getProxy() {
        return proxy;
    }

    public Ssl getSsl() {
        return ssl;
    }

    /**
     * The connection these properties describe. A value out of range is refused with the property's
     * name and the allowed range; the ranges themselves are the connection's.
     *
     * @param completionsPath the chat path, {@code spring.ai.aifo.chat.completions-path}; {@code null}
     *     for the dialect's own
     * @param httpClientCustomizer what the application adds to the JDK client: proxy, TLS, customizers
     * @throws IllegalArgumentException naming the property, when a value is out of range or malformed
     * @throws ir.aifo.chat.InvalidApiKeyException when the key has a character that a key cannot contain
     */
    public AifoConnection toConnection(
            @Nullable String completionsPath, UnaryOperator<HttpClient.Builder> httpClientCustomizer) {
        return toConnection(PropertyNames.TOP_LEVEL, completionsPath, httpClientCustomizer);
    }

    /** The connection, refused under the names the properties were set with: a named hub's, say. */
    AifoConnection toConnection(
            PropertyNames names,
            @Nullable String completionsPath,
            UnaryOperator<HttpClient.Builder> httpClientCustomizer) {
        return names.reportedAsProperties(() -> AifoConnection.builder()
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .protocol(protocol)
                .completionsPath(completionsPath)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(callTimeout)
                .streamTimeout(streamTimeout)
                // An empty property binds as null: refused as no bytes at all.
                .maxReplyBytes(maxReplySize != null ? maxReplySize.toBytes() : 0)
                .wireLogging(logRequests, logResponses)
                .httpVersion(httpVersion)
                .httpClientCustomizer(httpClientCustomizer)
                .build());
    }

    @Override
    public String toString() {
        return "AifoConnectionProperties[baseUrl=" + baseUrl + ", protocol=" + protocol + ", apiKey="
                + (apiKey == null ? "unset" : "[redacted]") + "]";
    }

    /** An HTTP proxy for the hub's traffic; when no host is set, the JVM's default proxy selector applies. */
    public static class Proxy {

        /** Host of the proxy. */
        private @Nullable String host;

        /** Port of the proxy. */
        private int port = 8080;

        public @Nullable String getHost() {
            return host;
        }

        public void setHost(@Nullable String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }
    }

    /** TLS settings for the hub's connection. */
    public static class Ssl {

        /** Name of the SSL bundle (spring.ssl.bundle.*) to trust or present when connecting to the hub. */
        private @Nullable String bundle;

        public @Nullable String getBundle() {
            return bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }
    }
}
