package vn.dossierpost.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver named explicitly (Selenium
 * Manager would try to download a driver). Screenshots go to {@code target/}. A test class holds
 * one as a {@code @RegisterExtension} field: a browser per test, quit after it.
 */
public final class Browser implements AutoCloseable, AfterEachCallback {

  private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
  private static final String DRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

  private final ChromeDriver driver;

  public Browser() {
    assertThat(new File(CHROMIUM)).as("Debian's chromium is needed (apt-get install chromium)").exists();
    assertThat(new File(DRIVER)).as("Debian's chromedriver is needed (apt-get install chromium-driver)").exists();
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,900", "--lang=vi-VN");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** The viewport of a 360 px wide phone. */
  public void phone() {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 360, "height", 780,
        "deviceScaleFactor", 2, "mobile", true));
  }

  public void desktop() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /** Cuts the page's network (fetch fails, the browser reports offline), or gives it back. */
  public void offline(boolean off) {
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", off, "latency", 0,
        "downloadThroughput", -1, "uploadThroughput", -1));
  }

  public WebElement el(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Types into each field: selector, text, selector, text… */
  public void type(String... selectorsAndTexts) {
    for (int i = 0; i < selectorsAndTexts.length; i += 2) {
      el(selectorsAndTexts[i]).sendKeys(selectorsAndTexts[i + 1]);
    }
  }

  /** Retries {@code assertion} for up to 20 s: the pages load and update asynchronously. */
  public void waitFor(Runnable assertion) {
    Eventually.within(Duration.ofSeconds(20), () -> {
      try {
        assertion.run();
      } catch (org.openqa.selenium.WebDriverException notYet) {
        throw new AssertionError(notYet.getMessage(), notYet);
      }
    });
  }

  /** Opens one of the service's pages ({@code desk.html}, {@code courier.html}) and signs in. */
  public void signIn(String baseUrl, String page, String key) {
    driver.get(baseUrl + "/app/" + page);
    if (!formWithin(Duration.ofSeconds(10))) {
      // Seen once in CI, on a loaded machine: the page was there but its form was not. Say what the
      // browser saw, then load the page once more; a second miss fails the test.
      System.err.println("sign-in form missing on " + page + ": " + diagnostics());
      driver.get(baseUrl + "/app/" + page);
      assertThat(formWithin(Duration.ofSeconds(10))).as("sign-in form on " + page + ": " + diagnostics()).isTrue();
    }
    el("#key").sendKeys(key);
    el("#signin button[type=submit]").click();
  }

  private boolean formWithin(Duration limit) {
    try {
      Eventually.within(limit, () -> assertThat(driver.findElements(By.cssSelector("#signin #key"))).isNotEmpty());
      return true;
    } catch (AssertionError missing) {
      return false;
    }
  }

  /** The document's state, the start of its body and the console's messages. */
  private String diagnostics() {
    String state = String.valueOf(driver.executeScript(
        "return document.readyState + ' ' + location.href + ' ' + document.body.innerHTML.slice(0, 400)"));
    StringBuilder console = new StringBuilder();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      console.append(" | ").append(entry.getLevel()).append(' ').append(entry.getMessage());
    }
    return state + console;
  }

  public void screenshot(String name) {
    try {
      Path target = Path.of("target", "screenshots", name);
      Files.createDirectories(target.getParent());
      Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
