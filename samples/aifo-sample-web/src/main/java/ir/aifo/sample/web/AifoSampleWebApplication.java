package ir.aifo.sample.web;

import ir.aifo.routing.AifoRouter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A web chat page backed by a route over two AI hubs through the AiFO starter; for each hub without an
 * API key it talks to the built-in hub simulator, so it runs offline out of the box.
 */
@SpringBootApplication
public class AifoSampleWebApplication {

    public static void main(String[] args) {
        SpringApplication.run(AifoSampleWebApplication.class, args);
    }

    // Fixed at start-up: the simulator fallback decides once, before the hubs' models are built.
    @Bean
    Hubs hubs(AifoRouter router, Environment environment) {
        return Hubs.of(router, environment);
    }
}
