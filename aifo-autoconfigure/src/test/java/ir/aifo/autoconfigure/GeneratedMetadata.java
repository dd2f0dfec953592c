package ir.aifo.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The configuration metadata the build generated for this module, as an IDE reads it. */
final class GeneratedMetadata {

    private static final JsonNode METADATA = read();

    private GeneratedMetadata() {}

    /** The entry of a property, such as {@code spring.ai.aifo.read-timeout}. */
    static JsonNode property(String name) {
        return find("properties", name);
    }

    /** The hints (the values an IDE offers) for a property. */
    static JsonNode hint(String name) {
        return find("hints", name);
    }

    /** A property's default as the metadata states it; fails when it states none. */
    static String defaultValue(String name) {
        JsonNode value = property(name).get("defaultValue");
        if (value == null) {
            throw new AssertionError("The generated metadata states no default for " + name);
        }
        return value.asString();
    }

    private static JsonNode find(String group, String name) {
        for (JsonNode entry : METADATA.get(group)) {
            if (entry.get("name").asString().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("No " + group + " entry for " + name + " in the generated metadata");
    }

    private static JsonNode read() {
        try (InputStream json =
                GeneratedMetadata.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            return JsonMapper.builder().build().readTree(json);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
