package app.assets.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the browser tests: one packaged jar per test class, started as the README's run command
 * starts it (see {@link PackagedApp}), a fresh headless Chromium per test, and the few moves every
 * such test makes (sign in and out, open a page, click, type). The last page of each test is saved
 * under target/ for whoever reads a failure.
 */
public abstract class BrowserTest {

    protected static final String DEMO_PASSWORD = "demo-assets-2026";

    private static PackagedApp app;
    protected static String baseUrl;

    protected WebDriver browser;
    protected WebDriverWait wait;

    @BeforeAll
    static void startPackagedApp() throws Exception {
        app = PackagedApp.start();
        baseUrl = app.baseUrl();
    }

    @AfterAll
    static void stopPackagedApp() throws Exception {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        browser = PackagedApp.browser();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser == null) {
            return;
        }
        try {
            if (browser instanceof TakesScreenshot camera) {
                String name = getClass().getSimpleName();
                Files.write(Path.of("target", name + "-last-page.png"), camera.getScreenshotAs(OutputType.BYTES));
                Files.writeString(Path.of("target", name + "-last-page.html"), browser.getPageSource());
            }
        } finally {
            browser.quit();
        }
    }

    /** Signs in through the login form and waits for the main layout. */
    protected void signIn(String email) {
        browser.get(baseUrl + "/login");
        WebElement username = wait.until(d -> d.findElement(By.cssSelector("input[name=username]")));
        username.sendKeys(email);
        browser.findElement(By.cssSelector("input[name=password]")).sendKeys(DEMO_PASSWORD);
        browser.findElement(
                        By.cssSelector("vaadin-login-form vaadin-button[slot=submit], vaadin-login-form vaadin-button"))
                .click();
        wait.until(d -> !d.findElements(By.id("main-nav")).isEmpty());
    }

    protected void signOut() {
        click("sign-out");
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    /** Opens a signed-in page and waits for the main layout. */
    protected void open(String path) {
        browser.get(baseUrl + path);
        wait.until(d -> !d.findElements(By.id("main-nav")).isEmpty());
    }

    /**
     * Clicks as a user would, after bringing the element to the middle of the window (a long page
     * can leave it under the bottom edge or a fixed bar); if something still lies over it, the
     * click goes to the element itself, which is enabled and shown.
     */
    protected void click(String id) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        try {
            element.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
            ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
        }
    }

    protected void type(String id, String text) {
        WebElement input = wait.until(d -> d.findElement(By.cssSelector("#" + id + " input")));
        input.clear();
        input.sendKeys(text, Keys.TAB);
    }

    /** Waits until ECharts has drawn the chart with this id (an SVG inside its shadow root). */
    protected void waitForChart(String id) {
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript(
                        "const c = document.getElementById(arguments[0]);"
                                + "return !!(c && c.shadowRoot && c.shadowRoot.querySelector('svg path'));",
                        id)));
    }
}
