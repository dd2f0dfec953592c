package ir.aifo.autoconfigure;

import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;

/**
 * The hubs named under {@code spring.ai.aifo.hubs}: each becomes a chat model bean of its name, and
 * together they replace the single hub of {@code spring.ai.aifo.*}, whose values they inherit.
 */
final class NamedHubs {

    static final String PREFIX = AifoConnectionProperties.PREFIX + ".hubs";

    /** What the single hub's entry is called where every hub is listed by name, as in the actuator endpoint. */
    static final String SINGLE_HUB_NAME = "default";

    private NamedHubs() {}

    /** Each hub's name, in alphabetical order, with the name of its entry ({@code spring.ai.aifo.hubs.tokenhub}). */
    static Map<String, ConfigurationPropertyName> of(Environment environment) {
        return ConfiguredProperties.keysUnder(environment, PREFIX);
    }

    /** The prefix of a hub's own properties, with its final dot, as a user writes it. */
    static String prefixOf(String hub) {
        return PREFIX + "." + hub + ".";
    }
}
