package ir.aifo.chat;

import ir.aifo.internal.protocol.MetadataKeys;

/**
 * The metadata keys this library adds to Spring AI's responses and messages.
 *
 * @since 0.1.0
 */
public final class AifoMetadata {

    /** Response metadata: the {@link ir.aifo.quota.HubQuota} the hub reported with the reply. */
    public static final String QUOTA = MetadataKeys.QUOTA;

    /** Response metadata: the key's plan, such as {@code vip} (MyAIHub). */
    public static final String PLAN = MetadataKeys.PLAN;

    /** Response metadata: the provider that answered, {@code openrouter} or {@code openai} (MyAIHub). */
    public static final String SOURCE = MetadataKeys.SOURCE;

    /** Response metadata from a route: the name of the hub that answered. */
    public static final String HUB = MetadataKeys.HUB;

    /** Response metadata from a route: the route's name, the model alias the request asked for. */
    public static final String ROUTE = MetadataKeys.ROUTE;

    /**
     * Response metadata from a route: the targets tried before the one that answered, each with why it
     * did not (a list of {@code ir.aifo.routing.TargetUnavailable}, empty when the first answered).
     */
    public static final String FALLBACKS = MetadataKeys.FALLBACKS;

    /** Assistant message metadata: the model's reasoning; in a stream, all of it so far. */
    public static final String REASONING_CONTENT = MetadataKeys.REASONING_CONTENT;

    /** Assistant message metadata, in a stream: the piece of reasoning one chunk added. */
    public static final String REASONING_DELTA = MetadataKeys.REASONING_DELTA;

    /** Assistant message metadata: the spoken answer, when audio output was asked for. */
    public static final String AUDIO = MetadataKeys.AUDIO;

    private AifoMetadata() {}
}
