package ir.aifo.starter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import ir.aifo.autoconfigure.AifoQuotaLowEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A web application on MyAIHub with Actuator: the quota the hub reports shows at /actuator/aifo and
 * as gauges, a low bucket raises one event, and the key shows nowhere.
 */
class StarterActuatorTest {

    private static final String KEY = "MYAIHUB-MASTER-KEY-7788";

    private static final WireMockServer hub =
            new WireMockServer(wireMockConfig().dynamicPort());

    private static final List<AifoQuotaLowEvent> events = new CopyOnWriteArrayList<>();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WebApplication {

        @Bean
        ApplicationListener<AifoQuotaLowEvent> quotaLowListener() {
            return events::add;
        }
    }

    @BeforeAll
    static void startHub() {
        hub.start();
        // The document's success reply, with the GPT bucket nearly spent (5 of 80 left: below 10%).
        hub.stubFor(post(urlEqualTo("/api/chat_v3.php"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error": false, "reply": "سلام! چطور می‌توانم کمک کنم؟", "model": "openai/gpt-5.2",
                                 "source": "openai", "plan": "vip",
                                 "usage": {"plan": "vip", "period": "2025-12", "used": 85, "limit": 830, "remaining": 745},
                                 "usage_breakdown": {"openrouter": {"used": 10, "limit": 750, "remaining": 740},
                                                     "openai": {"used": 75, "limit": 80, "remaining": 5}}}
                                """)));
    }

    @AfterAll
    static void stopHub() {
        hub.stop();
    }

    @Test
    void quotaShowsAtTheEndpointAndAsGaugesAndALowBucketRaisesOneEvent() throws Exception {
        SpringApplication application = new SpringApplication(WebApplication.class);
        try (ConfigurableApplicationContext context = application.run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.ai.aifo.protocol=myaihub",
                "--spring.ai.aifo.base-url=" + hub.baseUrl(),
                "--spring.ai.aifo.api-key=" + KEY,
                "--spring.ai.aifo.chat.model=openai/gpt-5.2",
                "--management.endpoints.web.exposure.include=aifo,metrics,env,configprops")) {
            ChatClient chat = context.getBean(ChatClient.Builder.class).build();

            assertThat(chat.prompt().user("سلام").call().content()).isEqualTo("سلام! چطور می‌توانم کمک کنم؟");
            chat.prompt().user("دوباره سلام").call().content();

            String port = context.getEnvironment().getProperty("local.server.port");
            JsonNode body = get(port, "/actuator/aifo");
            // One hub, without named hubs: the endpoint calls it "default".
            JsonNode aifo = body.get("hubs").get("default");
            assertThat(body.get("routes").isEmpty()).isTrue();
            assertThat(aifo.get("coolDownUntil").isNull()).isTrue();
            assertThat(aifo.get("protocol").asString()).isEqualTo("myaihub");
            assertThat(aifo.get("baseUrl").asString()).isEqualTo(hub.baseUrl());
            assertThat(aifo.get("model").asString()).isEqualTo("openai/gpt-5.2");
            assertThat(aifo.get("plan").asString()).isEqualTo("vip");
            assertThat(aifo.get("period").asString()).isEqualTo("2025-12");
            assertThat(aifo.get("quota").get("openai").get("remaining").asLong())
                    .isEqualTo(5);
            assertThat(aifo.get("quota").get("openrouter").get("limit").asLong())
                    .isEqualTo(750);
            assertThat(aifo.get("quota").get("openai").has("resetsAt"))
                    .as("a month's bucket has no window's end")
                    .isFalse();

            JsonNode remaining = get(port, "/actuator/metrics/aifo.quota.remaining?tag=provider:openai");
            assertThat(remaining.get("measurements").get(0).get("value").asDouble())
                    .isEqualTo(5.0);
            JsonNode limit = get(port, "/actuator/metrics/aifo.quota.limit?tag=provider:openrouter");
            assertThat(limit.get("measurements").get(0).get("value").asDouble()).isEqualTo(750.0);

            assertThat(events).hasSize(1);
            assertThat(events.get(0).getProvider()).isEqualTo("openai");
            assertThat(events.get(0).getBucket().remaining()).isEqualTo(5);

            for (String path : List.of(
                    "/actuator/aifo",
                    "/actuator/env",
                    "/actuator/configprops",
                    "/actuator/metrics/aifo.quota.used",
                    "/actuator/metrics/aifo.quota.limit")) {
                assertThat(raw(port, path)).as(path).doesNotContain(KEY);
            }
        }
    }

    private static JsonNode get(String port, String path) throws Exception {
        return JsonMapper.builder().build().readTree(raw(port, path));
    }

    private static String raw(String port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
