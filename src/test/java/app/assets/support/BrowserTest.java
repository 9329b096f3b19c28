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

    /** Opens a select and picks its first item, whatever language its labels are in. */
    protected void chooseFirst(String id) {
        click(id);
        WebElement item = wait.until(d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
        item.click();
        wait.until(d -> !d.findElement(By.id(id)).getText().isBlank()
                || d.findElement(By.id(id)).getDomProperty("value") != null
                        && !d.findElement(By.id(id)).getDomProperty("value").isEmpty());
    }

    /** The posted balance on the signed-in user's wallet page. */
    protected long postedBalance() {
        open("/wallet");
        return digits(wait.until(d -> d.findElement(By.id("balance-posted"))).getText());
    }

    /** Signs in, reads the posted balance and signs out. */
    protected long balanceOf(String email) {
        signIn(email);
        long balance = postedBalance();
        signOut();
        return balance;
    }

    /** The number in a text written with Latin or Persian digits and any separators. */
    protected static long digits(String text) {
        var out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c >= '0' && c <= '9') {
                out.append(c);
            } else if (c >= '۰' && c <= '۹') {
                out.append((char) ('0' + (c - '۰')));
            }
        }
        return out.isEmpty() ? -1 : Long.parseLong(out.toString());
    }

    /**
     * The demo lender lists an item at a daily price (and a deposit, unless 0), and the demo
     * moderator approves it; returns the listing's id.
     */
    protected String listApproved(String title, long daily, long deposit) {
        signIn("lender@assets.local");
        open("/listings/new");
        type("listing-title", title);
        chooseFirst("listing-category");
        type("listing-price", String.valueOf(daily));
        if (deposit > 0) {
            type("listing-deposit", String.valueOf(deposit));
        }
        click("save-listing");
        wait.until(ExpectedConditions.urlMatches(".*/listings/\\d+/edit$"));
        String listingId = browser.getCurrentUrl().replaceAll(".*/listings/(\\d+)/edit$", "$1");
        signOut();

        signIn("moderator@assets.local");
        open("/admin/moderation");
        click("approve-" + listingId);
        // The approved row leaves the queue once the server has handled the click; navigating away
        // before that could leave the click unsent.
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("approve-" + listingId)));
        // The listing's own page says whether the approval went through (the moderator reads English).
        open("/listings/" + listingId);
        wait.until(d -> d.findElement(By.cssSelector("vaadin-horizontal-layout span[theme~='badge']"))
                .getText()
                .contains("Published"));
        signOut();
        return listingId;
    }

    /**
     * On an accepted ticket's page, the borrower follows the top-up link (it carries the ticket and
     * the shortfall), checks the amount and pays on the Zarinpal simulator.
     */
    protected void topUpShortfall(long shortfall) {
        click("top-up-link");
        wait.until(d ->
                digits(d.findElement(By.cssSelector("#top-up-amount input")).getDomProperty("value")) == shortfall);
        click("top-up-pay");
        wait.until(ExpectedConditions.urlContains("/simulator/zarinpal/pg/StartPay/"));
        wait.until(d -> d.findElement(By.id("pay"))).click();
        wait.until(ExpectedConditions.urlContains("/payment/result"));
        wait.until(d -> d.findElement(By.id("payment-outcome")).getText().equals("Payment successful"));
    }
}
