package ir.aifo.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Which named hub's chat model is the primary {@code ChatModel}, the one a {@code ChatClient} and an
 * unqualified injection get: none when routes are defined (the router is then), else the hub {@code
 * spring.ai.aifo.primary} names, else the only hub. Several hubs and no choice fail the start, rather
 * than leaving it to whichever bean happens to come first.
 */
final class PrimaryHub {

    static final String PROPERTY = AifoConnectionProperties.PREFIX + ".primary";

    private PrimaryHub() {}

    /**
     * The primary hub's name, or {@code null} when routes are defined.
     *
     * @param hubs the hubs' names, at least one, in alphabetical order
     * @throws PrimaryHubException when {@code spring.ai.aifo.primary} names no hub, or several hubs leave
     *     the choice open
     */
    static @Nullable String of(Environment environment, List<String> hubs) {
        if (OnRoutesCondition.hasRoutes(environment)) {
            return null;
        }
        String primary =
                Binder.get(environment).bind(PROPERTY, String.class).orElse("").strip();
        if (!primary.isEmpty()) {
            // A hub found in environment variables is spelled in lower case, whatever the user wrote here.
            return hubs.stream()
                    .filter(hub -> hub.equalsIgnoreCase(primary))
                    .findFirst()
                    .orElseThrow(() -> PrimaryHubException.unknown(primary, hubs));
        }
        if (hubs.size() == 1) {
            return hubs.get(0);
        }
        throw PrimaryHubException.noneOf(hubs);
    }
}
