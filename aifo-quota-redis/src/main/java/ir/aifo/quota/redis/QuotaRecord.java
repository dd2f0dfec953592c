package ir.aifo.quota.redis;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One bucket of a key's quota as Redis keeps it, in a line that {@code merge-quota.lua} reads too:
 * {@code q1|kind|period|used|limit|remaining|resetsAt|observedAt|plan}, where kind is {@code m} for a
 * month's bucket and {@code w} for a rate-limit window's, and the times are epoch milliseconds.
 */
final class QuotaRecord {

    /** How long a window whose end the hub did not say is kept: OpenAI's windows are a minute or less. */
    static final Duration UNTIMED_WINDOW = Duration.ofMinutes(1);

    private QuotaRecord() {}

    static String encode(HubQuota quota, QuotaBucket bucket) {
        StringBuilder record = new StringBuilder(64)
                .append("q1|")
                .append(quota.isMonthly() ? 'm' : 'w')
                .append('|');
        if (quota.period() != null) {
            record.append(quota.period());
        }
        record.append('|')
                .append(bucket.used())
                .append('|')
                .append(bucket.limit())
                .append('|')
                .append(bucket.remaining())
                .append('|');
        if (bucket.resetsAt() != null) {
            record.append(bucket.resetsAt().toEpochMilli());
        }
        record.append('|');
        if (quota.observedAt() != null) {
            record.append(quota.observedAt().toEpochMilli());
        }
        record.append('|');
        if (quota.plan() != null) {
            record.append(quota.plan());
        }
        return record.toString();
    }

    /**
     * How long the bucket's figures say something: to the end of their month (UTC) or window; zero or
     * less when that has passed.
     */
    static Duration timeToLive(HubQuota quota, QuotaBucket bucket, Instant now) {
        if (quota.period() != null) {
            Instant monthEnds =
                    quota.period().plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return Duration.between(now, monthEnds);
        }
        return bucket.resetsAt() != null ? Duration.between(now, bucket.resetsAt()) : UNTIMED_WINDOW;
    }

    /**
     * The quota one record reports: the bucket {@code bucketName}, or a month's totals for
     * {@link StoreKeys#TOTALS}.
     */
    static HubQuota decode(String bucketName, String text) throws StoreFormatException {
        String[] fields = text.split("\\|", 9);
        if (fields.length != 9 || !fields[0].equals("q1") || !(fields[1].equals("m") || fields[1].equals("w"))) {
            throw new StoreFormatException("not a quota record of this version");
        }
        boolean monthly = fields[1].equals("m");
        YearMonth period = monthly ? month(fields[2]) : null;
        long used = number(fields[3], "used");
        long limit = number(fields[4], "limit");
        long remaining = number(fields[5], "remaining");
        Instant resetsAt = instant(fields[6], "resetsAt");
        Instant observedAt = instant(fields[7], "observedAt");
        String plan = fields[8].isEmpty() ? null : fields[8];
        if (monthly && bucketName.equals(StoreKeys.TOTALS)) {
            return new HubQuota(plan, period, used, limit, remaining, Map.of(), observedAt);
        }
        QuotaBucket bucket = new QuotaBucket(used, limit, remaining, resetsAt);
        return new HubQuota(plan, period, 0, 0, 0, Map.of(bucketName, bucket), observedAt);
    }

    private static YearMonth month(String text) throws StoreFormatException {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeException malformed) {
            throw new StoreFormatException("period '" + text + "' is not a month such as 2026-12");
        }
    }

    private static long number(String text, String field) throws StoreFormatException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException malformed) {
            throw new StoreFormatException(field + " '" + text + "' is not a whole number");
        }
    }

    private static @Nullable Instant instant(String text, String field) throws StoreFormatException {
        return text.isEmpty() ? null : Instant.ofEpochMilli(number(text, field));
    }
}
