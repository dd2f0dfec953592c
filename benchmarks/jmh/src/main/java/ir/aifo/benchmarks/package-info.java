/**
 * JMH benchmarks of a chat call and a streamed reply through the raw JDK client, {@code AifoChatModel}
 * and Spring AI's {@code OpenAiChatModel}, all against one loopback {@link ir.aifo.benchmarks.StubHub};
 * and of what an {@code AifoRouter} adds to {@code AifoChatModel} ({@link ir.aifo.benchmarks.RouteBenchmark}).
 */
@NullMarked
package ir.aifo.benchmarks;

import org.jspecify.annotations.NullMarked;
