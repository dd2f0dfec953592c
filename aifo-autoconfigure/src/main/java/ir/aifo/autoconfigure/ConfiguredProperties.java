package ir.aifo.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * What the application's property sources set, however each spells a name: {@code
 * spring.ai.aifo.hubs.tokenhub.api-key} in a file and {@code SPRING_AI_AIFO_HUBS_TOKENHUB_API_KEY} in
 * the environment are one property.
 */
final class ConfiguredProperties {

    private ConfiguredProperties() {}

    /**
     * The keys under a map property, such as the hub names under {@code spring.ai.aifo.hubs}, each as
     * first spelled in the sources in their order of precedence, with the name of its entry ({@code
     * spring.ai.aifo.hubs.tokenhub}); in alphabetical order, so that whatever lists them (a start-up
     * failure, the actuator endpoint) lists them the same way every time.
     *
     * <p>A scan rather than binding a map, since the keys are needed before there is any type to bind
     * their values to: to decide which beans to register.
     */
    static Map<String, ConfigurationPropertyName> keysUnder(Environment environment, String mapProperty) {
        ConfigurationPropertyName map = ConfigurationPropertyName.of(mapProperty);
        int keyIndex = map.getNumberOfElements();
        // Keyed by entry name, whose equality is relaxed, so that two spellings of one key count once.
        Map<ConfigurationPropertyName, String> keys = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream()
                        .filter(map::isAncestorOf)
                        .forEach(name -> keys.putIfAbsent(
                                name.chop(keyIndex + 1),
                                name.getElement(keyIndex, ConfigurationPropertyName.Form.ORIGINAL)));
            }
        }
        Map<String, ConfigurationPropertyName> entries = new TreeMap<>();
        keys.forEach((entry, key) -> entries.putIfAbsent(key, entry));
        return entries;
    }

    /** Whether any source sets the property, or a property below it (an entry of a map, say). */
    static boolean isSet(Environment environment, ConfigurationPropertyName name) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.getConfigurationProperty(name) != null
                    || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }
}
