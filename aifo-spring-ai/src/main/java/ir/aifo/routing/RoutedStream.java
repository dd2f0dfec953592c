package ir.aifo.routing;

import ir.aifo.internal.routing.RoutedCall;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * One stream's way along its route. A target that fails before its first response is left for the
 * next, as a call's is; after it, the subscriber has part of an answer, and the failure is theirs.
 */
final class RoutedStream {

    private final AifoRouter router;

    private final RouteAttempts attempts;

    private final Prompt prompt;

    RoutedStream(AifoRouter router, Route route, Prompt prompt) {
        this.router = router;
        this.attempts = new RouteAttempts(route);
        this.prompt = prompt;
    }

    /** The stream from the route's target at {@code index} on. */
    Flux<ChatResponse> fromTarget(int index) {
        if (index == attempts.route().targets().size()) {
            return Flux.error(router.noneAnswered(attempts));
        }
        RouteTarget target = attempts.route().targets().get(index);
        TargetUnavailable coolingDown = router.coolingDown(target);
        if (coolingDown != null) {
            attempts.skipped(coolingDown.forTarget(target, false));
            return fromTarget(index + 1);
        }
        AtomicBoolean answering = new AtomicBoolean();
        return router.hub(target).stream(AifoRouter.forTarget(prompt, target))
                .doOnNext(response -> {
                    if (!answering.get()) {
                        answering.set(true);
                        router.answered(attempts, target);
                    }
                })
                .onErrorResume(failure -> !answering.get() && failure instanceof RuntimeException, failure -> {
                    TargetUnavailable unavailable;
                    try {
                        unavailable = router.movedOnFrom(target, (RuntimeException) failure);
                    } catch (RuntimeException stop) {
                        return Flux.error(stop);
                    }
                    attempts.failed(unavailable, failure);
                    return fromTarget(index + 1);
                })
                // The hub's dialect puts the route's metadata on each response as it builds it.
                .contextWrite(context -> context.put(RoutedCall.CONTEXT_KEY, attempts.metadataFor(target)));
    }
}
