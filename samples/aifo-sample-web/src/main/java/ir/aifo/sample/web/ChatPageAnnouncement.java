package ir.aifo.sample.web;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Logs where the chat page is and which hub it talks to once the application is ready, so that
 * whoever started it knows what to open and whether the answers are the simulator's.
 */
@Component
class ChatPageAnnouncement {

    private static final Log logger = LogFactory.getLog(ChatPageAnnouncement.class);

    private final HubInfo hub;

    ChatPageAnnouncement(HubInfo hub) {
        this.hub = hub;
    }

    @EventListener
    void announce(ApplicationReadyEvent ready) {
        Environment environment = ready.getApplicationContext().getEnvironment();
        String address = environment.getProperty("server.address", "localhost");
        String host = address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
        String port = environment.getProperty("local.server.port", "8080");
        String source = hub.simulator()
                ? "the built-in hub simulator (no API key is set; set AIFO_API_KEY for the real hub)"
                : hub.baseUrl() + " (" + hub.protocol() + ")";
        logger.info(
                "Chat page: http://" + host + ":" + port + "/ · model " + hub.model() + " · answers from " + source);
    }
}
