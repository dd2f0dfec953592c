package ir.aifo.sample.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One route as the page's panel shows it: its targets in the order they are tried.
 *
 * @param name the route's name, the model a message asks for
 * @param targets its targets, each with the cool-down that makes routes skip it, if any
 */
public record RouteView(String name, List<Target> targets) {

    /**
     * @param target {@code hub:model}
     * @param coolDown why routes skip it (or its hub) for now; {@code null} when they do not
     */
    public record Target(String target, @Nullable TargetUnavailableView coolDown) {}
}
