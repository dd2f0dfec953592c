package ir.aifo.internal.routing;

import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Marks a call or a stream as made by a route, with the metadata the route adds to each response (who
 * answers, for which route, who did not). So marked, the hub model does not first retry a {@code 429}
 * itself: in a route the next target answers at once, and the refusal's wait is better spent by the
 * route remembering it than by the caller sitting through it. The model's dialect puts the route's
 * metadata while it builds each response, rather than the route copying every response to add it.
 *
 * <p>A blocking call is marked on its thread for its duration; a stream by its Reactor context, since
 * it runs on whatever thread delivers.
 */
public final class RoutedCall {

    /** The Reactor context key of a routed stream; its value is the route's metadata. */
    public static final String CONTEXT_KEY = RoutedCall.class.getName();

    private static final ThreadLocal<Map<String, Object>> ROUTE_METADATA = new ThreadLocal<>();

    private RoutedCall() {}

    /** Runs {@code call} marked as routed on this thread, its responses to carry {@code routeMetadata}. */
    public static <T> T run(Map<String, Object> routeMetadata, Supplier<T> call) {
        Map<String, Object> outer = ROUTE_METADATA.get();
        ROUTE_METADATA.set(routeMetadata);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                ROUTE_METADATA.remove();
            } else {
                ROUTE_METADATA.set(outer);
            }
        }
    }

    /** The route's metadata of the blocking call running on this thread; {@code null} when not routed. */
    public static @Nullable Map<String, Object> metadata() {
        return ROUTE_METADATA.get();
    }

    /** The route's metadata of the stream subscribed with this context; {@code null} when not routed. */
    public static @Nullable Map<String, Object> metadata(ContextView context) {
        return context.getOrDefault(CONTEXT_KEY, null);
    }
}
