package ir.aifo.sample.web;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Logs where the chat page is and which hubs it talks to once the application is ready, so that
 * whoever started it knows what to open and which hubs' answers are the simulator's.
 */
@Component
class ChatPageAnnouncement {

    private static final Log logger = LogFactory.getLog(ChatPageAnnouncement.class);

    private final Hubs hubs;

    ChatPageAnnouncement(Hubs hubs) {
        this.hubs = hubs;
    }

    @EventListener
    void announce(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        String address = environment.getProperty("server.address", "localhost");
        String host = address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
        String port = environment.getProperty("local.server.port", "8080");
        List<String> answering = new ArrayList<>();
        for (String hub : hubs.names()) {
            answering.add(
                    hubs.isSimulated(hub)
                            ? hub + " from the built-in hub simulator (" + Hubs.keyVariable(hub) + " is not set)"
                            : hub + " from " + ShownAddress.of(hubs.model(hub).getBaseUrl()));
        }
        logger.info("Chat page: http://" + host + ":" + port + "/ · route " + hubs.defaultRoute() + " · answers: "
                + String.join(", ", answering));
    }
}
