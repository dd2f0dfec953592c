package ir.aifo.benchmarks;

/**
 * One way of asking the stub hub the benchmark's question: the raw JDK client, {@code AifoChatModel}
 * or Spring AI's {@code OpenAiChatModel}. Thread-safe; every call returns what the caller would use.
 */
interface HubCaller extends AutoCloseable {

    /** The question every caller asks. */
    String QUESTION = "Explain in one paragraph what a micro-benchmark measures.";

    /** Asks and waits for the whole answer; returns its text. */
    String call();

    /** Asks for a stream and reads it to its end, joining the text of every chunk. */
    StreamedText stream();

    @Override
    void close();

    /**
     * What a stream gave.
     *
     * @param text the joined text of every chunk
     * @param firstChunkNanos {@link System#nanoTime()} when the first chunk reached the caller
     * @param chunks how many chunks (responses, events) reached the caller
     */
    record StreamedText(String text, long firstChunkNanos, int chunks) {}
}
