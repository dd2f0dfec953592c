package ir.aifo.internal.protocol;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON settings every dialect shares: tolerant of fields a hub adds, strict about the shapes it
 * promised.
 *
 * @since 0.1.0
 */
public final class WireJson {

    private WireJson() {}

    /**
     * The request body as JSON, with {@code extraFields} merged into its top level (winning over the
     * typed fields): the {@code extra-body} option, for what a hub adds to the documented format.
     */
    public static byte[] write(JsonMapper json, Object body, @Nullable Map<String, Object> extraFields) {
        if (extraFields == null || extraFields.isEmpty()) {
            return json.writeValueAsBytes(body);
        }
        ObjectNode tree = json.valueToTree(body);
        extraFields.forEach((name, value) -> tree.set(name, json.valueToTree(value)));
        return json.writeValueAsBytes(tree);
    }

    /** The body as a JSON object, or {@code null} when it is empty, not JSON, or not an object. */
    public static @Nullable JsonNode readObjectOrNull(JsonMapper json, byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode tree = json.readTree(body);
            return tree != null && tree.isObject() ? tree : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    /** A mapper that ignores unknown fields, since hubs add their own. */
    public static JsonMapper newMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
