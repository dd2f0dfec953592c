package ir.aifo.chat;

import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.chat.error.HubError;
import ir.aifo.internal.protocol.HubProtocol;
import ir.aifo.internal.routing.QuotaInFlightException;
import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import ir.aifo.quota.QuotaListener;
import ir.aifo.quota.QuotaTracker;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * Keeps one key's quota up to date from replies, quota errors and rate-limit refusals, and refuses a
 * call that the last report already says cannot succeed this month, before anything is sent.
 */
final class QuotaGuard {

    private static final Log logger = LogFactory.getLog(QuotaGuard.class);

    private final QuotaTracker tracker;

    private final String keyFingerprint;

    private final boolean failFast;

    private final List<QuotaListener> listeners;

    private final HubProtocol protocol;

    private final Clock clock;

    // Requests held by calls in flight, per monthly bucket: see holdRequestLeft.
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    private static final Runnable NOTHING_HELD = () -> {};

    QuotaGuard(
            QuotaTracker tracker,
            String keyFingerprint,
            boolean failFast,
            List<QuotaListener> listeners,
            HubProtocol protocol,
            Clock clock) {
        this.tracker = tracker;
        this.keyFingerprint = keyFingerprint;
        this.failFast = failFast;
        this.listeners = List.copyOf(listeners);
        this.protocol = protocol;
        this.clock = clock;
    }

    /**
     * Fails at once when the bucket {@code model} draws on is known to be spent this month (UTC).
     *
     * @throws AifoQuotaExceededException then, with the quota last reported
     */
    void checkBeforeSending(String model) {
        if (!failFast) {
            return;
        }
        Optional<String> provider = protocol.quotaProvider(model);
        if (provider.isEmpty()) {
            return;
        }
        YearMonth thisMonth = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        if (tracker.isExhausted(keyFingerprint, provider.get(), thisMonth)) {
            HubQuota quota = tracker.lastKnown(keyFingerprint).orElse(null);
            throw new AifoQuotaExceededException(
                    "The key's " + provider.get() + " quota for " + thisMonth + " is spent, as the hub last reported;"
                            + " the call was not sent (set spring.ai.aifo.quota.fail-fast=false to send it anyway)",
                    HubError.of(0, null),
                    provider.get(),
                    quota);
        }
    }

    /**
     * In a route, holds one of the requests the bucket {@code model} draws on has left this month, for
     * the duration of a call, so that concurrent calls send no more requests than the bucket has left;
     * the ones past that go to the route's next target, unsent. Nothing is held when the bucket's
     * figures for this month are not known, or when the model draws on no monthly bucket.
     *
     * @return what to release when the call is over
     * @throws QuotaInFlightException when every request left is held by a call in flight
     */
    Runnable holdRequestLeft(String model) {
        if (!failFast) {
            return NOTHING_HELD;
        }
        Optional<String> provider = protocol.quotaProvider(model);
        HubQuota known =
                provider.isEmpty() ? null : tracker.lastKnown(keyFingerprint).orElse(null);
        if (known == null || !YearMonth.now(clock.withZone(ZoneOffset.UTC)).equals(known.period())) {
            return NOTHING_HELD;
        }
        QuotaBucket bucket = known.breakdown().get(provider.get());
        if (bucket == null || bucket.limit() <= 0) {
            return NOTHING_HELD;
        }
        AtomicInteger held = inFlight.computeIfAbsent(provider.get(), name -> new AtomicInteger());
        while (true) {
            int now = held.get();
            if (now >= bucket.remaining()) {
                throw new QuotaInFlightException(provider.get(), bucket.remaining(), known);
            }
            if (held.compareAndSet(now, now + 1)) {
                // Checked again against the figures as they are now: a call that ended meanwhile recorded its
                // reply before giving back its hold, so the bucket read above may have had one more left.
                long left = remainingNow(provider.get());
                if (now + 1 > left) {
                    held.decrementAndGet();
                    throw new QuotaInFlightException(provider.get(), left, known);
                }
                return held::decrementAndGet;
            }
        }
    }

    private long remainingNow(String provider) {
        return tracker.lastKnown(keyFingerprint)
                .flatMap(quota -> quota.bucket(provider))
                .map(QuotaBucket::remaining)
                .orElse(Long.MAX_VALUE);
    }

    /** Records the quota a response reported, if it reported one. */
    void recordFrom(ChatResponse response) {
        Object quota = response.getMetadata().get(AifoMetadata.QUOTA);
        if (quota instanceof HubQuota report) {
            record(report);
        }
    }

    /** Records the quota a quota error reported, if it reported one. */
    void recordFrom(AifoQuotaExceededException failure) {
        failure.getQuota().ifPresent(this::record);
    }

    /** Records the rate limit a refusal reported, if it reported one. */
    void recordFrom(AifoRateLimitException refusal) {
        refusal.getQuota().ifPresent(this::record);
    }

    /**
     * Runs one attempt of a call, recording a refusal's rate limit before the refusal is thrown, and
     * perhaps retried: a retry that succeeds must not hide that the window was spent.
     */
    <T> T recordingRefusals(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (AifoRateLimitException refusal) {
            recordFrom(refusal);
            throw refusal;
        }
    }

    private void record(HubQuota report) {
        HubQuota known = tracker.record(keyFingerprint, report);
        for (QuotaListener listener : listeners) {
            try {
                listener.quotaUpdated(keyFingerprint, known);
            } catch (RuntimeException failure) {
                // A listener's failure must not fail the call whose reply it was told about.
                logger.warn("Quota listener " + listener + " failed", failure);
            }
        }
    }
}
