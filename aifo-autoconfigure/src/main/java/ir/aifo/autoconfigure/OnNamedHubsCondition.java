package ir.aifo.autoconfigure;

import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code spring.ai.aifo.hubs} names at least one hub. */
class OnNamedHubsCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Set<String> hubs = NamedHubs.of(context.getEnvironment()).keySet();
        ConditionMessage.Builder message = ConditionMessage.forCondition("AiFO named hubs");
        if (hubs.isEmpty()) {
            return ConditionOutcome.noMatch(message.didNotFind("property").items(NamedHubs.PREFIX + ".*"));
        }
        return ConditionOutcome.match(message.found("hub", "hubs").items(hubs));
    }
}
