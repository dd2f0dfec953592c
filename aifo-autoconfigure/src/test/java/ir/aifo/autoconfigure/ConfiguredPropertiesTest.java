package ir.aifo.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** The keys of a map property, however each source spells them. */
class ConfiguredPropertiesTest {

    private final MockEnvironment environment = new MockEnvironment();

    @Test
    void aKeySpelledInAFileAndInTheEnvironmentIsOneKey() {
        environment.withProperty("spring.ai.aifo.hubs.tokenhub.base-url", "https://us-api.tokenhub.com");
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "test-systemEnvironment",
                        Map.of(
                                "SPRING_AI_AIFO_HUBS_TOKENHUB_API_KEY",
                                "th_sk_live_X",
                                "SPRING_AI_AIFO_HUBS_AIFO_API_KEY",
                                "x")));

        assertThat(ConfiguredProperties.keysUnder(environment, "spring.ai.aifo.hubs"))
                .containsExactly(
                        Map.entry("aifo", ConfigurationPropertyName.of("spring.ai.aifo.hubs.aifo")),
                        Map.entry("tokenhub", ConfigurationPropertyName.of("spring.ai.aifo.hubs.tokenhub")));
    }

    @Test
    void keysKeepTheirSpellingAndABracketedKeyMayHoldDots() {
        environment
                .withProperty("spring.ai.aifo.routes.fast", "tokenhub:gpt-4o-mini")
                .withProperty("spring.ai.aifo.routes[smart.one]", "aifo:openai/gpt-5")
                .withProperty("spring.ai.aifo.hubs.TokenHub.api-key", "x");

        assertThat(ConfiguredProperties.keysUnder(environment, "spring.ai.aifo.routes"))
                .containsOnlyKeys("fast", "smart.one");
        assertThat(ConfiguredProperties.keysUnder(environment, "spring.ai.aifo.hubs"))
                .containsOnlyKeys("TokenHub");
        assertThat(ConfiguredProperties.keysUnder(environment, "spring.ai.aifo.nothing"))
                .isEmpty();
    }
}
