package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Warms the chat models up once the application is ready, every hub's, on a daemon thread of its own:
 * made lazily so that they do not lengthen the start, they would otherwise make the first request wait
 * for their JSON mapper and TLS context. A failure here is only logged; the first request meets it again
 * and reports it.
 */
final class AifoWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log logger = LogFactory.getLog(AifoWarmUp.class);

    private final ObjectProvider<AifoChatModel> models;

    AifoWarmUp(ObjectProvider<AifoChatModel> models) {
        this.models = models;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Thread warmUp = new Thread(this::warmUp, "aifo-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private void warmUp() {
        try {
            models.orderedStream().forEach(AifoWarmUp::warmUp);
        } catch (RuntimeException closing) {
            // A short-lived application (a one-question CLI) may close while the hubs are looked up.
            logger.debug("Warm-up stopped: the hub models could not be looked up", closing);
        }
    }

    // One by one, so that a hub that cannot be warmed up leaves the others warmed.
    private static void warmUp(AifoChatModel model) {
        try {
            model.warmUp();
        } catch (RuntimeException failure) {
            logger.debug("Warming up " + model + " failed; its first request will try again", failure);
        }
    }
}
