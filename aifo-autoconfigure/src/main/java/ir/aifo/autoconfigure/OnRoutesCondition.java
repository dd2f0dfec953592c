package ir.aifo.autoconfigure;

import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code spring.ai.aifo.routes} declares at least one route. */
final class OnRoutesCondition extends SpringBootCondition {

    static final String ROUTES = AifoRoutingProperties.PREFIX + ".routes";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return hasRoutes(Binder.get(context.getEnvironment()))
                ? ConditionOutcome.match(ROUTES + " declares routes")
                : ConditionOutcome.noMatch(ROUTES + " declares no route");
    }

    static boolean hasRoutes(Binder binder) {
        return binder.bind(ROUTES, Bindable.mapOf(String.class, List.class))
                .map(Map::isEmpty)
                .map(empty -> !empty)
                .orElse(false);
    }
}
