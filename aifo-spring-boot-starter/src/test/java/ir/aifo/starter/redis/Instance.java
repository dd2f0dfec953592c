package ir.aifo.starter.redis;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.quota.QuotaTracker;
import ir.aifo.quota.redis.RedisQuotaStore;
import ir.aifo.routing.AifoRouter;
import ir.aifo.routing.TargetUnavailable;
import java.time.YearMonth;
import java.util.List;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** One instance of the application: its context, and what a test asks of it. */
record Instance(String name, ConfigurableApplicationContext context) {

    ChatResponse ask(String route) {
        return context.getBean(ChatClient.Builder.class)
                .build()
                .prompt()
                .user("سلام")
                .options(AifoChatOptions.builder().model(route))
                .call()
                .chatResponse();
    }

    AifoRouter router() {
        return context.getBean(AifoRouter.class);
    }

    AifoChatModel hub(String name) {
        return context.getBean(name, AifoChatModel.class);
    }

    RedisQuotaStore store() {
        return context.getBean(RedisQuotaStore.class);
    }

    /** Whether this instance knows the key's bucket for {@code provider} is spent in {@code month}. */
    boolean knowsSpent(String provider, YearMonth month) {
        String key = hub("myaihub").getKeyFingerprint();
        return context.getBean(QuotaTracker.class).isExhausted(key, provider, month);
    }

    Status health() {
        return context.getBean("aifoHealthIndicator", HealthIndicator.class)
                .health()
                .getStatus();
    }

    static String hubOf(ChatResponse response) {
        return response.getMetadata().get(AifoMetadata.HUB);
    }

    static List<TargetUnavailable> fallbacksOf(ChatResponse response) {
        return response.getMetadata().get(AifoMetadata.FALLBACKS);
    }
}
