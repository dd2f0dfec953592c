package ir.aifo.benchmarks.apps.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Boot application with nothing but {@code spring-boot-starter}: the reference that context start
 * times are divided by. It starts, logs Boot's "Started ... in" line and exits.
 */
@SpringBootApplication
public class BareApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareApplication.class, args).close();
    }
}
