package ir.aifo.chat.error;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.quota.HubQuota;
import ir.aifo.quota.QuotaBucket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exceptions cross RMI, session replication and job repositories, so they must survive serialization whole. */
class AifoExceptionSerializationTest {

    static Stream<Named<RuntimeException>> exceptions() {
        HubError invalidKey = new HubError(401, "کلید نامعتبر است", "authentication_error", "invalid_api_key", null);
        HubError emptyPrompt =
                new HubError(400, "فیلد prompt خالی است", "invalid_request_error", "empty_field", "prompt");
        HubError notInPlan = HubError.of(403, "این مدل در پلن شما نیست");
        HubError quotaSpent = HubError.of(403, "سقف درخواست‌های ماهانه OpenAI شما پر شده است");
        HubError rateLimited =
                new HubError(429, "تعداد درخواست‌ها بیش از حد مجاز است", null, "rate_limit_exceeded", null);
        HubError overloaded = new HubError(503, "سرور موقتاً در دسترس نیست", "server_error", null, null);
        HubQuota quota = new HubQuota(
                "vip",
                YearMonth.of(2026, 3),
                1500,
                1500,
                0,
                Map.of(
                        HubQuota.OPENAI,
                        new QuotaBucket(500, 500, 0),
                        HubQuota.OPENROUTER,
                        new QuotaBucket(1000, 1000, 0)));
        Instant refusedAt = Instant.parse("2026-03-01T10:00:00Z");
        HubQuota refusal = new HubQuota(
                null,
                null,
                500,
                500,
                0,
                Map.of(HubQuota.REQUESTS, new QuotaBucket(500, 500, 0, refusedAt.plusSeconds(60))),
                refusedAt);

        return Stream.of(
                        new AifoAuthenticationException(
                                invalidKey.describe("The hub refused the API key"),
                                invalidKey,
                                new IllegalStateException("licence inactive")),
                        new AifoBadRequestException(
                                emptyPrompt.describe(
                                        "MyAIHub reports an empty required field (api_key, model or prompt)"),
                                emptyPrompt,
                                new IllegalArgumentException("prompt is empty")),
                        new AifoConnectionException(
                                "Could not connect to https://api.myaihub.ir (connection refused or unreachable)",
                                HubError.of(0, null),
                                new ConnectException("Connection refused")),
                        new AifoModelNotInPlanException(
                                notInPlan.describe("The model is not part of the key's MyAIHub plan (PRO)"),
                                notInPlan,
                                "pro"),
                        new AifoQuotaExceededException(
                                quotaSpent.describe("The key's monthly MyAIHub GPT/OpenAI quota is spent"),
                                quotaSpent,
                                HubQuota.OPENAI,
                                quota),
                        new AifoRateLimitException(
                                rateLimited.describe(
                                        "The hub's rate limit was reached; it asked to retry after 7500 ms"),
                                rateLimited,
                                Duration.ofMillis(7500),
                                refusal),
                        new AifoServerException(
                                overloaded.describe("The hub failed to answer"),
                                overloaded,
                                new HttpTimeoutException("request timed out")))
                .map(exception -> Named.of(exception.getClass().getSimpleName(), exception));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exceptions")
    void keepsMessageCauseAndEveryGetterThroughSerialization(RuntimeException original) throws Exception {
        RuntimeException copy = roundTrip(original);

        assertThat(copy).isExactlyInstanceOf(original.getClass()).hasMessage(original.getMessage());
        if (original.getCause() == null) {
            assertThat(copy.getCause()).isNull();
        } else {
            assertThat(copy.getCause())
                    .isExactlyInstanceOf(original.getCause().getClass())
                    .hasMessage(original.getCause().getMessage());
        }
        List<Method> getters = gettersOf(original);
        assertThat(getters).extracting(Method::getName).contains("getHubError", "getStatusCode");
        for (Method getter : getters) {
            assertThat(getter.invoke(copy)).as(getter.getName()).isEqualTo(getter.invoke(original));
        }
    }

    private static RuntimeException roundTrip(RuntimeException exception) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(exception);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RuntimeException) in.readObject();
        }
    }

    // Found by reflection so that a getter added later is checked without anyone remembering to list it.
    private static List<Method> gettersOf(RuntimeException exception) {
        return Arrays.stream(exception.getClass().getMethods())
                .filter(method ->
                        method.getDeclaringClass().getPackageName().equals(AifoException.class.getPackageName()))
                .filter(method -> method.getName().startsWith("get") && method.getParameterCount() == 0)
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }
}
