package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.InvalidApiKeyException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;

/**
 * Registers an {@link AifoChatModel} for each hub under {@code spring.ai.aifo.hubs}, with the hub's name
 * as its bean name, so that {@code @Qualifier("tokenhub")} injects that hub's model; the primary one is
 * marked so (see {@link PrimaryHub}). Each is made by the {@link AifoChatModelFactory}, so every hub
 * shares the application's quota tracker, listeners, retry template and the rest.
 */
class NamedHubsRegistrar implements BeanRegistrar {

    @Override
    public void register(BeanRegistry registry, Environment environment) {
        Map<String, ConfigurationPropertyName> hubs = NamedHubs.of(environment);
        String primary = PrimaryHub.of(environment, List.copyOf(hubs.keySet()));
        hubs.forEach((hub, entry) -> registry.registerBean(hub, AifoChatModel.class, spec -> {
            spec.description("AiFO chat model of the hub " + hub + " (" + NamedHubs.prefixOf(hub) + "*)")
                    // Bound when the model is made, so that a value out of range fails that bean like the single hub's.
                    .supplier(context -> create(
                            context.bean(AifoChatModelFactory.class), HubProperties.bind(environment, hub, entry)));
            if (hub.equals(primary)) {
                spec.primary();
            }
        }));
    }

    private static AifoChatModel create(AifoChatModelFactory factory, HubProperties hub) {
        try {
            return factory.create(hub);
        } catch (InvalidApiKeyException invalid) {
            // The library cannot know which property the key came from; the failure analysis names it.
            throw new InvalidApiKeyPropertyException(hub.names().of("api-key"), invalid);
        }
    }
}
