package app.assets.browser;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
    private static Process app;
    private static String baseUrl;
    private static Path dataDir;
    private WebDriver browser;

    static List<Object[]> roles() {
        return List.of(
                // The demo lender's saved language is Persian: the menu follows it, whatever the browser asks for.
                new Object[] {"lender@assets.local", List.of("خانه", "آگهی‌ها", "آگهی‌های من", "درخواست‌ها", "کیف پول", "نمایه")},
                new Object[] {"borrower@assets.local", List.of("Home", "Listings", "My listings", "Tickets", "Wallet", "Profile")},
                new Object[] {"moderator@assets.local", List.of("Home", "Listings", "My listings", "Tickets", "Wallet", "Moderation", "Profile")},
                new Object[] {"support@assets.local", List.of("Home", "Listings", "My listings", "Tickets", "Wallet", "Users", "Profile")},
                new Object[] {"auditor@assets.local", List.of("Home", "Listings", "My listings", "Tickets", "Wallet", "Wallets", "Ledger check",
                        "Audit log", "Profile")},
                new Object[] {"admin@assets.local", List.of("Home", "Listings", "My listings", "Tickets", "Wallet", "Moderation", "Withdrawals",
                        "Wallets", "Ledger check", "Users", "Permissions", "Audit log", "Captured email", "Profile")});
    }

    @BeforeAll
    static void startPackagedApp() throws Exception {
        assertThat(new File("/usr/bin/chromium")).as("Chromium is needed: apt-get install -y chromium chromium-driver").exists();
        assertThat(new File("/usr/bin/chromedriver")).as("ChromeDriver is needed: apt-get install -y chromium-driver").exists();
        File jar = Files.list(Path.of("target")).map(Path::toFile)
                .filter(f -> f.getName().matches("assets-.*\\.jar") && !f.getName().endsWith("-plain.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("No packaged jar under target/: run ./mvnw -Pproduction verify"));
        int port = freePort();
        dataDir = Files.createTempDirectory("assets-browser-it");
        baseUrl = "http://localhost:" + port;
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.getPath())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("app.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("ASSETS_"));
        env.put("PORT", String.valueOf(port));
        env.put("ASSETS_DATA_DIR", dataDir.toString());
        env.put("ASSETS_EMBEDDED_POSTGRES_PORT", String.valueOf(freePort()));
        env.put("ASSETS_EMBEDDED_AMQP_PORT", String.valueOf(freePort()));
        app = builder.start();
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            assertThat(app.isAlive()).as("the app exited; see " + dataDir.resolve("app.log")).isTrue();
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(System.nanoTime()).as("app did not become healthy in 120 s; see " + dataDir.resolve("app.log"))
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--lang=en-US",
                "--user-data-dir=" + Files.createTempDirectory("assets-chromium"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
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

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
