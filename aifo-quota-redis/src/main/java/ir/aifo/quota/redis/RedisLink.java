package ir.aifo.quota.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The store's two connections to Redis, made with the application's Lettuce client: one for the
 * scripts, one subscribed to the store's channel. It is up once both are connected and the channel is
 * subscribed, again after each reconnection (Lettuce reconnects and subscribes again by itself), and
 * down as soon as either connection is lost.
 */
final class RedisLink implements AutoCloseable {

    /** What the store hears from its link; {@code up} and {@code down} on the store's thread, in order. */
    interface Events {

        void up();

        void down(@Nullable Throwable cause);

        /** A message on the channel, on Lettuce's thread. */
        void message(String message);
    }

    // A write that cannot reach Redis in this time is given up: the next reconnection writes it again.
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    private final AbstractRedisClient client;

    private final String channel;

    private final ScheduledExecutorService storeThread;

    private final Duration retryDelay;

    private final Events events;

    private volatile @Nullable StatefulConnection<String, String> commands;

    private volatile @Nullable RedisScriptingAsyncCommands<String, String> scripting;

    private volatile @Nullable StatefulRedisPubSubConnection<String, String> subscription;

    private boolean commandsConnected;

    private boolean subscribed;

    private volatile boolean up;

    private volatile boolean closed;

    RedisLink(
            AbstractRedisClient client,
            String channel,
            ScheduledExecutorService storeThread,
            Duration retryDelay,
            Events events) {
        this.client = client;
        this.channel = channel;
        this.storeThread = storeThread;
        this.retryDelay = retryDelay;
        this.events = events;
    }

    /** Connects on the store's thread, and keeps trying until Redis answers. */
    void start() {
        storeThread.execute(this::connect);
    }

    boolean isUp() {
        return up;
    }

    /**
     * Runs a script by its SHA-1, sending its source when Redis does not know it (the first time, and
     * after Redis restarted).
     */
    CompletableFuture<List<Object>> run(StoreScript script, String[] keys, String... args) {
        RedisScriptingAsyncCommands<String, String> async = scripting;
        if (async == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis is not connected"));
        }
        return async.<List<Object>>evalsha(script.sha(), ScriptOutputType.MULTI, keys, args)
                .toCompletableFuture()
                .exceptionallyCompose(failure -> unwrap(failure) instanceof RedisNoScriptException
                        ? async.<List<Object>>eval(script.source(), ScriptOutputType.MULTI, keys, args)
                                .toCompletableFuture()
                        : CompletableFuture.failedFuture(unwrap(failure)));
    }

    @Override
    public void close() {
        closed = true;
        up = false;
        closeConnections();
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            open();
        } catch (RuntimeException unreachable) {
            closeConnections();
            if (!closed) {
                events.down(unreachable);
                storeThread.schedule(this::connect, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void open() {
        StatefulConnection<String, String> connection;
        StatefulRedisPubSubConnection<String, String> pubSub;
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, String> clustered = cluster.connect(StringCodec.UTF8);
            connection = clustered;
            scripting = clustered.async();
            pubSub = cluster.connectPubSub(StringCodec.UTF8);
        } else if (client instanceof RedisClient standalone) {
            var single = standalone.connect(StringCodec.UTF8);
            connection = single;
            scripting = single.async();
            pubSub = standalone.connectPubSub(StringCodec.UTF8);
        } else {
            throw new IllegalStateException("A Lettuce RedisClient or RedisClusterClient is needed, not "
                    + client.getClass().getName());
        }
        connection.setTimeout(COMMAND_TIMEOUT);
        commands = connection;
        subscription = pubSub;
        synchronized (this) {
            commandsConnected = true;
            subscribed = false;
        }
        connection.addListener(new StateOf(false));
        pubSub.addListener(new StateOf(true));
        pubSub.addListener(new RedisPubSubAdapter<String, String>() {
            @Override
            public void message(String from, String message) {
                events.message(message);
            }

            @Override
            public void subscribed(String to, long count) {
                // Also after each reconnection, once Lettuce has subscribed again.
                changed(true, true);
            }
        });
        pubSub.async().subscribe(channel);
        if (closed) {
            closeConnections();
        }
    }

    /** One connection's news; being up needs both connected and the channel subscribed. */
    private void changed(boolean ofSubscription, boolean connected) {
        boolean nowUp;
        synchronized (this) {
            if (ofSubscription) {
                subscribed = connected;
            } else {
                commandsConnected = connected;
            }
            nowUp = commandsConnected && subscribed && !closed;
            if (nowUp == up) {
                return;
            }
            up = nowUp;
        }
        if (nowUp) {
            storeThread.execute(events::up);
        } else {
            storeThread.execute(() -> events.down(null));
        }
    }

    private void closeConnections() {
        StatefulConnection<String, String> connection = commands;
        StatefulRedisPubSubConnection<String, String> pubSub = subscription;
        commands = null;
        scripting = null;
        subscription = null;
        // The application's client may have closed them first, as it shuts down; and it may shut down
        // right after this, so the closing is awaited (briefly) rather than left to race it.
        CompletableFuture<?> closing = CompletableFuture.allOf(
                connection != null && connection.isOpen()
                        ? connection.closeAsync()
                        : CompletableFuture.completedFuture(null),
                pubSub != null && pubSub.isOpen() ? pubSub.closeAsync() : CompletableFuture.completedFuture(null));
        try {
            closing.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException notClosed) {
            // Closed or not, the store has let go of it.
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private final class StateOf implements RedisConnectionStateListener {

        private final boolean ofSubscription;

        StateOf(boolean ofSubscription) {
            this.ofSubscription = ofSubscription;
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (!ofSubscription) {
                changed(false, true);
            }
            // The subscription counts as up once Lettuce has subscribed it again: see subscribed().
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            changed(ofSubscription, false);
        }
    }
}
