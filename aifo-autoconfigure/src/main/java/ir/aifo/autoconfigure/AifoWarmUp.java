package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Warms the chat models up once the application is ready, on a daemon thread of its own: made lazily so
 * that they do not lengthen the start, they would otherwise make the first request wait for their JSON
 * mapper and TLS context. A failure here is only logged; the first request meets it again and reports it.
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
            models.orderedStream().forEach(AifoChatModel::warmUp);
        } catch (RuntimeException failure) {
            logger.debug("Warming the AiFO chat model up failed; the first request will try again", failure);
        }
    }
}
