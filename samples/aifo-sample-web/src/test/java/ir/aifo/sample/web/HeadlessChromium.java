package ir.aifo.sample.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, for the page's browser tests.
 *
 * <p>Both binaries are given by path so that Selenium Manager is never asked for a driver or a
 * browser: it would try to download them, and the network here reaches only package registries.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;

    private final Path profile;

    private HeadlessChromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test class, with a message saying what to install, when the binaries are missing. */
    static void assumeInstalled() {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser test skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                        + " is missing (Debian: apt-get install chromium chromium-driver)");
    }

    static HeadlessChromium start() {
        assumeInstalled();
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("aifo-sample-chromium");
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root in a container with a closed network: no sandbox, no GPU, and none of Chromium's
        // background calls home, which this network refuses many at a time.
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1200,900",
                "--lang=en-US",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    WebDriver driver() {
        return driver;
    }

    /** Whether the element's text runs right to left, as the browser resolved its {@code dir}. */
    boolean isRightToLeft(WebElement element) {
        return Boolean.TRUE.equals(
                ((RemoteWebDriver) driver).executeScript("return arguments[0].matches(':dir(rtl)')", element));
    }

    /** Saves what the window shows, for a person to look at after the build. */
    void screenshot(Path target) {
        try {
            Path shot =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException failure) {
            // A temporary profile left behind is not worth failing a test over.
        }
    }
}
