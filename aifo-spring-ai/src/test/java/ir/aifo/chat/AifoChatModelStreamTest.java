package ir.aifo.chat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoBadRequestException;
import ir.aifo.chat.error.AifoServerException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.RateLimit;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AifoChatModelStreamTest {

    @RegisterExtension
    static WireMockExtension hub = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final int STREAMS_COUNTED = 40;

    private final JsonMapper json = JsonMapper.builder().build();

    private final String persianStream = HubStub.contentChunk("سلام")
            + HubStub.contentChunk("! AiFO ")
            + HubStub.contentChunk("یک هاب است.")
            + HubStub.finishChunk()
            + HubStub.usageChunk()
            + HubStub.DONE;

    @Test
    void chatClientStreamDeliversEachDeltaInOrderAndTheyJoinToTheFullPersianText() {
        HubStub.reply(hub, HubStub.sse(persianStream));
        ChatClient client = ChatClient.create(HubStub.model(hub).build());

        List<String> deltas =
                client.prompt().user("سلام").stream().content().collectList().block(TIMEOUT);

        assertThat(deltas).containsExactly("سلام", "! AiFO ", "یک هاب است.");
        assertThat(String.join("", deltas)).isEqualTo("سلام! AiFO یک هاب است.");
        JsonNode body = json.readTree(HubStub.requests(hub).get(0).getBodyAsString());
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("messages").toString()).isEqualTo("[{\"role\":\"user\",\"content\":\"سلام\"}]");
    }

    @Test
    void eventsReachANonBlockingSubscriberOnAWorkerAndASubscriberThatBlocksHoldsUpNoOtherStream() throws Exception {
        HubStub.reply(hub, HubStub.sse(persianStream));
        AifoChatModel model = HubStub.model(hub).build();
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);

        // The first stream's subscriber blocks on its first event, as one writing to a stalled browser would.
        // It subscribes on a non-blocking thread, as WebFlux does, which an exchange must leave at once.
        List<String> subscribing = new CopyOnWriteArrayList<>();
        Disposable blocked = model.stream(new Prompt("سلام"))
                .doOnSubscribe(
                        subscription -> subscribing.add(Thread.currentThread().getName()))
                .subscribeOn(Schedulers.parallel())
                .doOnNext(response -> {
                    threads.add(Thread.currentThread().getClass().getName() + " "
                            + Thread.currentThread().getName());
                    blocking.countDown();
                    awaitQuietly(release);
                })
                .subscribe();
        try {
            // The other stream runs only once the first one's subscriber is really stuck.
            assertThat(blocking.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
            List<ChatResponse> other =
                    model.stream(new Prompt("سلام")).collectList().block(TIMEOUT);

            assertThat(other).hasSize(5);
        } finally {
            release.countDown();
            blocked.dispose();
        }
        assertThat(subscribing).singleElement().asString().startsWith("parallel-");
        assertThat(threads)
                .isNotEmpty()
                .noneMatch(thread -> thread.contains("SelectorManager"))
                .noneMatch(thread -> thread.endsWith(" " + subscribing.get(0)));
    }

    @Test
    void aStreamsRequestLeavesFromTheSubscribingThread() {
        HubStub.reply(hub, HubStub.sse(persianStream));
        ThreadsAskingForCookies cookies = new ThreadsAskingForCookies();
        AifoChatModel model = modelAskingFor(cookies);

        assertThat(textsOf(model.stream(new Prompt("سلام")).collectList().block(TIMEOUT)))
                .hasSize(3);

        // The JDK client asks for the request's cookies on the thread that starts its exchange: sendAsync's
        // steps up to the request's being sent stay on the caller, as send's do, rather than wait for a worker.
        assertThat(cookies.askedOn).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void streamsStartNoThreadEach() {
        HubStub.reply(hub, HubStub.sse(persianStream));
        AifoChatModel model = HubStub.model(hub).build();

        long started = threadsStartedBy(() -> assertThat(
                        textsOf(model.stream(new Prompt("سلام")).collectList().block(TIMEOUT)))
                .hasSize(3));

        assertThat(started).isLessThan(STREAMS_COUNTED / 4);
    }

    @Test
    void streamsAnsweredWithAnErrorPageStartNoThreadEither() {
        HubStub.reply(hub, HubStub.json(400, HubStub.openAiError("bad request", "invalid_request_error", null, null)));
        AifoChatModel model = HubStub.model(hub).build();

        long started = threadsStartedBy(() -> StepVerifier.create(model.stream(new Prompt("سلام")))
                .expectError(AifoBadRequestException.class)
                .verify(TIMEOUT));

        assertThat(started).isLessThan(STREAMS_COUNTED / 4);
    }

    // The threads started while a stream is run 40 times, after once to warm up. The build runs this with
    // a common pool of one thread, as on two cores, where the public sendAsync hands each exchange's
    // completion to a new thread, and of three. A few are for the stub hub's pool and stream workers still
    // busy with the stream before; one per stream is the fault.
    private static long threadsStartedBy(Runnable stream) {
        stream.run();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();
        for (int i = 0; i < STREAMS_COUNTED; i++) {
            stream.run();
        }
        return threads.getTotalStartedThreadCount() - before;
    }

    @Test
    void aStreamSubscribedOnANonBlockingThreadSendsItsRequestFromAWorker() {
        HubStub.reply(hub, HubStub.sse(persianStream));
        ThreadsAskingForCookies cookies = new ThreadsAskingForCookies();
        AifoChatModel model = modelAskingFor(cookies);

        // A parallel scheduler's thread is one of Reactor's non-blocking ones, as a WebFlux event loop is:
        // it must not wait for a name lookup or a TLS handshake.
        List<ChatResponse> responses = model.stream(new Prompt("سلام"))
                .subscribeOn(Schedulers.parallel())
                .collectList()
                .block(TIMEOUT);

        assertThat(textsOf(responses)).hasSize(3);
        assertThat(cookies.askedOn).singleElement().asString().startsWith("aifo-stream-");
    }

    private static AifoChatModel modelAskingFor(CookieHandler cookies) {
        return HubStub.model(HubStub.connection(hub).httpClientCustomizer(builder -> builder.cookieHandler(cookies)))
                .build();
    }

    /** Records the thread each request's cookies are asked for on, and gives none. */
    private static final class ThreadsAskingForCookies extends CookieHandler {

        final List<String> askedOn = new CopyOnWriteArrayList<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            askedOn.add(Thread.currentThread().getName());
            return Map.of();
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {}
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void modelStreamAsksForUsageByDefaultAndSurfacesTheUsageOnlyLastChunk() {
        HubStub.reply(hub, HubStub.sse(persianStream));

        List<ChatResponse> responses = HubStub.model(hub).build().stream(new Prompt("سلام"))
                .collectList()
                .block(TIMEOUT);

        assertThat(textsOf(responses)).containsExactly("سلام", "! AiFO ", "یک هاب است.");
        assertThat(responses.get(3).getResult().getMetadata().getFinishReason()).isEqualTo("stop");
        ChatResponse last = responses.get(responses.size() - 1);
        assertThat(last.getResults()).isEmpty();
        assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(12);
        assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(3);
        assertThat(last.getMetadata().getUsage().getTotalTokens()).isEqualTo(15);
        JsonNode body = json.readTree(HubStub.requests(hub).get(0).getBodyAsString());
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("stream_options").toString()).isEqualTo("{\"include_usage\":true}");
        assertThat(HubStub.requests(hub).get(0).getHeader("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void streamUsageFalseLeavesStreamOptionsOut() {
        HubStub.reply(hub, HubStub.sse(HubStub.contentChunk("ok") + HubStub.finishChunk() + HubStub.DONE));
        AifoChatOptions options = AifoChatOptions.builder().streamUsage(false).build();

        List<ChatResponse> responses = HubStub.model(hub).build().stream(new Prompt("hi", options))
                .collectList()
                .block(TIMEOUT);

        assertThat(textsOf(responses)).containsExactly("ok");
        JsonNode body = json.readTree(HubStub.requests(hub).get(0).getBodyAsString());
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void rateLimitHeadersOfTheStreamReplyAppearOnStreamedResponses() {
        HubStub.reply(
                hub,
                HubStub.sse(HubStub.contentChunk("hi") + HubStub.finishChunk() + HubStub.DONE)
                        .withHeader("x-ratelimit-limit-requests", "500")
                        .withHeader("x-ratelimit-remaining-requests", "499")
                        .withHeader("x-ratelimit-reset-requests", "1s")
                        .withHeader("x-ratelimit-limit-tokens", "30000")
                        .withHeader("x-ratelimit-remaining-tokens", "29000")
                        .withHeader("x-ratelimit-reset-tokens", "6m0s"));

        List<ChatResponse> responses = HubStub.model(hub).build().stream(new Prompt("hi"))
                .collectList()
                .block(TIMEOUT);

        assertThat(responses).isNotEmpty().allSatisfy(response -> {
            RateLimit rateLimit = response.getMetadata().getRateLimit();
            assertThat(rateLimit.getRequestsLimit()).isEqualTo(500L);
            assertThat(rateLimit.getRequestsRemaining()).isEqualTo(499L);
            assertThat(rateLimit.getRequestsReset()).isEqualTo(Duration.ofSeconds(1));
            assertThat(rateLimit.getTokensLimit()).isEqualTo(30000L);
            assertThat(rateLimit.getTokensRemaining()).isEqualTo(29000L);
            assertThat(rateLimit.getTokensReset()).isEqualTo(Duration.ofMinutes(6));
        });
    }

    @Test
    void crlfLineEndingsKeepAliveCommentsAndMultiLineDataGiveTheSameText() {
        String multiLineEvent = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\r\n"
                + "data:  \"choices\":[{\"index\":0,\"delta\":{\"content\":\"! AiFO \"},\r\n"
                + "data:  \"finish_reason\":null}]}\r\n\r\n";
        String body = ": keep-alive\r\n\r\n"
                + HubStub.contentChunk("سلام").replace("\n", "\r\n")
                + ": keep-alive\r\n"
                + multiLineEvent
                + ": keep-alive\r\n\r\n"
                + HubStub.contentChunk("یک هاب است.").replace("\n", "\r\n")
                + HubStub.finishChunk().replace("\n", "\r\n")
                + "data: [DONE]\r\n\r\n";
        HubStub.reply(hub, HubStub.sse(body));

        List<ChatResponse> responses = HubStub.model(hub).build().stream(new Prompt("سلام"))
                .collectList()
                .block(TIMEOUT);

        assertThat(textsOf(responses)).containsExactly("سلام", "! AiFO ", "یک هاب است.");
    }

    @Test
    void aBodyDeliveredInTinyPiecesGivesTheSameText() {
        // About 20 bytes per piece: events, lines and the two-byte Persian letters are all split.
        int pieces = persianStream.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 20;
        HubStub.reply(hub, HubStub.sse(persianStream).withChunkedDribbleDelay(pieces, 300));

        List<ChatResponse> responses = HubStub.model(hub).build().stream(new Prompt("سلام"))
                .collectList()
                .block(TIMEOUT);

        assertThat(String.join("", textsOf(responses))).isEqualTo("سلام! AiFO یک هاب است.");
        assertThat(responses.get(responses.size() - 1).getMetadata().getUsage().getTotalTokens())
                .isEqualTo(15);
    }

    @Test
    void aStreamThatEndsWithoutDoneEmitsWhatItGotThenFailsAsIncomplete() {
        HubStub.reply(hub, HubStub.sse(HubStub.contentChunk("سلام") + HubStub.contentChunk(" دنیا")));

        StepVerifier.create(HubStub.model(hub).build().stream(new Prompt("hi")))
                .assertNext(response ->
                        assertThat(response.getResult().getOutput().getText()).isEqualTo("سلام"))
                .assertNext(response ->
                        assertThat(response.getResult().getOutput().getText()).isEqualTo(" دنیا"))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(AifoServerException.class);
                    assertThat(failure.getMessage()).contains("incomplete").contains("[DONE]");
                })
                .verify(TIMEOUT);
        assertThat(HubStub.requests(hub)).hasSize(1);
    }

    @Test
    void anErrorEventAfterSomeContentFailsWithTheTypedExceptionAfterThatContent() {
        HubStub.reply(
                hub,
                HubStub.sse(HubStub.contentChunk("سلام")
                        + "data: {\"error\":{\"message\":\"خطای داخلی سرور\",\"type\":\"server_error\"}}\n\n"
                        + HubStub.DONE));

        StepVerifier.create(HubStub.model(hub).build().stream(new Prompt("hi")))
                .assertNext(response ->
                        assertThat(response.getResult().getOutput().getText()).isEqualTo("سلام"))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(AifoServerException.class);
                    AifoServerException error = (AifoServerException) failure;
                    assertThat(error.getHubError().message()).isEqualTo("خطای داخلی سرور");
                    assertThat(error.getHubError().type()).isEqualTo("server_error");
                    assertThat(error.getMessage()).contains("خطای داخلی سرور");
                })
                .verify(TIMEOUT);
    }

    @Test
    void anErrorStatusOnAStreamRequestFailsWithTheTypedExceptionAndTheHubsMessage() {
        HubStub.reply(
                hub,
                HubStub.json(
                        401,
                        HubStub.openAiError("کلید API نامعتبر است", "invalid_request_error", "invalid_api_key", null)));

        StepVerifier.create(HubStub.model(hub).build().stream(new Prompt("hi")))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(AifoAuthenticationException.class);
                    AifoAuthenticationException error = (AifoAuthenticationException) failure;
                    assertThat(error.getStatusCode()).isEqualTo(401);
                    assertThat(error.getHubError().message()).isEqualTo("کلید API نامعتبر است");
                    assertThat(error.getHubError().code()).isEqualTo("invalid_api_key");
                    assertThat(error.getMessage()).contains("کلید API نامعتبر است");
                })
                .verify(TIMEOUT);
        assertThat(HubStub.requests(hub)).hasSize(1);
    }

    @Test
    void aJsonReplyToAStreamRequestIsAClearErrorNotAnEmptyStream() {
        HubStub.reply(hub, HubStub.json(200, HubStub.completion("سلام")));

        StepVerifier.create(HubStub.model(hub).build().stream(new Prompt("hi")))
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(AifoServerException.class);
                    assertThat(((AifoServerException) failure).getStatusCode()).isEqualTo(200);
                    assertThat(failure.getMessage())
                            .contains("application/json")
                            .contains("event stream");
                })
                .verify(TIMEOUT);
    }

    @Test
    void toolCallPiecesInterleavedAcrossChunksComeOutAsCompleteCallsOnTheFinishingResponse() {
        HubStub.reply(
                hub,
                HubStub.sse(HubStub.toolCallChunk(0, "call_weather", "get_weather", "")
                        + HubStub.toolCallChunk(1, "call_time", "get_time", "")
                        + HubStub.toolCallChunk(0, null, null, "{\"ci")
                        + HubStub.toolCallChunk(1, null, null, "{\"zone\":")
                        + HubStub.toolCallChunk(0, null, null, "ty\":\"تهران")
                        + HubStub.toolCallChunk(1, null, null, "\"Asia/Tehran")
                        + HubStub.toolCallChunk(0, null, null, "\"}")
                        + HubStub.toolCallChunk(1, null, null, "\"}")
                        + HubStub.finishChunk("tool_calls")
                        + HubStub.usageChunk()
                        + HubStub.DONE));

        List<ChatResponse> responses = HubStub.model(hub).build().stream(new Prompt("هوا؟"))
                .collectList()
                .block(TIMEOUT);

        List<Generation> withCalls = responses.stream()
                .flatMap(response -> response.getResults().stream())
                .filter(generation -> generation.getOutput().hasToolCalls())
                .toList();
        assertThat(withCalls).hasSize(1);
        assertThat(withCalls.get(0).getMetadata().getFinishReason()).isEqualTo("tool_calls");
        assertThat(withCalls.get(0).getOutput().getToolCalls())
                .containsExactly(
                        new AssistantMessage.ToolCall(
                                "call_weather", "function", "get_weather", "{\"city\":\"تهران\"}"),
                        new AssistantMessage.ToolCall(
                                "call_time", "function", "get_time", "{\"zone\":\"Asia/Tehran\"}"));
    }

    // WireMock does not tell which connection a request came on; the JDK's server tells the client's port.
    @Test
    void consecutiveStreamsReusePooledConnections() throws IOException {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        byte[] stream = (HubStub.contentChunk("ok") + HubStub.finishChunk() + HubStub.DONE).getBytes(UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(HubStub.PATH, exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                clientPorts.add(exchange.getRemoteAddress().getPort());
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write(stream);
            }
        });
        server.start();
        try {
            AifoChatModel model = AifoChatModel.builder()
                    .connection(AifoConnection.builder()
                            .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                            .apiKey(HubStub.API_KEY)
                            .build())
                    .build();
            for (int i = 0; i < 10; i++) {
                assertThat(textsOf(model.stream(new Prompt("hi")).collectList().block(TIMEOUT)))
                        .containsExactly("ok");
            }
        } finally {
            server.stop(0);
        }

        // A stream completes at [DONE], a moment before the body's last chunk hands its connection back to
        // the pool, so the next stream may open a second one; from then on the two are reused in turn (a
        // third now and then, on a machine so busy that a connection's last chunk waits for a core). A
        // stream that closed its connection would make it ten.
        assertThat(clientPorts).hasSize(10);
        assertThat(new java.util.HashSet<>(clientPorts)).hasSizeLessThanOrEqualTo(5);
    }

    private static List<String> textsOf(List<ChatResponse> responses) {
        return responses.stream()
                .filter(response -> response.getResult() != null)
                .map(response -> response.getResult().getOutput().getText())
                .filter(Objects::nonNull)
                .filter(text -> !text.isEmpty())
                .toList();
    }
}
