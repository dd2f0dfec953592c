package ir.aifo.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.QuotaListener;
import ir.aifo.quota.QuotaTracker;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.unit.DataSize;

/**
 * Turns one hub's properties into one {@link AifoChatModel}, with the application's shared
 * collaborators (quota tracking, tool calling, retry, observations, HTTP customizers, SSL bundles).
 *
 * <p>A function rather than logic in bean methods, so that several hubs can be configured by
 * applying it once per hub.
 *
 * @since 0.1.0
 */
public final class AifoChatModelFactory {

    // A literal address in 127.0.0.0/8; a mere "127." prefix would let a name such as 127.corp.example pass.
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("^127(\\.\\d{1,3}){3}$");

    private final RetryTemplate retryTemplate;

    private final ObservationRegistry observationRegistry;

    private final @Nullable ChatModelObservationConvention observationConvention;

    private final List<AifoHttpClientCustomizer> httpClientCustomizers;

    private final @Nullable SslBundles sslBundles;

    private final @Nullable ToolCallingManager toolCallingManager;

    private final QuotaTracker quotaTracker;

    private final List<QuotaListener> quotaListeners;

    public AifoChatModelFactory(
            QuotaTracker quotaTracker,
            List<QuotaListener> quotaListeners,
            @Nullable ToolCallingManager toolCallingManager,
            RetryTemplate retryTemplate,
            ObservationRegistry observationRegistry,
            @Nullable ChatModelObservationConvention observationConvention,
            List<AifoHttpClientCustomizer> httpClientCustomizers,
            @Nullable SslBundles sslBundles) {
        this.retryTemplate = retryTemplate;
        this.observationRegistry = observationRegistry;
        this.observationConvention = observationConvention;
        this.httpClientCustomizers = List.copyOf(httpClientCustomizers);
        this.sslBundles = sslBundles;
        this.toolCallingManager = toolCallingManager;
        this.quotaTracker = quotaTracker;
        this.quotaListeners = List.copyOf(quotaListeners);
    }

    /**
     * The model for one hub.
     *
     * @throws AifoApiKeyMissingException when the hub has no API key
     * @throws IllegalArgumentException when a property is out of range or malformed
     */
    public AifoChatModel create(
            AifoConnectionProperties connection, AifoChatProperties chat, AifoQuotaProperties quota) {
        String baseUrl = checkedBaseUrl(connection.getBaseUrl(), connection.isAllowInsecureHttp());
        if (connection.getApiKey() == null || connection.getApiKey().isBlank()) {
            throw new AifoApiKeyMissingException(baseUrl);
        }
        requirePositive(connection.getConnectTimeout(), "connect-timeout");
        requirePositive(connection.getReadTimeout(), "read-timeout");
        DataSize maxReplySize = connection.getMaxReplySize();
        if (maxReplySize == null || maxReplySize.toBytes() <= 0) {
            throw new IllegalArgumentException(
                    "spring.ai.aifo.max-reply-size must be a positive size such as 32MB, but was " + maxReplySize);
        }
        AifoChatModel.Builder builder = AifoChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(connection.getApiKey())
                .protocol(connection.getProtocol())
                .completionsPath(chat.getCompletionsPath())
                .readTimeout(connection.getReadTimeout())
                .maxReplyBytes(maxReplySize.toBytes())
                .maxRetryAfter(connection.getMaxRetryAfter())
                .retryAcceptedRequests(connection.isRetryAcceptedRequests())
                .wireLogging(connection.isLogRequests(), connection.isLogResponses())
                .httpClientBuilder(httpClientBuilder(connection))
                .defaultOptions(chat.toOptions())
                .retryTemplate(retryTemplate)
                .observationRegistry(observationRegistry)
                .quotaTracker(quotaTracker)
                .quotaFailFast(quota.isFailFast());
        quotaListeners.forEach(builder::quotaListener);
        if (observationConvention != null) {
            builder.observationConvention(observationConvention);
        }
        if (toolCallingManager != null) {
            builder.toolCallingManager(toolCallingManager);
        }
        return builder.build();
    }

    /**
     * The JDK client for one hub, properties first, then the application's customizers. Configured now,
     * so that a wrong setting fails the start; the model builds it on the first request.
     */
    HttpClient.Builder httpClientBuilder(AifoConnectionProperties connection) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(connection.getHttpVersion())
                .connectTimeout(connection.getConnectTimeout())
                // A redirected POST would silently become a GET; the error names the address instead.
                .followRedirects(HttpClient.Redirect.NEVER);
        ProxySelector proxy = proxy(connection.getProxy());
        if (proxy != null) {
            builder.proxy(proxy);
        }
        String bundleName = connection.getSsl().getBundle();
        if (bundleName != null && !bundleName.isBlank()) {
            applySslBundle(builder, bundleName);
        }
        httpClientCustomizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    private static @Nullable ProxySelector proxy(AifoConnectionProperties.Proxy proxy) {
        if (proxy.getHost() != null && !proxy.getHost().isBlank()) {
            return ProxySelector.of(InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort()));
        }
        // The JDK client ignores -Dhttps.proxyHost and friends unless given the default selector.
        return ProxySelector.getDefault();
    }

    private void applySslBundle(HttpClient.Builder builder, String bundleName) {
        if (sslBundles == null) {
            throw new IllegalArgumentException("spring.ai.aifo.ssl.bundle is set to '" + bundleName
                    + "' but the application has no SSL bundles (spring.ssl.bundle.*)");
        }
        SslBundle bundle = sslBundles.getBundle(bundleName);
        builder.sslContext(bundle.createSslContext());
        SslOptions options = bundle.getOptions();
        if (options.isSpecified()) {
            javax.net.ssl.SSLParameters parameters = new javax.net.ssl.SSLParameters();
            if (options.getCiphers() != null) {
                parameters.setCipherSuites(options.getCiphers());
            }
            if (options.getEnabledProtocols() != null) {
                parameters.setProtocols(options.getEnabledProtocols());
            }
            builder.sslParameters(parameters);
        }
    }

    private static String checkedBaseUrl(@Nullable String baseUrl, boolean allowInsecureHttp) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("spring.ai.aifo.base-url must not be empty");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(
                    "spring.ai.aifo.base-url '" + baseUrl + "' is not a valid URL: " + malformed.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("spring.ai.aifo.base-url '" + baseUrl
                    + "' must be an absolute http or https URL such as https://api.haftominhonar.ir");
        }
        if (scheme.equals("http") && !allowInsecureHttp && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("spring.ai.aifo.base-url '" + baseUrl + "' uses plain http to another"
                    + " machine, so the API key would cross the network unencrypted: use https, or set"
                    + " spring.ai.aifo.allow-insecure-http=true if that is really intended");
        }
        return baseUrl.trim();
    }

    // Decided by name and literal address only: resolving the host here would be start-up I/O.
    private static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("localhost")
                || name.endsWith(".localhost")
                || IPV4_LOOPBACK.matcher(name).matches()
                || name.equals("[::1]")
                || name.equals("::1");
    }

    private static void requirePositive(@Nullable Duration duration, String property) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(
                    "spring.ai.aifo." + property + " must be a positive duration, but was " + duration);
        }
    }
}
