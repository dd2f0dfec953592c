package ir.aifo.internal.routing;

import java.util.function.Supplier;
import reactor.util.context.ContextView;

/**
 * Marks a call or a stream as made by a route, so that the hub model does not first retry a
 * {@code 429} itself: in a route the next target answers at once, and the refusal's wait is better
 * spent by the route remembering it than by the caller sitting through it.
 *
 * <p>A blocking call is marked on its thread for its duration; a stream by its Reactor context, since
 * it runs on whatever thread delivers.
 */
public final class RoutedCall {

    /** The Reactor context key of a routed stream. */
    public static final String CONTEXT_KEY = RoutedCall.class.getName();

    private static final ThreadLocal<Boolean> ROUTED = new ThreadLocal<>();

    private RoutedCall() {}

    /** Runs {@code call} marked as routed on this thread. */
    public static <T> T run(Supplier<T> call) {
        Boolean outer = ROUTED.get();
        ROUTED.set(Boolean.TRUE);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                ROUTED.remove();
            } else {
                ROUTED.set(outer);
            }
        }
    }

    /** Whether the blocking call running on this thread is routed. */
    public static boolean isRouted() {
        return ROUTED.get() != null;
    }

    /** Whether the stream subscribed with this context is routed. */
    public static boolean isRouted(ContextView context) {
        return context.hasKey(CONTEXT_KEY);
    }
}
