package ir.aifo.routing;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/** Simulated hubs on loopback, one simulator each, their models, and one clock for them all. */
final class RoutedHubs implements AutoCloseable {

    static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    final MutableClock clock = new MutableClock(START);

    private final List<AifoHubSimulator> simulators = new ArrayList<>();

    AifoHubSimulator start() {
        AifoHubSimulator simulator = AifoHubSimulator.start(clock);
        simulators.add(simulator);
        return simulator;
    }

    /** A model of the simulator's hub that does not retry, so each call is one request on the wire. */
    AifoChatModel model(AifoHubSimulator simulator, AifoProtocol protocol) {
        return model(simulator, protocol, 0);
    }

    AifoChatModel model(AifoHubSimulator simulator, AifoProtocol protocol, int retries) {
        return AifoChatModel.builder()
                .connection(AifoConnection.builder()
                        .baseUrl(simulator.baseUrl())
                        .apiKey(simulator.defaultKey())
                        .protocol(protocol)
                        .readTimeout(Duration.ofSeconds(30))
                        .build())
                .retryTemplate(new RetryTemplate(RetryPolicy.builder()
                        .maxRetries(retries)
                        .delay(Duration.ofMillis(1))
                        .includes(TransientAiException.class)
                        .build()))
                .clock(clock)
                .build();
    }

    @Override
    public void close() {
        simulators.forEach(AifoHubSimulator::close);
    }
}
