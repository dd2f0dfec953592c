package ir.aifo.benchmarks.apps.bare;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Boot application with nothing but {@code spring-boot-starter}: the reference that context start
 * times are divided by. It starts, logs Boot's "Started ... in" line and exits. It has a runner bean
 * like the other two apps, so that the three differ only by their starter (a {@code @Bean} method
 * makes Spring proxy the application class, which costs start time of its own).
 */
@SpringBootApplication
public class BareApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareApplication.class, args).close();
    }

    @Bean
    CommandLineRunner sayReady() {
        return args -> System.out.println("bare application ready");
    }
}
