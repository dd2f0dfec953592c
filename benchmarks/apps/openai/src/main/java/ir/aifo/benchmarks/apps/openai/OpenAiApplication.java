package ir.aifo.benchmarks.apps.openai;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A minimal application with {@code spring-ai-starter-model-openai} pointed at a hub (base URL ending
 * in {@code /v1}): the same as the AiFO one but for the starter. It starts, names the model it got and
 * exits; nothing is sent.
 */
@SpringBootApplication
public class OpenAiApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpenAiApplication.class, args).close();
    }

    @Bean
    CommandLineRunner nameTheModel(ChatClient.Builder chat) {
        return args -> System.out.println(
                "chat client ready: " + chat.build().getClass().getSimpleName());
    }
}
