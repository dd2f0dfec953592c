package ir.aifo.quota.redis;

import io.lettuce.core.RedisConnectionException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;

/**
 * The store's warnings about what it met in Redis, each once per key until that key is read or written
 * well again, so that a bad value or a refusing server does not fill the log.
 */
final class StoreWarnings {

    private final Log logger;

    private final Map<String, String> warned = new ConcurrentHashMap<>();

    StoreWarnings(Log logger) {
        this.logger = logger;
    }

    void unreadable(String key, String why) {
        if (warned.put(key, why) == null) {
            logger.warn("Ignored the value of Redis key " + key + ": it is not one of aifo's records (" + why
                    + "); another program may have written it");
        }
    }

    /** A write Redis refused or did not answer; one lost with the connection is the link's to tell. */
    void writeFailed(String key, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (lostWithTheConnection(cause)) {
            return;
        }
        if (warned.put(key, "not written") == null) {
            logger.warn("Could not write Redis key " + key + " (" + cause.getMessage() + "); this instance goes on"
                    + " with what it knows");
        }
    }

    void wellAgain(String key) {
        if (!warned.isEmpty()) {
            warned.remove(key);
        }
    }

    private static boolean lostWithTheConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException
                    || cause instanceof RedisConnectionException
                    || (cause.getMessage() != null && cause.getMessage().startsWith("Connection closed"))) {
                return true;
            }
        }
        return false;
    }
}
