package ir.aifo.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A route table that cannot work is refused when the router is built, saying what to change. */
class AifoRouterBuilderTest {

    private final AifoChatModel hub = AifoChatModel.builder()
            .connection(
                    AifoConnection.builder().apiKey("aifo_sk_live_0123456789").build())
            .build();

    @Test
    void aRouterNeedsARoute() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AifoRouter.builder().hub("aifo", hub).build())
                .withMessageContaining("at least one route, such as spring.ai.aifo.routes.smart=");
    }

    @Test
    void aRouteNamingAnUnknownHubListsTheHubs() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AifoRouter.builder()
                        .hub("aifo", hub)
                        .route("smart", "tokenhb:gpt-4o-mini")
                        .build())
                .withMessage("Route 'smart' names hub 'tokenhb', which is not configured; the hubs are [aifo]"
                        + " (spring.ai.aifo.hubs.<name>.*)");
    }

    @Test
    void aRouteWithoutTargetsIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AifoRouter.builder()
                        .hub("aifo", hub)
                        .route("smart", List.of())
                        .build())
                .withMessageStartingWith("Route 'smart' has no target");
    }

    @Test
    void theDefaultRouteMustBeARoute() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AifoRouter.builder()
                        .hub("aifo", hub)
                        .route("smart", "aifo:openai/gpt-5-mini")
                        .defaultRoute("fast")
                        .build())
                .withMessage("The default route 'fast' is not a route; the routes are [smart]"
                        + " (spring.ai.aifo.default-route)");
    }

    @Test
    void coolDownsMustBePositiveAndFailuresAtLeastOne() {
        AifoRouter.Builder builder = AifoRouter.builder().hub("aifo", hub).route("smart", "aifo:openai/gpt-5-mini");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.failureCoolDown(Duration.ZERO).build())
                .withMessage("failureCoolDown is PT0S but must be positive, such as 30s");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.failureCoolDown(Duration.ofSeconds(1))
                        .failuresBeforeCoolDown(0)
                        .build())
                .withMessage("failuresBeforeCoolDown is 0 but must be 1 or more");
    }

    @Test
    void theRouterOffersItsDefaultRouteAsTheModelAndListsWhatItWasGiven() {
        AifoRouter router = AifoRouter.builder()
                .hub("aifo", hub)
                .route("smart", "aifo:openai/gpt-5-mini")
                .route("cheap", "aifo:deepseek/deepseek-chat")
                .defaultRoute("cheap")
                .build();

        assertThat(router.getOptions().getModel()).isEqualTo("cheap");
        assertThat(router.getRoutes()).containsOnlyKeys("smart", "cheap");
        assertThat(router.getRoutes().get("smart")).containsExactly(RouteTarget.parse("aifo:openai/gpt-5-mini"));
        assertThat(router.getHubs()).containsEntry("aifo", hub);
        assertThat(router.getDefaultRoute()).contains("cheap");
        assertThat(router).hasToString("AifoRouter[hubs=[aifo], routes=[smart, cheap]]");
    }
}
