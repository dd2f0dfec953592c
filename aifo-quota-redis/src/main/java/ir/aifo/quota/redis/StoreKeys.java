package ir.aifo.quota.redis;

import ir.aifo.routing.RouteTarget;
import org.jspecify.annotations.Nullable;

/**
 * The names of the store's keys and channel: {@code aifo:{<prefix>}:...}. The prefix is the
 * application's name, so applications sharing one Redis keep apart; in braces it is the keys' hash tag,
 * so that on Redis Cluster they all live in one slot and a script may touch several.
 */
final class StoreKeys {

    /** The bucket name under which a month's totals are kept, beside the providers' buckets. */
    static final String TOTALS = "_totals";

    private final String prefix;

    private final String base;

    StoreKeys(String prefix) {
        this.prefix = check(prefix);
        this.base = "aifo:{" + prefix + "}:";
    }

    String prefix() {
        return prefix;
    }

    String quota(String keyFingerprint, String bucket) {
        return base + "quota:" + keyFingerprint + ":" + bucket;
    }

    String coolDown(RouteTarget scope) {
        return base + "cooldown:" + scope;
    }

    String index() {
        return base + "index";
    }

    String channel() {
        return base + "changes";
    }

    /** The key fingerprint and bucket a quota key names; null when it is not a quota key of ours. */
    String @Nullable [] quotaOf(String key) {
        String start = base + "quota:";
        int lastColon = key.lastIndexOf(':');
        if (!key.startsWith(start) || lastColon <= start.length() || lastColon == key.length() - 1) {
            return null;
        }
        return new String[] {key.substring(start.length(), lastColon), key.substring(lastColon + 1)};
    }

    /** The target or hub a cool-down key names; null when it is not a cool-down key of ours. */
    @Nullable
    RouteTarget coolDownOf(String key) {
        String start = base + "cooldown:";
        if (!key.startsWith(start) || key.length() == start.length()) {
            return null;
        }
        String scope = key.substring(start.length());
        try {
            return scope.indexOf(':') < 0 ? RouteTarget.wholeHub(scope) : RouteTarget.parse(scope);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static String check(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException(
                    "The key prefix must not be blank: it is the application's name," + " such as orders-service");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '{' || c == '}' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("The key prefix '" + prefix + "' must not contain braces, spaces"
                        + " or control characters: the store puts it in braces itself, as the keys' hash tag");
            }
        }
        return prefix;
    }
}
