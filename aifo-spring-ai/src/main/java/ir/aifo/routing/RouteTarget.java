package ir.aifo.routing;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * One step of a route: a hub, by the name the application gave it, and the model to ask that hub for,
 * written {@code hub:model} ({@code myaihub:openai/gpt-5-mini}). Without a model it stands for the
 * whole hub, as a cool-down of every target on it (a refused key, a rate limit) does.
 *
 * @param hub the hub's name
 * @param model the hub's own model id; {@code null} for the whole hub
 * @since 0.1.0
 */
public record RouteTarget(String hub, @Nullable String model) {

    public RouteTarget {
        Assert.hasText(hub, "hub must not be blank");
        Assert.isTrue(model == null || !model.isBlank(), "model must not be blank");
    }

    /**
     * Reads {@code hub:model}. The hub's name ends at the first colon, so a model id may contain
     * colons ({@code openrouter:deepseek/deepseek-r1:free}).
     *
     * @throws IllegalArgumentException when either part is missing
     */
    public static RouteTarget parse(String text) {
        Assert.notNull(text, "text must not be null");
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new IllegalArgumentException("Route target '" + trimmed + "' must be written hub:model, such as"
                    + " aifo:openai/gpt-5-mini, where hub is the name of a configured hub");
        }
        return new RouteTarget(
                trimmed.substring(0, colon).strip(),
                trimmed.substring(colon + 1).strip());
    }

    /** The whole of a hub, every model on it. */
    public static RouteTarget wholeHub(String hub) {
        return new RouteTarget(hub, null);
    }

    /** Whether this stands for every model on its hub. */
    public boolean isWholeHub() {
        return model == null;
    }

    /** {@code hub:model}, or the hub's name for the whole hub. */
    @Override
    public String toString() {
        return model == null ? hub : hub + ":" + model;
    }
}
