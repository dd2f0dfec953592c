package ir.aifo.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code spring.ai.aifo.routes} declares at least one route. */
final class OnRoutesCondition extends SpringBootCondition {

    static final String ROUTES = AifoRoutingProperties.PREFIX + ".routes";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return hasRoutes(context.getEnvironment())
                ? ConditionOutcome.match(ROUTES + " declares routes")
                : ConditionOutcome.noMatch(ROUTES + " declares no route");
    }

    /** Whether any route is declared, in any property source and spelling. */
    static boolean hasRoutes(Environment environment) {
        return !ConfiguredProperties.keysUnder(environment, ROUTES).isEmpty();
    }
}
