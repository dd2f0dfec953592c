package ir.aifo.autoconfigure;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The environment variable that Spring Boot binds to a property, for advice on where to set it. */
final class EnvironmentVariableNames {

    private EnvironmentVariableNames() {}

    /**
     * {@code SPRING_AI_AIFO_HUBS_TOKENHUB_API_KEY} for {@code spring.ai.aifo.hubs.tokenhub.api-key}; {@code
     * null} for a hub with a dash in its name, such as {@code token-hub}: its variable would read as the
     * properties of another hub, {@code token}, since an underscore separates the elements of a name.
     */
    static @Nullable String of(String property) {
        int last = property.lastIndexOf('.');
        if (property.substring(0, Math.max(last, 0)).contains("-")) {
            return null;
        }
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
