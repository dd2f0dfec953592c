package ir.aifo.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stub hub's two answers as complete HTTP responses, built once: a chat completion and a
 * streamed reply of a given number of content chunks, shaped as the OpenAI-compatible hubs send them,
 * each with the rate-limit headers of its {@link RateLimitWindows}.
 */
final class StubReplies {

    static final String MODEL = "openai/gpt-5-mini";

    // About 120 tokens of mixed Persian and English text, as the hubs answer this project's users.
    static final String ANSWER = "سلام! این یک پاسخ نمونه است برای سنجش کارایی. "
            + "The hub answers with a paragraph of ordinary length, so that parsing and mapping the reply costs"
            + " what it costs in real use: a few hundred characters, some of them outside ASCII, one choice,"
            + " usage figures and the rate-limit headers. هر درخواست همین پاسخ را می‌گیرد تا سنجش‌ها"
            + " تکرارپذیر باشند. The rest is filler text that a model might produce when asked to explain"
            + " something briefly, with numbers such as 42 and 3.14 and punctuation; nothing more.";

    /**
     * When the rate-limit windows a reply reports end. The figures are the same either way: one request
     * and 150 tokens of a window spent.
     */
    enum RateLimitWindows {
        /**
         * In a few milliseconds, as a key with a high limit is told (10,000 requests a minute refill one
         * every 6 ms): what every benchmark but the quota store's sees.
         */
        MILLISECONDS("6ms", "4ms"),
        /**
         * In a second: long enough that a shared quota store writes each reply's figures before their
         * window ends (it leaves out a window that has ended by the time it writes).
         */
        SECONDS("1s", "1s");

        private final String headers;

        RateLimitWindows(String requestsReset, String tokensReset) {
            this.headers = "x-ratelimit-limit-requests: 10000\r\n"
                    + "x-ratelimit-remaining-requests: 9999\r\n"
                    + "x-ratelimit-reset-requests: " + requestsReset + "\r\n"
                    + "x-ratelimit-limit-tokens: 2000000\r\n"
                    + "x-ratelimit-remaining-tokens: 1999850\r\n"
                    + "x-ratelimit-reset-tokens: " + tokensReset + "\r\n";
        }
    }

    private static final String ID = "chatcmpl-bench0001";

    private static final long CREATED = 1_767_225_600L;

    private StubReplies() {}

    static byte[] completion(RateLimitWindows windows) {
        String body = "{\"id\":\"" + ID + "\",\"object\":\"chat.completion\",\"created\":" + CREATED + ",\"model\":\""
                + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + ANSWER + "\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + usage() + ",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_bench\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + windows.headers
                + "\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), bytes);
    }

    /**
     * A stream of {@code contentChunks} chunks of one word each, between a first chunk with the role and
     * a finish chunk, a usage chunk and {@code [DONE]}; each event is its own HTTP chunk, as a hub that
     * flushes every token sends it.
     */
    static byte[] stream(int contentChunks, RateLimitWindows windows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * (contentChunks + 8));
        String head = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/event-stream; charset=utf-8\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + windows.headers
                + "\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        httpChunk(out, chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null"));
        String[] words = ANSWER.split(" ");
        for (int i = 0; i < contentChunks; i++) {
            String word = words[i % words.length] + " ";
            httpChunk(out, chunk("{\"content\":\"" + word + "\"}", "null"));
        }
        httpChunk(out, chunk("{}", "\"stop\""));
        httpChunk(
                out,
                "data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                        + ",\"model\":\"" + MODEL + "\",\"system_fingerprint\":\"fp_bench\",\"choices\":[],"
                        + usage() + "}\n\n");
        httpChunk(out, "data: [DONE]\n\n");
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * Fails unless {@code caller}, one side of a comparison, reads the completion's answer and the whole
     * stream: a side that got the answer wrong would be measured doing something else.
     */
    static void checkAnswers(String side, HubCaller caller) {
        String answer = caller.call();
        if (!ANSWER.equals(answer)) {
            throw new IllegalStateException(side + " read a different answer: " + answer);
        }
        HubCaller.StreamedText streamed = caller.stream();
        if (streamed.text().split(" ").length != ChatBenchmark.STREAM_CHUNKS
                || streamed.chunks() < ChatBenchmark.STREAM_CHUNKS) {
            throw new IllegalStateException(side + " read " + streamed.chunks() + " chunks and "
                    + streamed.text().length() + " chars");
        }
    }

    private static String chunk(String delta, String finishReason) {
        return "data: {\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
                + ",\"model\":\"" + MODEL + "\",\"system_fingerprint\":\"fp_bench\",\"choices\":[{\"index\":0,"
                + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}]}\n\n";
    }

    private static String usage() {
        return "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":120,\"total_tokens\":132,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}";
    }

    private static void httpChunk(ByteArrayOutputStream out, String event) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
