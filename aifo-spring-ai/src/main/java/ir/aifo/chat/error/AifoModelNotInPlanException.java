package ir.aifo.chat.error;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.NonTransientAiException;

/**
 * The key's plan does not include the model asked for (MyAIHub: OpenAI models need the VIP plan).
 *
 * @since 0.1.0
 */
public class AifoModelNotInPlanException extends NonTransientAiException implements AifoException {

    private static final long serialVersionUID = 1L;

    private final HubError hubError;

    private final @Nullable String plan;

    public AifoModelNotInPlanException(String message, HubError hubError, @Nullable String plan) {
        super(message);
        this.hubError = hubError;
        this.plan = plan;
    }

    @Override
    public HubError getHubError() {
        return hubError;
    }

    /** The key's plan as the hub named it, such as {@code pro}. */
    public @Nullable String getPlan() {
        return plan;
    }
}
