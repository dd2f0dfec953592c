package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import ir.aifo.routing.AifoRouter;
import ir.aifo.test.AifoHubSimulator;
import ir.aifo.test.AifoSimulatorExtension;
import ir.aifo.test.AifoSimulatorProperties;
import ir.aifo.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A failed reply in a real headless Chromium: MyAIHub's monthly quota is spent and AiFO refuses its key,
 * so no hub on the route can answer; the page says why for each, with MyAIHub's own Persian words and
 * its quota figures, and the panel shows the cool-downs. Leaves {@code target/chat-page-error.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "aifo.simulator.enabled=false")
class ChatPageErrorBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "chat-page-error.png");

    @RegisterExtension
    static final AifoSimulatorExtension hub = new AifoSimulatorExtension();

    // The failed reply's warning and the route's about the refused key, kept out of the build's output.
    @RegisterExtension
    final LogCapture replyLog = LogCapture.of(ChatController.class, AifoRouter.class);

    private static HeadlessChromium chromium;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void pointAtMyAiHub(DynamicPropertyRegistry registry) {
        AifoSimulatorProperties.registerHubs(registry, hub.simulator(), "myaihub", "aifo");
    }

    // Per test rather than per class, so that a machine without Chromium reports the test as skipped,
    // with the reason, instead of as an aborted class with no tests.
    @BeforeEach
    void startChromium() {
        if (chromium == null) {
            chromium = HeadlessChromium.start();
        }
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    @Test
    void whenNoHubCanAnswerThePageSaysWhyForEachWithTheHubsWordsAndTheFigures(AifoHubSimulator simulator) {
        simulator.hub("myaihub").myAiHubUsage(AifoHubSimulator.DEFAULT_KEY, "openai", 80);
        simulator.hub("aifo").rejectKey(AifoHubSimulator.DEFAULT_KEY);
        WebDriver driver = chromium.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get("http://127.0.0.1:" + port + "/");
        try {
            ChatPageBrowserTest.ask(driver, wait, "سلام", 1);

            WebElement error = driver.findElement(By.cssSelector(".turn.assistant .message.error"));
            assertThat(error.getText())
                    .startsWith("No hub on the route smart could answer: myaihub quota spent, aifo key refused.")
                    .contains("Check AIFO_API_KEY.")
                    .doesNotContain("Exception", AifoHubSimulator.DEFAULT_KEY);
            WebElement hubWords = error.findElement(By.cssSelector(".hub-message"));
            assertThat(hubWords.getText()).isEqualTo("سقف ماهانه GPT/OpenAI شما تمام شده است.");
            assertThat(chromium.isRightToLeft(hubWords)).isTrue();
            assertThat(driver.findElement(By.cssSelector(".turn.assistant .meta"))
                            .getText())
                    .contains("plan vip", "openai 0/80 left");
            // Real hubs, as far as the page knows: no offline banner.
            assertThat(driver.findElement(By.id("banner")).isDisplayed()).isFalse();
            assertThat(driver.findElements(By.cssSelector(".message.assistant")))
                    .isEmpty();
            // The panel, refreshed after the failure: aifo is skipped for its key, myaihub's GPT target for its quota.
            assertThat(driver.findElement(By.cssSelector("#hub-list [data-hub='aifo'] .hub-cool-down"))
                            .getText())
                    .startsWith("skipped until ")
                    .endsWith(" UTC: key refused");
            assertThat(driver.findElement(By.cssSelector("#route-list .route-state"))
                            .getText())
                    .contains("myaihub:openai/gpt-5-mini skipped until ", "quota spent");
        } finally {
            chromium.screenshot(SCREENSHOT);
        }
    }
}
