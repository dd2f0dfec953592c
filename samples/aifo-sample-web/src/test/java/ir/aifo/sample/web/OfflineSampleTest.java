package ir.aifo.sample.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Runs the sample as a newcomer does: no API key, so the fallback starts the built-in simulator and
 * points both hubs at it, MyAIHub with two GPT requests left this month.
 *
 * <p>The keys are set empty here so that a developer's own {@code MYAIHUB_API_KEY} or {@code AIFO_API_KEY}
 * cannot send these tests to a real hub. Each test class gets an application of its own: the questions
 * one class asks spend the simulated MyAIHub's quota, which the next class counts on.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.ai.aifo.api-key=",
            "spring.ai.aifo.hubs.myaihub.api-key=",
            "spring.ai.aifo.hubs.aifo.api-key="
        })
@DirtiesContext
@interface OfflineSampleTest {}
