package ir.aifo.routing;

import java.util.List;

/** A model alias and the targets that serve it, in the order they are tried. */
record Route(String name, List<RouteTarget> targets) {

    Route {
        targets = List.copyOf(targets);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append(" (");
        for (int i = 0; i < targets.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(targets.get(i));
        }
        return text.append(')').toString();
    }
}
