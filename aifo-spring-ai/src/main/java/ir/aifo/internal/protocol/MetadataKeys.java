package ir.aifo.internal.protocol;

/** The metadata keys the dialects put on responses and messages; published as {@code AifoMetadata}. */
public final class MetadataKeys {

    public static final String QUOTA = "aifo.quota";

    public static final String PLAN = "aifo.plan";

    public static final String SOURCE = "aifo.source";

    public static final String HUB = "aifo.hub";

    public static final String ROUTE = "aifo.route";

    public static final String FALLBACKS = "aifo.fallbacks";

    public static final String REASONING_CONTENT = "reasoningContent";

    public static final String REASONING_DELTA = "reasoningDelta";

    public static final String AUDIO = "audio";

    private MetadataKeys() {}
}
