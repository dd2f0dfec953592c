package ir.aifo.sample.web;

import ir.aifo.routing.TargetUnavailable;
import org.jspecify.annotations.Nullable;

/**
 * A route's target that did not answer, or that routes skip for now, as the page shows it: in a reply's
 * {@code fallbacks} and as a hub's or a target's {@code coolDown} in {@code GET /api/hubs}.
 *
 * @param target {@code hub:model}, or the hub's name for a cool-down of the whole hub
 * @param reason why, in a word or two, such as {@code quota spent}
 * @param detail why, in a sentence, in the library's words (never the API key)
 * @param until when it may be tried again (ISO-8601, UTC); {@code null} when at once
 * @param sent whether the request reached the hub
 */
public record TargetUnavailableView(
        String target,
        String reason,
        String detail,
        @Nullable String until,
        boolean sent) {

    static TargetUnavailableView of(TargetUnavailable unavailable) {
        return new TargetUnavailableView(
                unavailable.target().toString(),
                unavailable.reason().description(),
                unavailable.detail(),
                unavailable.until() == null ? null : unavailable.until().toString(),
                unavailable.sent());
    }
}
