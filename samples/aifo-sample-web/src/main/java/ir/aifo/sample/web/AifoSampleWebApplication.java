package ir.aifo.sample.web;

import ir.aifo.chat.AifoChatModel;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A web chat page backed by an AI hub through the AiFO starter; with no API key it talks to the
 * built-in hub simulator, so it runs offline out of the box.
 */
@SpringBootApplication
public class AifoSampleWebApplication {

    public static void main(String[] args) {
        SpringApplication.run(AifoSampleWebApplication.class, args);
    }

    // Fixed at start-up: the simulator fallback decides once, before the model is built.
    @Bean
    HubInfo hubInfo(AifoChatModel model, Environment environment) {
        return HubInfo.of(model, environment);
    }
}
