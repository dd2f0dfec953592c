package ir.aifo.chat;

import ir.aifo.api.AifoRateLimitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.RetryUtils;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.backoff.BackOffExecution;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Retries transient failures with the policy of Spring AI's {@link RetryTemplate} (so the
 * {@code spring.ai.retry.*} properties apply), waiting at least as long as a hub's
 * {@code Retry-After} asked, up to a cap.
 */
final class HubRetry {

    private static final Log logger = LogFactory.getLog(HubRetry.class);

    private final RetryTemplate retryTemplate;

    private final Duration maxRetryAfter;

    private final Clock clock;

    HubRetry(RetryTemplate retryTemplate, Duration maxRetryAfter, Clock clock) {
        this.retryTemplate = retryTemplate;
        this.maxRetryAfter = maxRetryAfter;
        this.clock = clock;
    }

    /** Runs {@code attempt} until it succeeds, fails for good, or the policy gives up. */
    <T> T call(Supplier<T> attempt) {
        // The template sleeps its own back-off first; this adds whatever Retry-After asked for beyond it.
        Instant[] notBefore = {null};
        return RetryUtils.execute(retryTemplate, () -> {
            sleepUntil(notBefore[0]);
            try {
                return attempt.get();
            } catch (AifoRateLimitException rateLimited) {
                notBefore[0] = clock.instant().plus(retryAfter(rateLimited));
                throw rateLimited;
            }
        });
    }

    /**
     * Subscribes to {@code attempt} again after a transient failure, but only while it has emitted
     * nothing: after the first element the caller has seen part of a reply, and a retry would repeat it.
     */
    <T> Flux<T> stream(Supplier<Flux<T>> attempt) {
        RetryPolicy policy = retryTemplate.getRetryPolicy();
        return Flux.defer(() -> {
            AtomicBoolean emitted = new AtomicBoolean();
            BackOffExecution backOff = policy.getBackOff().start();
            return Flux.defer(attempt)
                    .doOnNext(element -> emitted.set(true))
                    .retryWhen(Retry.from(failures -> failures.concatMap(signal -> {
                        Throwable failure = signal.failure();
                        if (emitted.get() || !policy.shouldRetry(failure)) {
                            return Mono.error(failure);
                        }
                        long backOffMillis = backOff.nextBackOff();
                        if (backOffMillis == BackOffExecution.STOP) {
                            return Mono.error(failure);
                        }
                        Duration delay = Duration.ofMillis(backOffMillis);
                        if (failure instanceof AifoRateLimitException rateLimited
                                && retryAfter(rateLimited).compareTo(delay) > 0) {
                            delay = retryAfter(rateLimited);
                        }
                        if (logger.isWarnEnabled()) {
                            logger.warn("Stream attempt " + (signal.totalRetries() + 1) + " failed, retrying in "
                                    + delay.toMillis() + " ms: " + failure.getMessage());
                        }
                        return Mono.delay(delay);
                    })));
        });
    }

    private Duration retryAfter(AifoRateLimitException rateLimited) {
        Duration asked = rateLimited.getRetryAfter().orElse(Duration.ZERO);
        return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
    }

    private void sleepUntil(@Nullable Instant notBefore) {
        if (notBefore == null) {
            return;
        }
        long millis = Duration.between(clock.instant(), notBefore).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to retry the hub", interrupted);
            }
        }
    }
}
