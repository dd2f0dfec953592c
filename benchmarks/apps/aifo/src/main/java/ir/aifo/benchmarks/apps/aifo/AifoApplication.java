package ir.aifo.benchmarks.apps.aifo;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A minimal application with {@code aifo-spring-boot-starter}, as the README has users write it: a
 * key, a base URL and a {@code ChatClient}. It starts, names the model it got and exits; nothing is
 * sent to the hub.
 */
@SpringBootApplication
public class AifoApplication {

    public static void main(String[] args) {
        SpringApplication.run(AifoApplication.class, args).close();
    }

    @Bean
    CommandLineRunner nameTheModel(ChatClient.Builder chat) {
        return args -> System.out.println(
                "chat client ready: " + chat.build().getClass().getSimpleName());
    }
}
