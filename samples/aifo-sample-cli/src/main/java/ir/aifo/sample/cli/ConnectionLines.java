package ir.aifo.sample.cli;

import java.util.List;

/**
 * The chat's first lines: which hubs' answers are simulated, so nobody mistakes the simulator's answers
 * for a model's or pays for questions they thought were simulated, and the route questions go to.
 */
final class ConnectionLines {

    private ConnectionLines() {}

    static List<String> of(Hubs hubs, String route) {
        return List.of(where(hubs), "Questions go to route " + route + ": " + hubs.targetsOf(route));
    }

    private static String where(Hubs hubs) {
        List<String> simulated = hubs.simulated();
        List<String> real = hubs.names().stream()
                .filter(hub -> !hubs.isSimulated(hub))
                .map(hub -> hub + " at " + hubs.model(hub).getBaseUrl())
                .toList();
        if (simulated.isEmpty()) {
            return "Talking to " + and(real);
        }
        String missing = "No API key set for " + and(simulated) + " ("
                + String.join(", ", simulated.stream().map(Hubs::keyVariable).toList()) + "): ";
        if (real.isEmpty()) {
            return missing + "every answer is simulated, by the built-in hub simulator";
        }
        return missing + (simulated.size() == 1 ? "its" : "their")
                + " answers are simulated, by the built-in hub simulator; talking to " + and(real);
    }

    private static String and(List<String> items) {
        if (items.size() < 2) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
