package app.assets.browser;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import app.assets.support.PackagedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged jar exactly as the README's run command does (embedded PostgreSQL and AMQP
 * broker, demo accounts), then signs in as each demo role in headless Chromium and checks the
 * menu it sees. Needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium
 * chromium-driver); fails with that message when they are missing.
 */
class DemoRolesBrowserIT {

    private static final String PASSWORD = "demo-assets-2026";
    private static PackagedApp app;
    private static String baseUrl;
    private WebDriver browser;

    static List<Object[]> roles() {
        return List.of(
                // The demo lender's saved language is Persian: the menu follows it, whatever the browser asks for.
                new Object[] {"lender@assets.local", List.of("خانه", "آگهی‌ها", "آگهی‌های من", "درخواست‌ها", "کیف پول", "افزایش موجودی", "تنظیمات اعلان", "نمایه")},
                new Object[] {"borrower@assets.local", List.of("Home", "Listings", "My listings", "Tickets", "Wallet", "Top up", "Notification settings", "Profile")},
                new Object[] {"moderator@assets.local", List.of("Home", "Listings", "My listings", "Tickets", "Wallet", "Top up", "Moderation",
                        "Notification settings", "Profile")},
                new Object[] {"support@assets.local", List.of("Home", "Listings", "My listings", "Tickets", "Wallet", "Top up", "Users",
                        "Notification settings", "Profile")},
                new Object[] {"auditor@assets.local", List.of("Home", "Listings", "My listings", "Tickets", "Wallet", "Top up", "Admin dashboard", "Wallets",
                        "Ledger check", "Payments", "Audit log", "Notification settings", "Profile")},
                new Object[] {"admin@assets.local", List.of("Home", "Listings", "My listings", "Tickets", "Wallet", "Top up", "Admin dashboard", "Moderation",
                        "Withdrawals", "Wallets", "Ledger check", "Payments", "Users", "Permissions", "Audit log", "Captured email",
                        "Notifications", "Templates", "Broadcasts", "Notification settings", "Profile")});
    }

    @BeforeAll
    static void startPackagedApp() throws Exception {
        app = PackagedApp.start();
        baseUrl = app.baseUrl();
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        browser = PackagedApp.browser();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest(name = "{0} sees {1}")
    @MethodSource("roles")
    void eachDemoRoleSignsInAndSeesItsMenu(String email, List<String> menu) {
        var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(baseUrl + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        WebElement username = wait.until(d -> d.findElement(By.cssSelector("input[name=username]")));
        username.sendKeys(email);
        browser.findElement(By.cssSelector("input[name=password]")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot=submit], vaadin-login-form vaadin-button")).click();
        wait.until(d -> !d.findElements(By.id("main-nav")).isEmpty());
        wait.until(d -> d.findElements(By.cssSelector("#main-nav vaadin-side-nav-item")).size() == menu.size());
        var items = browser.findElements(By.cssSelector("#main-nav vaadin-side-nav-item")).stream()
                .map(e -> e.getText().trim()).toList();
        assertThat(items).containsExactlyElementsOf(menu);
        assertThat(browser.findElement(By.id("signed-in-user")).getText()).isEqualTo(email);

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
    }

}
