package ir.aifo.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts an {@link AifoHubSimulator} for a Spring test's application context and points the starter at
 * it: {@code spring.ai.aifo.base-url} and {@code api-key}, and the same for every hub the application
 * names under {@code spring.ai.aifo.hubs} (each at the simulator's hub of that name, which keeps its own
 * quota and journal). Retries wait a millisecond instead of seconds, and {@code Retry-After} is not
 * waited for. The test injects the simulator to queue faults and read the journal:
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureAifoSimulator
 * class ChatTest {
 *
 *     @Autowired ChatClient.Builder chat;
 *
 *     @Autowired AifoHubSimulator simulator;
 *
 *     @Test
 *     void answers() {
 *         simulator.failNext(1, SimulatedFault.serverError());
 *         assertThat(chat.build().prompt("سلام").call().content()).isNotBlank();
 *     }
 * }
 * }</pre>
 *
 * <p>The simulator lives as long as the context: tests that share a cached context share its
 * simulator, its quotas and its journal ({@link AifoHubSimulator#reset()} starts them afresh). Properties
 * the test sets itself ({@code @TestPropertySource}, {@code @DynamicPropertySource}) win over these.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureAifoSimulator {}
