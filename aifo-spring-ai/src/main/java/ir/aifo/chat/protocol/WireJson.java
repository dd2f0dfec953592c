package ir.aifo.chat.protocol;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON settings every dialect shares: tolerant of fields a hub adds, strict about the shapes it
 * promised.
 *
 * @since 0.1.0
 */
public final class WireJson {

    private WireJson() {}

    /** A mapper that ignores unknown fields, since hubs add their own. */
    public static JsonMapper newMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
