package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoProtocol;
import java.net.http.HttpClient;
import java.time.Duration;
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
    private String baseUrl = "https://api.haftominhonar.ir";

    /** API key of the hub. Prefer the environment variable SPRING_AI_AIFO_API_KEY to a file. */
    private @Nullable String apiKey;

    /** Dialect the hub speaks. */
    private AifoProtocol protocol = AifoProtocol.OPENAI;

    /** Longest wait for a connection to open. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Longest wait for a reply to begin, then the longest silence within its body or stream. */
    private Duration readTimeout = Duration.ofSeconds(60);

    /** Longest a blocking call may take, all retries and waits included. */
    private Duration callTimeout = Duration.ofMinutes(5);

    /** Longest one stream may last. */
    private Duration streamTimeout = Duration.ofMinutes(30);

    /** Most bytes a whole (not streamed) reply may have; a larger one fails the call instead of filling the heap. */
    private DataSize maxReplySize = DataSize.ofMegabytes(32);

    /** Longest wait a hub's Retry-After header may impose before a retry. */
    private Duration maxRetryAfter = Duration.ofSeconds(60);

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
    private HttpClient.Version httpVersion = HttpClient.Version.HTTP_1_1;

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
