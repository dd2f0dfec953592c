package ir.aifo.chat;

import ir.aifo.internal.protocol.RequestOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * The shape the model must answer in: free text, any JSON object, or JSON that matches a schema.
 *
 * @param type which of the three
 * @param name the schema's name, for {@link Type#JSON_SCHEMA}
 * @param schema the JSON schema as JSON text, for {@link Type#JSON_SCHEMA}
 * @param strict whether the hub must follow the schema exactly, for {@link Type#JSON_SCHEMA}
 * @since 0.1.0
 */
public record AifoResponseFormat(
        Type type,
        @Nullable String name,
        @Nullable String schema,
        @Nullable Boolean strict) {

    /** The name given to a schema that comes from Spring AI's structured output. */
    public static final String DEFAULT_SCHEMA_NAME = RequestOptions.ResponseFormatOption.DEFAULT_SCHEMA_NAME;

    public AifoResponseFormat {
        Assert.notNull(type, "type must not be null");
        if (type == Type.JSON_SCHEMA) {
            Assert.hasText(schema, "a json_schema response format needs a schema");
        }
    }

    public static AifoResponseFormat text() {
        return new AifoResponseFormat(Type.TEXT, null, null, null);
    }

    public static AifoResponseFormat jsonObject() {
        return new AifoResponseFormat(Type.JSON_OBJECT, null, null, null);
    }

    /** A strict JSON schema, as Spring AI's structured output generates one. */
    public static AifoResponseFormat jsonSchema(String name, String schema) {
        return new AifoResponseFormat(Type.JSON_SCHEMA, name, schema, true);
    }

    /**
     * The three formats, named as on the wire.
     *
     * @since 0.1.0
     */
    public enum Type {
        TEXT("text"),
        JSON_OBJECT("json_object"),
        JSON_SCHEMA("json_schema");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** The value of {@code response_format.type}. */
        public String wireName() {
            return wireName;
        }
    }
}
