package ir.aifo.sample.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Runs the sample as a newcomer does: no API key, so the fallback starts the built-in simulator.
 *
 * <p>The key is set empty here so that a developer's own {@code AIFO_API_KEY} cannot send these tests
 * to the real hub; dialect and model are pinned for the same reason, since the answers asserted are the
 * simulator's OpenAI-compatible ones.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.ai.aifo.api-key=",
            "spring.ai.aifo.protocol=openai",
            "spring.ai.aifo.chat.model=openai/gpt-5-mini"
        })
@interface OfflineSampleTest {}
