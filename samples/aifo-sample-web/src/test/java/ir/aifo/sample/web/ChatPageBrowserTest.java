package ir.aifo.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The chat page in a real headless Chromium, offline as a newcomer runs it: a Persian question typed
 * and sent, the streamed answer and the line naming the hub that answered, right to left, then
 * follow-ups until the simulated MyAIHub's GPT bucket is spent and AiFO answers; the hubs' panel lists
 * both and shows why MyAIHub is skipped. Skipped without Debian's {@code chromium} and
 * {@code chromium-driver}; leaves {@code target/chat-page.png}.
 */
@OfflineSampleTest
class ChatPageBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "chat-page.png");

    private static HeadlessChromium chromium;

    @LocalServerPort
    int port;

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
    void eachReplySaysWhichHubAnsweredAndThePanelShowsTheFallback() {
        WebDriver driver = chromium.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get("http://127.0.0.1:" + port + "/");
        try {
            WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("banner")));
            assertThat(banner.getText())
                    .isEqualTo("Offline: the built-in hub simulator answers for every hub (no API key set:"
                            + " MYAIHUB_API_KEY, AIFO_API_KEY)");
            assertThat(hubStates(driver)).hasSize(2);

            ask(driver, wait, "سلام، حالت چطوره؟", 1);

            WebElement answer = assistantMessages(driver).get(0);
            assertThat(answer.getDomProperty("textContent")).isEqualTo("پاسخ شبیه‌ساز MyAIHub به «سلام، حالت چطوره؟»");
            assertThat(answer.getDomAttribute("dir")).isEqualTo("auto");
            assertThat(chromium.isRightToLeft(answer))
                    .as("the Persian answer reads right to left")
                    .isTrue();
            WebElement question = driver.findElement(By.cssSelector(".message.user"));
            assertThat(question.getDomAttribute("dir")).isEqualTo("auto");
            assertThat(chromium.isRightToLeft(question))
                    .as("the Persian question reads right to left")
                    .isTrue();
            assertThat(metaLines(driver).get(0))
                    .startsWith("answered by myaihub (simulated) · openai/gpt-5-mini · quota: plan vip, ")
                    .contains("openai 1/80 left");

            // Follow-ups in the same conversation, once each reply has released the send button.
            ask(driver, wait, "و امروز؟", 2);
            ask(driver, wait, "و فردا؟", 3);

            assertThat(assistantMessages(driver).get(2).getDomProperty("textContent"))
                    .isEqualTo("پاسخ شبیه‌ساز به «و فردا؟»");
            assertThat(metaLines(driver).get(2))
                    .startsWith("answered by aifo (simulated), after myaihub: quota spent, not sent · openai/gpt-5-mini"
                            + " · rate limit: ")
                    .contains("/500 requests");
            assertThat(driver.findElements(By.cssSelector(".message.error"))).isEmpty();

            // The panel, refreshed after the reply: both hubs, MyAIHub's spent bucket and why routes skip it.
            List<WebElement> hubs = hubStates(driver);
            assertThat(hubs).extracting(hub -> hub.getDomAttribute("data-hub")).containsExactly("myaihub", "aifo");
            assertThat(hubs.get(0).getText())
                    .contains("myaihub · myaihub · http://127.0.0.1:", "simulated (MYAIHUB_API_KEY is not set)")
                    .contains("openai 0/80 left");
            assertThat(hubs.get(1).getText()).contains("aifo · openai · ", "requests");
            assertThat(driver.findElement(By.cssSelector("#route-list .route-state"))
                            .getText())
                    .startsWith("smart (default): myaihub:openai/gpt-5-mini → aifo:openai/gpt-5-mini")
                    .contains("myaihub:openai/gpt-5-mini skipped until ", " UTC: quota spent");
        } finally {
            chromium.screenshot(SCREENSHOT);
        }
    }

    static void ask(WebDriver driver, WebDriverWait wait, String text, int closedTurns) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
        driver.findElement(By.id("question")).sendKeys(text);
        driver.findElement(By.id("send")).click();
        // The page marks a reply done after its meta line or error: every delta has arrived by then.
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".turn.assistant.done"), closedTurns));
    }

    private static List<WebElement> assistantMessages(WebDriver driver) {
        return driver.findElements(By.cssSelector(".message.assistant"));
    }

    private static List<String> metaLines(WebDriver driver) {
        return driver.findElements(By.cssSelector(".turn.assistant .meta")).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static List<WebElement> hubStates(WebDriver driver) {
        return driver.findElements(By.cssSelector("#hub-list .hub-state"));
    }
}
