package ir.aifo.benchmarks;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.setup.OpenAiSetup;

/**
 * Spring AI 2.0.1's {@code OpenAiChatModel} pointed at the hub, as its starter would build it: the
 * OpenAI SDK over OkHttp, base URL ending in {@code /v1} (the SDK appends {@code chat/completions}).
 *
 * <p>The SDK clients are made here exactly as the model's builder makes them, only so that they can be
 * closed: their threads are not daemons, and a benchmark JVM would otherwise wait for them to time out.
 */
final class OpenAiCaller implements HubCaller {

    private final OpenAIClient client;

    private final OpenAIClientAsync asyncClient;

    private final OpenAiChatModel model;

    OpenAiCaller(String baseUrl) {
        OpenAiChatOptions options = OpenAiChatOptions.builder()
                .baseUrl(baseUrl + "/v1")
                .apiKey("bench-key")
                .model(StubReplies.MODEL)
                .build();
        this.client = OpenAiSetup.setupSyncClient(
                options.getBaseUrl(),
                options.getApiKey(),
                options.getCredential(),
                options.getMicrosoftDeploymentName(),
                options.getMicrosoftFoundryServiceVersion(),
                options.getOrganizationId(),
                options.isMicrosoftFoundry(),
                options.isGitHubModels(),
                options.getModel(),
                options.getTimeout(),
                options.getMaxRetries(),
                options.getProxy(),
                options.getCustomHeaders(),
                ObservationRegistry.NOOP,
                null,
                List.of());
        this.asyncClient = OpenAiSetup.setupAsyncClient(
                options.getBaseUrl(),
                options.getApiKey(),
                options.getCredential(),
                options.getMicrosoftDeploymentName(),
                options.getMicrosoftFoundryServiceVersion(),
                options.getOrganizationId(),
                options.isMicrosoftFoundry(),
                options.isGitHubModels(),
                options.getModel(),
                options.getTimeout(),
                options.getMaxRetries(),
                options.getProxy(),
                options.getCustomHeaders(),
                ObservationRegistry.NOOP,
                null,
                List.of());
        this.model = OpenAiChatModel.builder()
                .options(options)
                .openAiClient(client)
                .openAiClientAsync(asyncClient)
                .build();
    }

    @Override
    public String call() {
        return model.call(new Prompt(QUESTION)).getResult().getOutput().getText();
    }

    @Override
    public StreamedText stream() {
        return StreamReading.read(model.stream(new Prompt(QUESTION)));
    }

    @Override
    public void close() {
        client.close();
        asyncClient.close();
    }
}
