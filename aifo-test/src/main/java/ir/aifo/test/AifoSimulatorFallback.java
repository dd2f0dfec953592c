package ir.aifo.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts an {@link AifoHubSimulator} and points {@code spring.ai.aifo.*} at it when an application has
 * no API key configured, so a sample runs offline out of the box and talks to the real hub as soon as
 * a key is set.
 *
 * <p>An application that declares named hubs ({@code spring.ai.aifo.hubs.<name>.*}) gets, for each hub
 * with neither a key of its own nor a top-level {@code spring.ai.aifo.api-key} to inherit, the
 * simulator's hub of that name ({@code base-url} and {@code api-key}). A hub with a key keeps its
 * settings, and the top-level ones are left alone, since such a hub may inherit them. To show a route
 * falling back offline, a simulated hub's quota can be spent in advance:
 * {@code aifo.simulator.hubs.myaihub.used.openai=78} leaves the default (VIP) key of the hub
 * {@code myaihub} two GPT requests this month.
 *
 * <p>Not registered automatically: an application opts in by naming it under
 * {@code org.springframework.boot.EnvironmentPostProcessor} in its own {@code META-INF/spring.factories}.
 * It sets {@value #ACTIVE_PROPERTY} to {@code true}, so the application can say that it is simulated.
 * {@code aifo.simulator.enabled=false} turns the fallback off.
 *
 * @since 0.1.0
 */
public class AifoSimulatorFallback implements EnvironmentPostProcessor, Ordered {

    /** Set to {@code true} when the fallback started a simulator. */
    public static final String ACTIVE_PROPERTY = "aifo.simulator.active";

    private static final String API_KEY = "spring.ai.aifo.api-key";

    private static final String HUBS = "spring.ai.aifo.hubs.";

    private static final String SIMULATED_HUBS = "aifo.simulator.hubs.";

    // What may follow SIMULATED_HUBS: <hub>.used.<provider>
    private static final Pattern USAGE = Pattern.compile("([^.]+)\\.used\\.([^.]+)");

    private static final String SOURCE_NAME = "aifoSimulator";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        AifoHubSimulator simulator = simulate(environment);
        if (simulator != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "aifo-simulator-shutdown"));
        }
    }

    // After the configuration files are read, so a key set in application.properties is seen.
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Points the environment's keyless hubs at a simulator it starts; null when none is needed. */
    @Nullable
    AifoHubSimulator simulate(ConfigurableEnvironment environment) {
        if (!environment.getProperty("aifo.simulator.enabled", Boolean.class, true)) {
            return null;
        }
        Set<String> declared = declaredHubs(environment);
        return declared.isEmpty() ? simulateSingleHub(environment) : simulateNamedHubs(environment, declared);
    }

    private @Nullable AifoHubSimulator simulateSingleHub(ConfigurableEnvironment environment) {
        if (StringUtils.hasText(environment.getProperty(API_KEY))) {
            return null;
        }
        // No journal: nothing reads it, and it would hold every request for the application's lifetime.
        AifoHubSimulator simulator = AifoHubSimulator.startWithoutJournal();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        SOURCE_NAME,
                        Map.of(
                                "spring.ai.aifo.base-url",
                                simulator.baseUrl(),
                                API_KEY,
                                simulator.defaultKey(),
                                ACTIVE_PROPERTY,
                                "true")));
        return simulator;
    }

    private @Nullable AifoHubSimulator simulateNamedHubs(ConfigurableEnvironment environment, Set<String> declared) {
        List<String> keyless =
                declared.stream().filter(name -> !hasKey(environment, name)).toList();
        if (keyless.isEmpty()) {
            return null;
        }
        AifoHubSimulator simulator = AifoHubSimulator.startWithoutJournal();
        try {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (String name : keyless) {
                SimulatedHub hub = simulator.hub(name);
                properties.put(HUBS + name + ".base-url", hub.baseUrl());
                properties.put(HUBS + name + ".api-key", hub.defaultKey());
            }
            properties.put(ACTIVE_PROPERTY, "true");
            spendInAdvance(environment, simulator);
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties));
            return simulator;
        } catch (RuntimeException badSetting) {
            simulator.close();
            throw badSetting;
        }
    }

    // A hub without a key of its own inherits the top-level one, and then talks to its real hub.
    private static boolean hasKey(ConfigurableEnvironment environment, String hub) {
        return StringUtils.hasText(environment.getProperty(HUBS + hub + ".api-key"))
                || StringUtils.hasText(environment.getProperty(API_KEY));
    }

    /** The hub names of every {@code spring.ai.aifo.hubs.<name>.*} property, sorted. */
    /** The hubs the application names under {@code spring.ai.aifo.hubs}, in its property sources. */
    static Set<String> declaredHubs(ConfigurableEnvironment environment) {
        Set<String> hubs = new TreeSet<>();
        for (String property : propertyNames(environment, HUBS)) {
            int dot = property.indexOf('.', HUBS.length());
            if (dot > HUBS.length()) {
                hubs.add(property.substring(HUBS.length(), dot));
            }
        }
        return hubs;
    }

    /** Applies every {@code aifo.simulator.hubs.<hub>.used.<provider>=N} to the hub's default key. */
    private static void spendInAdvance(ConfigurableEnvironment environment, AifoHubSimulator simulator) {
        for (String property : propertyNames(environment, SIMULATED_HUBS)) {
            Matcher usage = USAGE.matcher(property.substring(SIMULATED_HUBS.length()));
            // A misspelt setting would leave the quota whole and the demonstration silently pointless.
            if (!usage.matches()) {
                throw new IllegalArgumentException("Unknown simulator setting '" + property + "'; the one known is "
                        + SIMULATED_HUBS + "<hub>.used.<provider>=<requests used this month>");
            }
            String value = environment.getProperty(property, "").trim();
            try {
                simulator
                        .hub(usage.group(1))
                        .myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, usage.group(2), Integer.parseInt(value));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException(
                        property + " is a number of requests, not '" + value + "'", notANumber);
            } catch (IllegalArgumentException refused) {
                throw new IllegalArgumentException(property + ": " + refused.getMessage(), refused);
            }
        }
    }

    private static Set<String> propertyNames(ConfigurableEnvironment environment, String prefix) {
        Set<String> names = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(prefix)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}
