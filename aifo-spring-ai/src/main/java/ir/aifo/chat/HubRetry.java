package ir.aifo.chat;

import ir.aifo.api.AifoException;
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
 *
 * <p>A failure after the hub answered with a success status (a body cut or unreadable after
 * {@code 200}) is not retried unless the caller opted in: the hub has probably counted the request
 * against the key's quota, and a retry would count it again.
 */
final class HubRetry {

    private static final Log logger = LogFactory.getLog(HubRetry.class);

    private final RetryTemplate retryTemplate;

    private final Duration maxRetryAfter;

    private final Clock clock;

    private final boolean retryAccepted;

    HubRetry(RetryTemplate retryTemplate, Duration maxRetryAfter, Clock clock, boolean retryAccepted) {
        this.retryTemplate = retryTemplate;
        this.maxRetryAfter = maxRetryAfter;
        this.clock = clock;
        this.retryAccepted = retryAccepted;
    }

    /** Runs {@code attempt} until it succeeds, fails for good, or the policy gives up. */
    <T> T call(Supplier<T> attempt) {
        // The template sleeps its own back-off first; this adds whatever Retry-After asked for beyond it.
        Instant[] notBefore = {null};
        try {
            return RetryUtils.execute(retryTemplate, () -> {
                sleepUntil(notBefore[0]);
                try {
                    return attempt.get();
                } catch (AifoRateLimitException rateLimited) {
                    notBefore[0] = clock.instant().plus(retryAfter(rateLimited));
                    throw rateLimited;
                } catch (RuntimeException failure) {
                    throw isRetryable(failure) ? failure : new NotRetried(failure);
                }
            });
        } catch (NotRetried notRetried) {
            throw notRetried.failure;
        }
    }

    // The template knows only exception types; this wrapper, which no policy includes, ends its loop.
    // The failure is not its cause: a policy that matches causes would see the transient type through it.
    private static final class NotRetried extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient RuntimeException failure;

        NotRetried(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private boolean isRetryable(Throwable failure) {
        return retryAccepted || !wasAccepted(failure);
    }

    /** Whether the hub had answered with a success status when the call failed. */
    private static boolean wasAccepted(Throwable failure) {
        return failure instanceof AifoException hubFailure
                && hubFailure.getStatusCode() >= 200
                && hubFailure.getStatusCode() < 300;
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
                        if (emitted.get() || !policy.shouldRetry(failure) || !isRetryable(failure)) {
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
