package ir.aifo.autoconfigure;

import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of one hub's properties, as the user wrote them. The library states each range once and its
 * refusals start with the setting's name ({@code readTimeout is -5s but must be ...}); at start-up that
 * name is replaced by the property's, so the message names what the user wrote. A named hub's property
 * is named under the hub ({@code spring.ai.aifo.hubs.tokenhub.read-timeout}), unless the hub inherits
 * it from {@code spring.ai.aifo.*}, where it was then set.
 */
final class PropertyNames {

    private static final String TOP_LEVEL_PREFIX = AifoConnectionProperties.PREFIX + ".";

    /** The single hub's, all at the top level: {@code spring.ai.aifo.*}. */
    static final PropertyNames TOP_LEVEL = new PropertyNames(TOP_LEVEL_PREFIX, property -> false);

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

    // A top-level property the library names itself, as a chat option's refusal names spring.ai.aifo.chat.temperature.
    private static final Pattern TOP_LEVEL_PROPERTY =
            Pattern.compile("spring\\.ai\\.aifo\\.(?!hubs\\.)([a-z0-9-]+(?:\\.[a-z0-9-]+)*)");

    private final String prefix;

    private final Predicate<String> inherited;

    /**
     * @param prefix the prefix of the hub's own properties, with its final dot
     * @param inherited whether a property, such as {@code read-timeout}, is set at the top level and not
     *     by the hub itself
     */
    PropertyNames(String prefix, Predicate<String> inherited) {
        this.prefix = prefix;
        this.inherited = inherited;
    }

    /** The full name of a property given below the prefix, such as {@code read-timeout}. */
    String of(String property) {
        return (inherited.test(property) ? TOP_LEVEL_PREFIX : prefix) + property;
    }

    /** What {@code build} builds, or its refusal with the names replaced by the properties' as written. */
    <T> T reportedAsProperties(Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException refused) {
            throw renamed(refused);
        }
    }

    /**
     * The refusal as the property's: a new exception, not one with the refusal as its cause, since the
     * start-up report leads with the root cause. Any other refusal (an invalid key, say) as it was, and
     * one that already names the property as written.
     */
    IllegalArgumentException renamed(IllegalArgumentException refused) {
        if (refused.getClass() != IllegalArgumentException.class) {
            return refused;
        }
        String message = String.valueOf(refused.getMessage());
        String renamed = withPropertiesAsWritten(withSettingRenamed(message));
        return renamed.equals(message) ? refused : new IllegalArgumentException(renamed);
    }

    private String withSettingRenamed(String message) {
        int end = message.indexOf(' ');
        String property = end < 0 ? null : PROPERTY_OF_SETTING.get(message.substring(0, end));
        return property == null ? message : of(property) + message.substring(end);
    }

    private String withPropertiesAsWritten(String message) {
        Matcher property = TOP_LEVEL_PROPERTY.matcher(message);
        StringBuilder renamed = new StringBuilder();
        while (property.find()) {
            property.appendReplacement(renamed, Matcher.quoteReplacement(of(property.group(1))));
        }
        return property.appendTail(renamed).toString();
    }
}
