package ir.aifo.sample.web;

import ir.aifo.quota.QuotaTracker;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/hubs}: the hubs the page talks to and their state, which the page shows in its panel
 * and refreshes after each reply, and the routes over them.
 */
@RestController
public class HubsController {

    private final Hubs hubs;

    private final QuotaTracker tracker;

    public HubsController(Hubs hubs, QuotaTracker tracker) {
        this.hubs = hubs;
        this.tracker = tracker;
    }

    @GetMapping("/api/hubs")
    public HubsView hubs() {
        return HubsView.of(hubs, tracker);
    }
}
