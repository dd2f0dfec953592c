package ir.aifo.chat;

import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoException;
import ir.aifo.chat.error.AifoRateLimitException;
import ir.aifo.internal.http.Deadline;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.backoff.BackOffExecution;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Retries transient failures with the policy of Spring AI's {@link RetryTemplate} (so the
 * {@code spring.ai.retry.*} properties apply), waiting at least as long as a hub's
 * {@code Retry-After} asked, up to a cap, and never past the call's or the stream's deadline.
 *
 * <p>The policy is applied here rather than by {@link RetryTemplate#execute}: the template would sleep
 * its back-off even when the deadline falls within it, and its listener (Spring AI's logs every retry
 * at WARN with a stack trace) would repeat for each attempt what the caller is about to receive.
 * Each retry is logged here in one WARN line with the failure's message; the stack trace at DEBUG.
 *
 * <p>A failure after the hub answered with a success status (a body cut or unreadable after
 * {@code 200}) is not retried unless the caller opted in: the hub has probably counted the request
 * against the key's quota, and a retry would count it again.
 */
final class HubRetry {

    private static final Log logger = LogFactory.getLog(HubRetry.class);

    private final RetryPolicy policy;

    private final Duration maxRetryAfter;

    private final boolean retryAccepted;

    private final String hub;

    HubRetry(RetryTemplate retryTemplate, Duration maxRetryAfter, boolean retryAccepted, String hub) {
        this.policy = retryTemplate.getRetryPolicy();
        this.maxRetryAfter = maxRetryAfter;
        this.retryAccepted = retryAccepted;
        this.hub = hub;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails for good, the policy gives up, or the next wait
     * would run past the deadline.
     *
     * @param retryRateLimits whether a {@code 429} is retried; not in a route, which moves on instead
     */
    <T> T call(Function<Deadline, T> attempt, Deadline deadline, boolean retryRateLimits) {
        @Nullable BackOffExecution backOff = null;
        for (int attempts = 1; ; attempts++) {
            RuntimeException failure;
            try {
                return attempt.apply(deadline);
            } catch (RuntimeException thrown) {
                failure = thrown;
            }
            if (!shouldRetry(failure, retryRateLimits)) {
                throw failure;
            }
            if (backOff == null) {
                backOff = policy.getBackOff().start();
            }
            Duration delay = delay(backOff, failure);
            if (delay == null) {
                throw failure;
            }
            if (!deadline.allows(delay)) {
                throw pastDeadline(deadline, failure, "The call to ");
            }
            warn("Call", attempts, delay, failure);
            sleep(delay);
        }
    }

    /**
     * Subscribes to {@code attempt} again after a transient failure, but only while it has emitted
     * nothing: after the first element the caller has seen part of a reply, and a retry would repeat it.
     */
    <T> Flux<T> stream(Supplier<Flux<T>> attempt, Deadline deadline, boolean retryRateLimits) {
        return Flux.defer(() -> new StreamAttempts<>(attempt, deadline, retryRateLimits).from(1));
    }

    /**
     * The attempts of one subscription to a stream. A failure is caught where it happens and the next
     * attempt follows it, rather than through {@code retryWhen}, whose companion sink and operators
     * every stream would set up before its first event, and almost none ever uses.
     */
    private final class StreamAttempts<T> {

        private final Supplier<Flux<T>> attempt;

        private final Deadline deadline;

        private final boolean retryRateLimits;

        private volatile boolean emitted;

        // Started at the first failure: most streams never need one.
        private @Nullable BackOffExecution backOff;

        StreamAttempts(Supplier<Flux<T>> attempt, Deadline deadline, boolean retryRateLimits) {
            this.attempt = attempt;
            this.deadline = deadline;
            this.retryRateLimits = retryRateLimits;
        }

        Flux<T> from(int number) {
            return Flux.defer(attempt)
                    .doOnNext(element -> {
                        if (!emitted) {
                            emitted = true;
                        }
                    })
                    .onErrorResume(failure -> retryOrFail(failure, number));
        }

        private Flux<T> retryOrFail(Throwable failure, int number) {
            if (emitted || !shouldRetry(failure, retryRateLimits)) {
                return Flux.error(failure);
            }
            BackOffExecution execution = backOff;
            if (execution == null) {
                execution = policy.getBackOff().start();
                backOff = execution;
            }
            Duration delay = delay(execution, failure);
            if (delay == null) {
                return Flux.error(failure);
            }
            if (!deadline.allows(delay)) {
                return Flux.error(pastDeadline(deadline, failure, "The stream from "));
            }
            warn("Stream", number, delay, failure);
            return Mono.delay(delay).thenMany(from(number + 1));
        }
    }

    private boolean shouldRetry(Throwable failure, boolean retryRateLimits) {
        return policy.shouldRetry(failure)
                && (retryAccepted || !wasAccepted(failure))
                && (retryRateLimits || !(failure instanceof AifoRateLimitException));
    }

    /** Whether the hub had answered with a success status when the call failed. */
    private static boolean wasAccepted(Throwable failure) {
        return failure instanceof AifoException hubFailure
                && hubFailure.getStatusCode() >= 200
                && hubFailure.getStatusCode() < 300;
    }

    /** The wait before the next attempt: the back-off, or longer if the hub asked; null when the policy stops. */
    private @Nullable Duration delay(BackOffExecution backOff, Throwable failure) {
        long backOffMillis = backOff.nextBackOff();
        if (backOffMillis == BackOffExecution.STOP) {
            return null;
        }
        Duration delay = Duration.ofMillis(backOffMillis);
        if (failure instanceof AifoRateLimitException rateLimited) {
            Duration asked = rateLimited.getRetryAfter().orElse(Duration.ZERO);
            Duration honoured = asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
            if (honoured.compareTo(delay) > 0) {
                delay = honoured;
            }
        }
        return delay;
    }

    private RuntimeException pastDeadline(Deadline deadline, Throwable failure, String what) {
        // The transport's own deadline failure already says so; anything else is wrapped to say it.
        if (deadline.hasPassed() && failure instanceof AifoConnectionException connection) {
            return connection;
        }
        return deadline.exceeded(what + hub, failure);
    }

    private void warn(String what, long attempt, Duration delay, Throwable failure) {
        if (logger.isWarnEnabled()) {
            String message = what + " attempt " + attempt + " to " + hub + " failed, retrying in " + delay.toMillis()
                    + " ms: " + failure.getMessage();
            logger.warn(message);
            if (logger.isDebugEnabled()) {
                logger.debug(message, failure);
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry the hub", interrupted);
        }
    }
}
