package ir.aifo.autoconfigure;

import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when no hub is named under {@code spring.ai.aifo.hubs}: then {@code spring.ai.aifo.*} is the
 * one hub. Once hubs are named, those properties are only what the hubs inherit.
 */
class OnSingleHubCondition extends NoneNestedConditions {

    OnSingleHubCondition() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @Conditional(OnNamedHubsCondition.class)
    static class HubsNamed {}
}
