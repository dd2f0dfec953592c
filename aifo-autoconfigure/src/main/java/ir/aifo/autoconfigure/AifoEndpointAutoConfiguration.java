package ir.aifo.autoconfigure;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.quota.QuotaTracker;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@code aifo} actuator endpoint when Spring Boot Actuator is present and the endpoint
 * is exposed ({@code management.endpoints.web.exposure.include=aifo}).
 *
 * <p>A configuration of its own, after the chat model's, so that it can see whether the model exists.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AifoChatAutoConfiguration.class)
@ConditionalOnClass({AifoChatModel.class, Endpoint.class})
public final class AifoEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    // A single candidate: with several models (one per hub, say) the endpoint could not tell which to show.
    @ConditionalOnSingleCandidate(AifoChatModel.class)
    @ConditionalOnBean(QuotaTracker.class)
    @ConditionalOnAvailableEndpoint
    AifoEndpoint aifoEndpoint(AifoChatModel model, QuotaTracker tracker) {
        return new AifoEndpoint(model, tracker);
    }
}
