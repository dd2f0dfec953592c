package ir.aifo.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import ir.aifo.quota.QuotaListener;
import ir.aifo.quota.QuotaTracker;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.core.retry.RetryTemplate;

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

    private static final Log logger = LogFactory.getLog(AifoChatModelFactory.class);

    // The variable of ${NAME} or ${NAME:default}.
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}");

    private final RetryTemplate retryTemplate;

    private final ObservationRegistry observationRegistry;

    private final @Nullable ChatModelObservationConvention observationConvention;

    private final List<AifoHttpClientCustomizer> httpClientCustomizers;

    private final @Nullable SslBundles sslBundles;

    private final @Nullable ToolCallingManager toolCallingManager;

    private final QuotaTracker quotaTracker;

    private final List<QuotaListener> quotaListeners;

    private final Clock clock;

    public AifoChatModelFactory(
            QuotaTracker quotaTracker,
            List<QuotaListener> quotaListeners,
            @Nullable ToolCallingManager toolCallingManager,
            RetryTemplate retryTemplate,
            ObservationRegistry observationRegistry,
            @Nullable ChatModelObservationConvention observationConvention,
            List<AifoHttpClientCustomizer> httpClientCustomizers,
            @Nullable SslBundles sslBundles) {
        this(
                quotaTracker,
                quotaListeners,
                toolCallingManager,
                retryTemplate,
                observationRegistry,
                observationConvention,
                httpClientCustomizers,
                sslBundles,
                Clock.systemUTC());
    }

    /**
     * @param clock the clock of quota months and {@code Retry-After} dates: the application's {@code Clock}
     *     bean, if it has one, so that tests can move it
     */
    public AifoChatModelFactory(
            QuotaTracker quotaTracker,
            List<QuotaListener> quotaListeners,
            @Nullable ToolCallingManager toolCallingManager,
            RetryTemplate retryTemplate,
            ObservationRegistry observationRegistry,
            @Nullable ChatModelObservationConvention observationConvention,
            List<AifoHttpClientCustomizer> httpClientCustomizers,
            @Nullable SslBundles sslBundles,
            Clock clock) {
        this.clock = clock;
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
     * @throws AifoApiKeyMissingException when the hub has no API key, or only a placeholder nothing resolves
     * @throws ir.aifo.chat.InvalidApiKeyException when the key has a character that a key cannot contain
     * @throws IllegalArgumentException when a property is out of range or malformed
     */
    public AifoChatModel create(
            AifoConnectionProperties properties, AifoChatProperties chat, AifoQuotaProperties quota) {
        return create(HubProperties.topLevel(properties, chat, quota));
    }

    /** The model for one hub, refused under the names its properties were set with. */
    AifoChatModel create(HubProperties hub) {
        PropertyNames names = hub.names();
        AifoConnectionProperties properties = hub.connection();
        // The starter's own checks first: they need no connection, and a missing key is reported with advice.
        String baseUrl =
                BaseUrlPropertyValidator.validated(properties.getBaseUrl(), properties.isAllowInsecureHttp(), names);
        String apiKey = properties.getApiKey();
        if (apiKey == null || apiKey.isBlank()) {
            throw new AifoApiKeyMissingException(names.of("api-key"), baseUrl, null);
        }
        String unresolvedVariable = unresolvedVariable(apiKey);
        if (unresolvedVariable != null) {
            throw new AifoApiKeyMissingException(names.of("api-key"), baseUrl, unresolvedVariable);
        }
        AifoConnection connection = connection(hub);
        warnIfVersionIsDoubled(baseUrl, connection.completionsPath(), names);
        AifoChatModel.Builder builder = AifoChatModel.builder()
                .connection(connection)
                .maxRetryAfter(properties.getMaxRetryAfter())
                .retryAcceptedRequests(properties.isRetryAcceptedRequests())
                .defaultOptions(names.reportedAsProperties(hub.chat()::toOptions))
                .retryTemplate(retryTemplate)
                .observationRegistry(observationRegistry)
                .quotaTracker(quotaTracker)
                .quotaFailFast(hub.quota().isFailFast())
                .clock(clock);
        quotaListeners.forEach(builder::quotaListener);
        if (observationConvention != null) {
            builder.observationConvention(observationConvention);
        }
        if (toolCallingManager != null) {
            builder.toolCallingManager(toolCallingManager);
        }
        return names.reportedAsProperties(builder::build);
    }

    private AifoConnection connection(HubProperties hub) {
        AifoConnectionProperties properties = hub.connection();
        return properties.toConnection(
                hub.names(), hub.chat().getCompletionsPath(), builder -> customize(builder, properties, hub.names()));
    }

    /**
     * The JDK client for one hub, after the connection's own settings: the proxy and SSL bundle
     * properties, then the application's customizers. Applied when the model is built, so that a wrong
     * setting fails the start; the model builds the client on its first request.
     */
    private HttpClient.Builder customize(
            HttpClient.Builder builder, AifoConnectionProperties properties, PropertyNames names) {
        ProxySelector proxy = proxy(properties.getProxy());
        if (proxy != null) {
            builder.proxy(proxy);
        }
        String bundleName = properties.getSsl().getBundle();
        if (bundleName != null && !bundleName.isBlank()) {
            applySslBundle(builder, bundleName, names);
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

    private void applySslBundle(HttpClient.Builder builder, String bundleName, PropertyNames names) {
        if (sslBundles == null) {
            throw new IllegalArgumentException(names.of("ssl.bundle") + " is set to '" + bundleName
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

    // Boot leaves a placeholder that nothing resolves as it is; sent, it would be the hub's "invalid key".
    private static @Nullable String unresolvedVariable(String apiKey) {
        Matcher placeholder = PLACEHOLDER.matcher(apiKey);
        return placeholder.find() ? placeholder.group(1).strip() : null;
    }

    // A base URL copied from an OpenAI client's settings often ends in /v1, which the chat path repeats.
    private static void warnIfVersionIsDoubled(String baseUrl, String completionsPath, PropertyNames names) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String path = completionsPath.startsWith("/") ? completionsPath : "/" + completionsPath;
        if (base.endsWith("/v1") && path.startsWith("/v1/") && logger.isWarnEnabled()) {
            String baseUrlProperty = names.of("base-url");
            logger.warn(baseUrlProperty + " ends in /v1 and the chat path " + path + " starts with it, so requests"
                    + " go to " + base + path + ": remove /v1 from " + baseUrlProperty + ", or set "
                    + names.of("chat.completions-path") + " to " + path.substring("/v1".length()));
        }
    }
}
