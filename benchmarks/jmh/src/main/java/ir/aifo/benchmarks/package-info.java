/**
 * JMH benchmarks of a chat call and a streamed reply through the raw JDK client, {@code AifoChatModel}
 * and Spring AI's {@code OpenAiChatModel}, all against one loopback {@link ir.aifo.benchmarks.StubHub};
 * of what an {@code AifoRouter} adds to {@code AifoChatModel} ({@link ir.aifo.benchmarks.RouteBenchmark});
 * and of what keeping the quota in Redis adds to it ({@link ir.aifo.benchmarks.StoreBenchmark}).
 */
@NullMarked
package ir.aifo.benchmarks;

import org.jspecify.annotations.NullMarked;
