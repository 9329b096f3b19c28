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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar in its default (simulator) configuration: a user with the 5,000,000 Rials of demo
 * funds tops up 500,000 Rials, pays
 * on the simulator's StartPay page, lands on the result page and sees the new balance, also in
 * the wallet's statement. Needs /usr/bin/chromium and /usr/bin/chromedriver.
 */
class PaymentTopUpBrowserIT {

    private static Process app;
    private static String baseUrl;
    private static Path dataDir;

    @BeforeAll
    static void startPackagedApp() throws Exception {
        assertThat(new File("/usr/bin/chromium")).as("Chromium is needed: apt-get install -y chromium chromium-driver").exists();
        assertThat(new File("/usr/bin/chromedriver")).as("ChromeDriver is needed: apt-get install -y chromium-driver").exists();
        File jar = Files.list(Path.of("target")).map(Path::toFile)
                .filter(f -> f.getName().matches("assets-.*\\.jar") && !f.getName().endsWith("-plain.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("No packaged jar under target/: run ./mvnw -Pproduction verify"));
        int port = freePort();
        dataDir = Files.createTempDirectory("assets-payment-it");
        baseUrl = "http://localhost:" + port;
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.getPath())
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("app.log").toFile());
        var env = builder.environment();
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
                if (http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
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

    @Test
    void aUserTopsUpThroughTheSimulatorAndSeesTheNewBalance() throws IOException {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + Files.createTempDirectory("assets-chromium"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(baseUrl + "/login");
            wait.until(d -> d.findElement(By.cssSelector("input[name=username]"))).sendKeys("borrower@assets.local");
            browser.findElement(By.cssSelector("input[name=password]")).sendKeys("demo-assets-2026");
            browser.findElement(By.cssSelector("vaadin-login-form vaadin-button")).click();
            wait.until(d -> !d.findElements(By.id("main-nav")).isEmpty());

            browser.get(baseUrl + "/wallet/top-up");
            wait.until(d -> d.findElement(By.id("preset-500000"))).click();
            wait.until(d -> d.findElement(By.id("top-up-amount")).getDomProperty("value").equals("500,000")
                    || !d.findElement(By.id("top-up-amount")).getDomProperty("value").isBlank());
            browser.findElement(By.id("top-up-pay")).click();

            wait.until(ExpectedConditions.urlContains("/simulator/zarinpal/pg/StartPay/"));
            assertThat(browser.findElement(By.id("amount")).getText()).isEqualTo("500,000 IRR");
            browser.findElement(By.id("pay")).click();

            wait.until(ExpectedConditions.urlContains("/payment/result"));
            wait.until(d -> d.findElement(By.id("payment-outcome")).getText().equals("Payment successful"));
            assertThat(browser.findElement(By.id("payment-balance")).getText()).isEqualTo("Available balance: 5,500,000 IRR");

            browser.get(baseUrl + "/wallet/top-up");
            wait.until(d -> d.findElement(By.id("top-up-balance")).getText().equals("Available balance: 5,500,000 IRR"));
        } finally {
            browser.quit();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
