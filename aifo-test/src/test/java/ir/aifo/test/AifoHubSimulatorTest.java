package ir.aifo.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ir.aifo.chat.AifoChatModel;
import ir.aifo.chat.AifoChatOptions;
import ir.aifo.chat.AifoConnection;
import ir.aifo.chat.AifoMetadata;
import ir.aifo.chat.AifoProtocol;
import ir.aifo.chat.error.AifoAuthenticationException;
import ir.aifo.chat.error.AifoConnectionException;
import ir.aifo.chat.error.AifoModelNotInPlanException;
import ir.aifo.chat.error.AifoQuotaExceededException;
import ir.aifo.chat.error.AifoServerException;
import ir.aifo.quota.HubQuota;
import ir.aifo.testing.LogCapture;
import ir.aifo.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.AdvisorParams;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/** The library end to end against the simulator: both dialects, tools, structured output, faults, quotas. */
class AifoHubSimulatorTest {

    @RegisterExtension
    static AifoSimulatorExtension hub = new AifoSimulatorExtension();

    // The retries' warnings, kept out of the build's output.
    @RegisterExtension
    final LogCapture retries = LogCapture.of("ir.aifo.chat.HubRetry");

    record Weather(String city, int celsius) {}

    static class WeatherTools {

        @Tool(description = "Current temperature of a city in degrees Celsius")
        int temperature(String city) {
            return 31;
        }
    }

    private static AifoConnection.Builder connection(AifoHubSimulator simulator) {
        return AifoConnection.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey(simulator.defaultKey())
                .readTimeout(Duration.ofSeconds(5));
    }

    private static AifoChatModel.Builder model(AifoHubSimulator simulator) {
        return model(connection(simulator));
    }

    private static AifoChatModel.Builder model(AifoConnection.Builder connection) {
        return AifoChatModel.builder()
                .connection(connection.build())
                .retryTemplate(new RetryTemplate(RetryPolicy.builder()
                        .maxRetries(2)
                        .includes(TransientAiException.class)
                        .delay(Duration.ofMillis(5))
                        .build()));
    }

    @Test
    void toolLoopRunsBlockingAndStreaming(AifoHubSimulator simulator) {
        ChatClient chat = ChatClient.create(model(simulator).build());

        String blocking =
                chat.prompt().user("تهران").tools(new WeatherTools()).call().content();
        String streamed = String.join(
                "",
                chat.prompt().user("تهران").tools(new WeatherTools()).stream()
                        .content()
                        .collectList()
                        .block());

        assertThat(blocking).isEqualTo("نتیجهٔ ابزار: 31");
        assertThat(streamed).isEqualTo("نتیجهٔ ابزار: 31");
        assertThat(simulator.journal()).hasSize(4);
        assertThat(simulator.journal().get(1).body())
                .contains("\"role\":\"tool\"")
                .contains("call_sim_0");
    }

    @Test
    void nativeStructuredOutputComesBackAsTheRecord(AifoHubSimulator simulator) {
        Weather weather = ChatClient.create(model(simulator).build())
                .prompt()
                .user("Tehran")
                .advisors(AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
                .call()
                .entity(Weather.class);

        assertThat(weather).isEqualTo(new Weather("Tehran", 1));
        assertThat(simulator.journal().get(0).body()).contains("\"json_schema\"");
    }

    @Test
    void streamedReasoningArrivesBeforeTheAnswer(AifoHubSimulator simulator) {
        List<ChatResponse> responses = model(simulator).build().stream(new Prompt(
                        "سلام", AifoChatOptions.builder().reasoningEffort("low").build()))
                .collectList()
                .block();

        ChatResponse last = responses.stream()
                .filter(response -> response.getResult() != null)
                .reduce((first, second) -> second)
                .orElseThrow();
        assertThat((String) last.getResult().getOutput().getMetadata().get(AifoMetadata.REASONING_CONTENT))
                .isEqualTo("پرسش را خواندم و کوتاه‌ترین پاسخ درست را می‌نویسم.");
    }

    @Test
    void rateLimitWithRetryAfterIsRetriedAfterTheWait(AifoHubSimulator simulator) {
        simulator.failNext(1, SimulatedFault.rateLimited(Duration.ofSeconds(1)));

        String answer = model(simulator).build().call("سلام");

        assertThat(answer).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
        List<RecordedRequest> journal = simulator.journal();
        assertThat(journal).hasSize(2);
        assertThat(Duration.between(journal.get(0).receivedAt(), journal.get(1).receivedAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void serverErrorsAreRetriedAndThenReported(AifoHubSimulator simulator) {
        simulator.failNext(1, SimulatedFault.serverError());
        assertThat(model(simulator).build().call("سلام")).isEqualTo("پاسخ شبیه‌ساز به «سلام»");

        simulator.reset();
        simulator.failNext(3, SimulatedFault.htmlErrorPage());
        Throwable failure = catchThrowable(() -> model(simulator).build().call("سلام"));
        assertThat(failure).isInstanceOf(AifoServerException.class).hasMessageContaining("502 Bad Gateway");
        assertThat(simulator.journal()).hasSize(3);
    }

    @Test
    void garbageAndCutStreamsAreErrorsNotEmptyReplies(AifoHubSimulator simulator) {
        simulator.failNext(3, SimulatedFault.garbage());
        assertThat(catchThrowable(() -> model(simulator).build().call("سلام"))).isInstanceOf(AifoServerException.class);

        simulator.reset();
        simulator.failNext(1, SimulatedFault.streamCutBeforeDone());
        Throwable cut = catchThrowable(() -> model(simulator).build().stream(new Prompt("سلام"))
                .collectList()
                .block());
        assertThat(cut).isInstanceOf(AifoServerException.class).hasMessageContaining("[DONE]");
        assertThat(simulator.journal()).hasSize(1);
    }

    @Test
    void slowFirstByteRunsIntoTheReadTimeout(AifoHubSimulator simulator) {
        simulator.failNext(3, SimulatedFault.slowFirstByte(Duration.ofMillis(700)));

        Throwable failure = catchThrowable(() -> model(connection(simulator).readTimeout(Duration.ofMillis(200)))
                .build()
                .call("سلام"));

        assertThat(failure).isInstanceOf(AifoConnectionException.class).hasMessageContaining("read timeout");
    }

    @Test
    void rejectedKeyGetsTokenHubsErrorBody(AifoHubSimulator simulator) {
        simulator.rejectKey(simulator.defaultKey());

        Throwable failure = catchThrowable(() -> model(simulator).build().call("سلام"));

        assertThat(failure).isInstanceOf(AifoAuthenticationException.class).hasMessageContaining("invalid_api_key");
        assertThat(failure.getMessage()).doesNotContain(simulator.defaultKey());
    }

    @Test
    void myAiHubPlansDecideWhichModelsAKeyMayUse(AifoHubSimulator simulator) {
        simulator.myAiHubKey("BASIC-KEY-0001", MyAiHubPlan.BASIC);
        AifoChatModel basic = model(
                        connection(simulator).apiKey("BASIC-KEY-0001").protocol(AifoProtocol.MYAIHUB))
                .build();

        Throwable gpt = catchThrowable(() -> basic.call(new Prompt(
                "سلام", AifoChatOptions.builder().model("openai/gpt-5.2").build())));
        String light = basic.call(new Prompt(
                        "سلام",
                        AifoChatOptions.builder()
                                .model("qwen/qwen-2.5-7b-instruct")
                                .build()))
                .getResult()
                .getOutput()
                .getText();

        assertThat(gpt).isInstanceOf(AifoModelNotInPlanException.class);
        assertThat(((AifoModelNotInPlanException) gpt).getPlan()).isEqualTo("basic");
        assertThat(light).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «سلام»");
        assertThat(simulator.journal())
                .allSatisfy(request -> assertThat(request.body()).doesNotContain("BASIC-KEY-0001"));
    }

    @Test
    void spentQuotaFailsFastUntilTheNextMonth() {
        MutableClock clock = new MutableClock(Instant.parse("2025-12-31T23:59:00Z"));
        try (AifoHubSimulator simulator = AifoHubSimulator.start(clock)) {
            simulator.myAiHubKey("PRO-KEY-0002", MyAiHubPlan.PRO).myAiHubUsage("PRO-KEY-0002", "openrouter", 749);
            AifoChatModel model = model(
                            connection(simulator).apiKey("PRO-KEY-0002").protocol(AifoProtocol.MYAIHUB))
                    .clock(clock)
                    .defaultOptions(AifoChatOptions.builder()
                            .model("deepseek/deepseek-chat")
                            .build())
                    .build();

            ChatResponse last = model.call(new Prompt("سلام"));
            Throwable unsent = catchThrowable(() -> model.call(new Prompt("سلام")));
            clock.set(Instant.parse("2026-01-01T00:01:00Z"));
            ChatResponse january = model.call(new Prompt("سلام"));

            HubQuota december = last.getMetadata().get(AifoMetadata.QUOTA);
            assertThat(december.bucket("openrouter").orElseThrow().remaining()).isZero();
            assertThat(unsent).isInstanceOf(AifoQuotaExceededException.class).hasMessageContaining("not sent");
            assertThat(((AifoQuotaExceededException) unsent).getProvider()).isEqualTo("openrouter");
            HubQuota quota = january.getMetadata().get(AifoMetadata.QUOTA);
            assertThat(quota.period()).hasToString("2026-01");
            assertThat(quota.bucket("openrouter").orElseThrow().used()).isEqualTo(1);
            assertThat(simulator.journal()).hasSize(2);
        }
    }

    @Test
    void quotaSpentOnTheHubIsReportedWithItsPersianMessage(AifoHubSimulator simulator) {
        simulator.myAiHubKey("PRO-KEY-0003", MyAiHubPlan.PRO).myAiHubUsage("PRO-KEY-0003", "openrouter", 750);
        AifoChatModel model = model(connection(simulator).apiKey("PRO-KEY-0003").protocol(AifoProtocol.MYAIHUB))
                .defaultOptions(AifoChatOptions.builder()
                        .model("deepseek/deepseek-chat")
                        .build())
                .build();

        Throwable spent = catchThrowable(() -> model.call(new Prompt("سلام")));

        assertThat(spent)
                .isInstanceOf(AifoQuotaExceededException.class)
                .hasMessageContaining("OpenRouter")
                .hasMessageContaining("سقف ماهانه OpenRouter شما تمام شده است.");
        assertThat(simulator.journal()).hasSize(1);
    }

    @Test
    void withoutAJournalItAnswersAndRecordsNothing() {
        try (AifoHubSimulator simulator = AifoHubSimulator.startWithoutJournal()) {
            AifoChatModel model = model(simulator).build();

            String answer = model.call("سلام");
            List<String> pieces = model.stream("سلام").collectList().block();

            assertThat(answer).isEqualTo("پاسخ شبیه‌ساز به «سلام»");
            assertThat(String.join("", pieces)).isEqualTo(answer);
            assertThat(simulator.journal()).isEmpty();
        }
    }
}
