package ir.aifo.sample.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/hub}: which hub the page talks to, so it can say when that is the simulator. */
@RestController
public class HubController {

    private final HubInfo hub;

    public HubController(HubInfo hub) {
        this.hub = hub;
    }

    @GetMapping("/api/hub")
    public HubInfo hub() {
        return hub;
    }
}
