package ir.aifo.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains in Spring Boot's start-up failure report that no hub, or an unknown one, is the primary
 * chat model, and the ways to choose one.
 */
class PrimaryHubFailureAnalyzer extends AbstractFailureAnalyzer<PrimaryHubException> {

    private static final String QUALIFIER =
            " Whichever is chosen, a hub's own chat model is injected with" + " @Qualifier(\"<hub>\").";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PrimaryHubException cause) {
        String hubs = String.join(", ", cause.getHubs());
        String primary = cause.getPrimary();
        if (primary != null) {
            return new FailureAnalysis(
                    PrimaryHub.PROPERTY + " is '" + primary + "', but no hub of that name is configured. The"
                            + " hubs are: " + hubs + ".",
                    "Set " + PrimaryHub.PROPERTY + " to one of " + hubs + ", or configure the hub '" + primary
                            + "' with " + NamedHubs.prefixOf(primary) + "* properties.",
                    cause);
        }
        return new FailureAnalysis(
                "Several AiFO hubs are configured (" + hubs + "), so a ChatClient, or a ChatModel injected"
                        + " without a qualifier, cannot tell which to use.",
                "Set " + PrimaryHub.PROPERTY + " to the hub they are to use (one of " + hubs + "), or define"
                        + " routes, " + OnRoutesCondition.ROUTES + ".<route>=<hub>:<model>, ..., which choose a hub for"
                        + " each call." + QUALIFIER,
                cause);
    }
}
