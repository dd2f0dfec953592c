package ir.aifo.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when several hubs are named and nothing says which one a {@code ChatClient}, or a
 * {@code ChatModel} injected without a qualifier, is to use, or when {@code spring.ai.aifo.primary}
 * names a hub that is not configured.
 */
final class PrimaryHubException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String primary;

    private final List<String> hubs;

    private PrimaryHubException(String message, @Nullable String primary, List<String> hubs) {
        super(message);
        this.primary = primary;
        this.hubs = List.copyOf(hubs);
    }

    /** Several hubs, and neither {@code spring.ai.aifo.primary} nor any route. */
    static PrimaryHubException noneOf(List<String> hubs) {
        return new PrimaryHubException(
                "Several AI hubs are configured (" + String.join(", ", hubs) + ") and none is the primary"
                        + " ChatModel: set " + PrimaryHub.PROPERTY + " to one of them, or define routes with "
                        + OnRoutesCondition.ROUTES + ".<route>",
                null,
                hubs);
    }

    /** {@code spring.ai.aifo.primary} names a hub that is not configured. */
    static PrimaryHubException unknown(String primary, List<String> hubs) {
        return new PrimaryHubException(
                PrimaryHub.PROPERTY + " is '" + primary + "', but no hub of that name is configured; the hubs are "
                        + String.join(", ", hubs),
                primary,
                hubs);
    }

    /** What {@code spring.ai.aifo.primary} is, or {@code null} when it is not set. */
    @Nullable
    String getPrimary() {
        return primary;
    }

    /** The hubs configured, in alphabetical order. */
    List<String> getHubs() {
        return hubs;
    }
}
