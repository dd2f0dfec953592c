package ir.aifo.routing;

import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tells the listeners, and the log, what routes do: one line when a target starts or ends a
 * cool-down, at WARN where the application's settings or the hub need a look (a refused key, a hub
 * that keeps failing). A listener's failure is logged and goes no further.
 */
final class RouteEvents {

    private static final Log logger = LogFactory.getLog(AifoRouter.class);

    private final List<RouteListener> listeners;

    RouteEvents(List<RouteListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void fellBack(String route, TargetUnavailable from, @Nullable RouteTarget to) {
        tell(listener -> listener.fellBack(route, from, to));
    }

    /** @param learned whether another instance met the failure and shared the cool-down */
    void coolDownStarted(TargetUnavailable coolDown, boolean learned) {
        if (!learned) {
            logStart(coolDown);
        } else if (logger.isDebugEnabled()) {
            // The instance that met the failure logged it; ten instances need not say it ten times.
            logger.debug("Routes skip " + describe(coolDown.target()) + " until " + coolDown.until() + ": "
                    + coolDown.reason().description() + ", as another instance found (" + coolDown.detail() + ")");
        }
        tell(listener -> listener.coolDownStarted(coolDown));
    }

    void coolDownEnded(TargetUnavailable coolDown) {
        String again = "Routes try " + describe(coolDown.target()) + " again: its cool-down ("
                + coolDown.reason().description() + ") has ended";
        if (coolDown.reason() != TargetUnavailable.Reason.RATE_LIMITED) {
            logger.info(again);
        } else if (logger.isDebugEnabled()) {
            logger.debug(again);
        }
        tell(listener -> listener.coolDownEnded(coolDown));
    }

    private void tell(Consumer<RouteListener> news) {
        for (RouteListener listener : listeners) {
            try {
                news.accept(listener);
            } catch (RuntimeException failure) {
                logger.warn("Route listener " + listener + " failed", failure);
            }
        }
    }

    private static void logStart(TargetUnavailable coolDown) {
        RouteTarget target = coolDown.target();
        String skipped = "Routes skip " + describe(target) + " until " + coolDown.until() + ": "
                + coolDown.reason().description() + " (" + coolDown.detail() + ")";
        switch (coolDown.reason()) {
            case KEY_REFUSED -> logger.warn(skipped + "; check spring.ai.aifo.hubs." + target.hub() + ".api-key");
            case FAILING -> logger.warn(skipped);
            case RATE_LIMITED -> {
                // A busy application meets rate limits often; each one is no news.
                if (logger.isDebugEnabled()) {
                    logger.debug(skipped);
                }
            }
            default -> logger.info(skipped);
        }
    }

    private static String describe(RouteTarget target) {
        return target.isWholeHub() ? "hub '" + target.hub() + "'" : "target " + target;
    }
}
