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

    /** Assistant message metadata: the model's reasoning; in a stream, all of it so far. */
    public static final String REASONING_CONTENT = MetadataKeys.REASONING_CONTENT;

    /** Assistant message metadata, in a stream: the piece of reasoning one chunk added. */
    public static final String REASONING_DELTA = MetadataKeys.REASONING_DELTA;

    /** Assistant message metadata: the spoken answer, when audio output was asked for. */
    public static final String AUDIO = MetadataKeys.AUDIO;

    private AifoMetadata() {}
}
