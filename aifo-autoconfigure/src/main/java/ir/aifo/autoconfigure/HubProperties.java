package ir.aifo.autoconfigure;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;

/**
 * Everything one hub's chat model is made from: its connection, chat and quota properties, and the
 * names they were set under, for the messages that refuse them.
 */
record HubProperties(
        PropertyNames names, AifoConnectionProperties connection, AifoChatProperties chat, AifoQuotaProperties quota) {

    /** The single hub of {@code spring.ai.aifo.*}. */
    static HubProperties topLevel(
            AifoConnectionProperties connection, AifoChatProperties chat, AifoQuotaProperties quota) {
        return new HubProperties(PropertyNames.TOP_LEVEL, connection, chat, quota);
    }

    /**
     * A named hub: {@code spring.ai.aifo.*} bound first, then {@code spring.ai.aifo.hubs.<hub>.*} onto
     * the same instances, so that what the hub sets overrides and what it leaves unset is inherited
     * (and otherwise the default). A map, such as {@code chat.http-headers}, is merged entry by entry.
     *
     * @param entry the name of the hub's entry, as {@link NamedHubs#of} found it in the sources
     */
    static HubProperties bind(Environment environment, String hub, ConfigurationPropertyName entry) {
        for (String applicationWide : new String[] {"quota.store", "quota.redis"}) {
            if (ConfiguredProperties.isSet(environment, entry.append(applicationWide))) {
                throw new IllegalArgumentException(NamedHubs.prefixOf(hub) + applicationWide + " is set, but where"
                        + " quota is kept is the application's choice, not a hub's: set "
                        + AifoQuotaProperties.PREFIX + applicationWide.substring("quota".length()) + " instead");
            }
        }
        Binder binder = Binder.get(environment);
        return new HubProperties(
                names(environment, hub, entry),
                bind(binder, AifoConnectionProperties.PREFIX, entry, new AifoConnectionProperties()),
                bind(binder, AifoChatProperties.PREFIX, entry.append("chat"), new AifoChatProperties()),
                bind(binder, AifoQuotaProperties.PREFIX, entry.append("quota"), new AifoQuotaProperties()));
    }

    private static <T> T bind(Binder binder, String topLevel, ConfigurationPropertyName own, T properties) {
        // The handler Boot binds @ConfigurationProperties with, so that both levels bind as the single hub's do.
        IgnoreTopLevelConverterNotFoundBindHandler handler = new IgnoreTopLevelConverterNotFoundBindHandler();
        binder.bind(ConfigurationPropertyName.of(topLevel), Bindable.ofInstance(properties), handler);
        binder.bind(own, Bindable.ofInstance(properties), handler);
        return properties;
    }

    // A value the hub inherits is named where it was set: there is the one to correct.
    private static PropertyNames names(Environment environment, String hub, ConfigurationPropertyName entry) {
        ConfigurationPropertyName topLevel = ConfigurationPropertyName.of(AifoConnectionProperties.PREFIX);
        return new PropertyNames(
                NamedHubs.prefixOf(hub),
                property -> !ConfiguredProperties.isSet(environment, entry.append(property))
                        && ConfiguredProperties.isSet(environment, topLevel.append(property)));
    }
}
