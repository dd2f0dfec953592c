package ir.aifo.autoconfigure;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The property each builder setting is set from. The library states each range once and its refusals
 * start with the setting's name ({@code readTimeout is -5s but must be ...}); at start-up that name is
 * replaced by the property's, so the message names what the user wrote.
 */
final class PropertyNames {

    private static final String PREFIX = AifoConnectionProperties.PREFIX + ".";

    private static final Map<String, String> PROPERTY_OF_SETTING = Map.ofEntries(
            Map.entry("baseUrl", "base-url"),
            Map.entry("protocol", "protocol"),
            Map.entry("completionsPath", "chat.completions-path"),
            Map.entry("connectTimeout", "connect-timeout"),
            Map.entry("readTimeout", "read-timeout"),
            Map.entry("callTimeout", "call-timeout"),
            Map.entry("streamTimeout", "stream-timeout"),
            Map.entry("maxReplyBytes", "max-reply-size"),
            Map.entry("maxRetryAfter", "max-retry-after"),
            Map.entry("httpVersion", "http-version"),
            Map.entry("failuresBeforeCoolDown", "routing.failures-before-cool-down"),
            Map.entry("failureCoolDown", "routing.failure-cool-down"),
            Map.entry("keyRefusedCoolDown", "routing.key-refused-cool-down"),
            Map.entry("rateLimitCoolDown", "routing.rate-limit-cool-down"));

    private PropertyNames() {}

    /** What {@code build} builds, or its refusal with the setting's name replaced by the property's. */
    static <T> T reportedAsProperties(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException refused) {
            throw renamed(refused);
        }
    }

    /**
     * The refusal as the property's: a new exception, not one with the refusal as its cause, since the
     * start-up report leads with the root cause. Any other refusal (an invalid key, say) as it was.
     */
    static IllegalArgumentException renamed(IllegalArgumentException refused) {
        String message = String.valueOf(refused.getMessage());
        int end = message.indexOf(' ');
        String property = end < 0 ? null : PROPERTY_OF_SETTING.get(message.substring(0, end));
        if (property == null || refused.getClass() != IllegalArgumentException.class) {
            return refused;
        }
        return new IllegalArgumentException(PREFIX + property + message.substring(end));
    }
}
