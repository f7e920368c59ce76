package dev.wedge.admin;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AdminConfig;
import dev.wedge.config.DeployConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless chromium through chromedriver, both installed by
 * scripts/install-browser.sh): log in, deploy hello-page from its form, see it answer through "try it", deploy a
 * second version and roll back, see a log line appear; deploy word-predict (a template without parameters), see it
 * answer through "try it" and suggest words on its own page as one types; every page is screenshotted under
 * target/console-screenshots/, and each form is checked for labels and keyboard reach.
 */
@ExtendWith(VertxExtension.class)
class ConsoleBrowserTest {

    private static final String TOKEN = "console-test-token";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** Bounds a hang, not how fast the page is: a busy machine may be slow, and no step is about speed. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Node node;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void start(Vertx vertx) throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed: run scripts/install-browser.sh");
        var config = TestNodes.node("chicory", List.of(
                        TestNodes.spec("fixed", TestNodes.app("hello"), Limits.DEFAULT, "/fixed")))
                .withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN))
                .withDeploy(DeployConfig.defaults(Files.createTempDirectory("wedge-console"))
                        .withAckTimeout(Duration.ofSeconds(30)));
        node = await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics()));
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("wedge-chromium");
        var options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,2400",
                "--user-data-dir=" + profile);
        var logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // The driver named here: Selenium then looks for none (Selenium Manager would try the network).
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (node != null) {
            await(node.close());
        }
    }

    @Test
    void aNonProgrammerDeploysATemplateTriesItAndRollsBack() throws IOException {
        String console = "http://127.0.0.1:" + node.adminPort() + "/console/";
        browser.get(console);
        awaitHeading("Log in");
        assertLabelled();
        screenshot("1-login");
        type(By.name("token"), "wrong-token");
        browser.findElement(By.name("token")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(errorOf("token")), "not accepted"));
        type(By.name("token"), TOKEN);
        browser.findElement(By.name("token")).sendKeys(Keys.ENTER);

        awaitHeading("Templates");
        assertFalse(browser.getCurrentUrl().contains(TOKEN), "the token is never in a URL");
        assertEquals(TOKEN, ((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('wedge-admin-token')"));
        screenshot("2-gallery");
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Hello page"))).click(); // listed once fetched

        awaitHeading("Hello page");
        assertLabelled();
        assertTabReaches("deploy");
        type(By.name("app"), "-bad");
        browser.findElement(By.id("deploy")).click();
        wait.until(ExpectedConditions.attributeToBe(By.name("app"), "aria-invalid", "true"));
        screenshot("3-template-form-invalid");
        deploy("console-hello", "Hello from the console");

        awaitHeading("App console-hello");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("app-status"), "serving"));
        assertLabelled();
        String answer = tryIt("Hello from the console");
        assertTrue(answer.startsWith("200\n"), answer);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("log-tail"),
                "hello-page answered a request"));
        screenshot("4-app");

        browser.get(console + "#/templates/hello-page");
        awaitHeading("Hello page");
        deploy("console-hello", "A second greeting");
        awaitHeading("App console-hello");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("app-status"), "version 2 of 2"));
        tryIt("A second greeting");
        browser.findElement(By.xpath("//button[text()='Roll back to version 1']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("app-status"), "version 1 of 2"));
        tryIt("Hello from the console");
        wait.until(driver -> driver.findElement(By.cssSelector(".chart svg")).getAttribute("aria-label")
                .contains("latest"));
        screenshot("5-app-rolled-back");

        browser.get(console + "#/apps");
        awaitHeading("Apps");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText("console-hello")));
        screenshot("6-apps");
        browser.get(console + "#/upload");
        awaitHeading("Upload a module");
        assertLabelled();
        screenshot("7-upload");
        assertHeadingsInOrder();
        List<String> refused = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains("Content Security Policy") || entry.getMessage().contains("Uncaught")) {
                refused.add(entry.getMessage());
            }
        }
        assertEquals(List.of(), refused, "the pages run under their CSP without a violation or a script error");
    }

    @Test
    void wordPredictDeploysFromItsFormAndSuggestsAsYouType() throws IOException {
        browser.get("http://127.0.0.1:" + node.adminPort() + "/console/");
        awaitHeading("Log in");
        type(By.name("token"), TOKEN);
        browser.findElement(By.name("token")).sendKeys(Keys.ENTER);
        awaitHeading("Templates");
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Word prediction (AI)"))).click();

        awaitHeading("Word prediction (AI)");
        assertLabelled();
        type(By.name("app"), "console-words");
        type(By.name("route"), "/words");
        browser.findElement(By.id("deploy")).click();
        awaitHeading("App console-words");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("app-status"), "serving"));
        type(By.name("try-path"), "/words?q=the+united");
        String answer = tryIt("\"states\"");
        assertTrue(answer.startsWith("200\n") && answer.contains("\"nations\""), answer);
        screenshot("8-word-predict-app");

        // The app's own demo page, on the node's port: typing shows suggestions, Enter takes the first.
        browser.get("http://127.0.0.1:" + node.port() + "/words");
        awaitHeading("Word prediction");
        assertLabelled();
        WebElement text = browser.findElement(By.id("text"));
        text.sendKeys("The United ");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("suggestions"), "states"));
        text.sendKeys("na");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("suggestions"), "nations"));
        screenshot("9-word-predict-demo");
        text.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(text, "value", "The United nations "));
    }

    /** A cdn template from its form, in front of an origin on this machine (the "private network" box). */
    @Test
    void md2htmlDeploysFromItsFormInFrontOfAnOrigin(Vertx vertx) throws IOException {
        HttpServer origin = await(vertx.createHttpServer().requestHandler(request -> request.response()
                .putHeader("content-type", "text/markdown").end("# Release notes\n\nNow *faster*.\n"))
                .listen(0, "127.0.0.1"));
        browser.get("http://127.0.0.1:" + node.adminPort() + "/console/");
        awaitHeading("Log in");
        type(By.name("token"), TOKEN);
        browser.findElement(By.name("token")).sendKeys(Keys.ENTER);
        awaitHeading("Templates");
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Markdown to HTML"))).click();

        awaitHeading("Markdown to HTML");
        assertLabelled();
        type(By.name("app"), "console-md");
        type(By.name("route"), "/docs");
        type(By.name("origin"), "http://127.0.0.1:" + origin.actualPort());
        browser.findElement(By.name("private-origin")).click();
        browser.findElement(By.id("deploy")).click();
        awaitHeading("App console-md");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("app-status"), "serving"));
        type(By.name("try-path"), "/docs/notes.md");
        String answer = tryIt("<h1>Release notes</h1>");
        assertTrue(answer.startsWith("200\n") && answer.contains("<em>faster</em>"), answer);
        screenshot("10-md2html-app");
        await(origin.close());
    }

    private void deploy(String app, String greeting) {
        type(By.name("app"), app);
        type(By.name("param-GREETING"), greeting);
        browser.findElement(By.id("deploy")).click();
    }

    /** Sends GET to the route through the "try it" panel; answers the response shown once it holds expected. */
    private String tryIt(String expected) {
        WebElement shown = browser.findElement(By.id("try-response"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].textContent = ''", shown);
        browser.findElement(By.id("try-send")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(shown, expected));
        return shown.getText();
    }

    private void type(By field, String text) {
        WebElement input = browser.findElement(field);
        input.clear();
        input.sendKeys(text);
    }

    private String errorOf(String name) {
        return browser.findElement(By.name(name)).getAttribute("id") + "-error";
    }

    private void awaitHeading(String text) {
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    /** Every input, select and textarea has a label naming it (a label for its id, or aria-label). */
    private void assertLabelled() {
        List<WebElement> controls = browser.findElements(By.cssSelector("input, select, textarea"));
        assertFalse(controls.isEmpty(), "the page has controls");
        for (WebElement control : controls) {
            String id = control.getAttribute("id");
            boolean labelled = control.getAttribute("aria-label") != null
                    || id != null && !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty()
                            && !browser.findElement(By.cssSelector("label[for='" + id + "']")).getText().isBlank();
            assertTrue(labelled, "a control without a label: " + control.getAttribute("outerHTML"));
        }
    }

    /** Pressing Tab from the page's heading reaches the element with this id (the keyboard can deploy). */
    private void assertTabReaches(String id) {
        browser.findElement(By.tagName("h1")).click();
        for (int presses = 0; presses < 40; presses++) {
            WebElement focused = browser.switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) {
                return;
            }
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("40 presses of Tab never reached #" + id);
    }

    /** Headings go down one level at a time: an h3 only under an h2, and one h1. */
    private void assertHeadingsInOrder() {
        for (List<String> page : List.of(List.of("#/templates", "Templates"), List.of("#/templates/hello-page",
                "Hello page"), List.of("#/apps/console-hello", "App console-hello"))) {
            browser.get("http://127.0.0.1:" + node.adminPort() + "/console/" + page.get(0));
            awaitHeading(page.get(1));
            int previous = 1;
            List<WebElement> headings = browser.findElements(By.cssSelector("main h1, main h2, main h3, main h4"));
            assertEquals(1, browser.findElements(By.cssSelector("main h1")).size(), page.get(0));
            for (WebElement heading : headings) {
                int level = heading.getTagName().charAt(1) - '0';
                assertTrue(level <= previous + 1, page.get(0) + ": " + heading.getTagName() + " " + heading.getText()
                        + " after an h" + previous);
                previous = level;
            }
        }
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
