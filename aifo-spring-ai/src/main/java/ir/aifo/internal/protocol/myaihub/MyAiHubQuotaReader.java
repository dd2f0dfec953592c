package ir.aifo.internal.protocol.myaihub;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code usage} summary and the {@code usage_breakdown} buckets that MyAIHub puts in replies
 * and quota errors.
 */
final class MyAiHubQuotaReader {

    private MyAiHubQuotaReader() {}

    /**
     * The quota in a body, or {@code null} when it reports none.
     *
     * @param soleProvider the provider a summary without breakdown belongs to (an OpenRouter quota
     *     error carries only the summary), or {@code null}
     * @param currentMonth the period of figures that name none: the hub reports the running month
     */
    static @Nullable HubQuota read(JsonNode body, @Nullable String soleProvider, YearMonth currentMonth) {
        JsonNode usage = object(body.get("usage"));
        JsonNode breakdown = object(body.get("usage_breakdown"));
        if (usage == null && breakdown == null) {
            return null;
        }
        Map<String, QuotaBucket> buckets = new LinkedHashMap<>();
        if (breakdown != null) {
            for (Map.Entry<String, JsonNode> entry : breakdown.properties()) {
                JsonNode bucket = object(entry.getValue());
                if (bucket != null) {
                    buckets.put(entry.getKey(), bucket(bucket));
                }
            }
        }
        String plan = text(usage == null ? null : usage.get("plan"));
        if (plan == null) {
            plan = text(body.get("plan"));
        }
        YearMonth reported = usage == null ? null : period(text(usage.get("period")));
        YearMonth period = reported != null ? reported : currentMonth;
        if (usage == null) {
            return new HubQuota(plan, period, 0, 0, 0, buckets);
        }
        QuotaBucket totals = bucket(usage);
        if (buckets.isEmpty() && soleProvider != null) {
            buckets.put(soleProvider, totals);
        }
        return new HubQuota(plan, period, totals.used(), totals.limit(), totals.remaining(), buckets);
    }

    private static QuotaBucket bucket(JsonNode node) {
        long used = count(node.get("used"));
        long limit = count(node.get("limit"));
        JsonNode remaining = node.get("remaining");
        return new QuotaBucket(used, limit, remaining == null ? Math.max(0, limit - used) : count(remaining));
    }

    // Counts may come as numbers or as numeric strings; anything else reads as 0 rather than failing a reply.
    private static long count(@Nullable JsonNode node) {
        // An object or array has no text to read a count from (Jackson 3 throws rather than return "").
        if (node == null || node.isNull() || node.isContainer()) {
            return 0;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            // Beyond a double's range (a 1000-digit integer) it reads as 0, like any other unreadable count.
            return (long) node.asDouble(0);
        }
        try {
            return Long.parseLong(node.asString().trim());
        } catch (NumberFormatException notACount) {
            return 0;
        }
    }

    private static @Nullable YearMonth period(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException notAMonth) {
            return null;
        }
    }

    static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isContainer() ? null : node.asString();
    }

    private static @Nullable JsonNode object(@Nullable JsonNode node) {
        return node != null && node.isObject() ? node : null;
    }
}
