package app.assets.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The packaged jar started the way the README's run command starts Assets (embedded PostgreSQL and
 * AMQP broker, demo accounts, Zarinpal simulator) on free ports with a fresh data folder, for the
 * browser tests; and headless Chromium driven by Debian's chromedriver.
 */
public final class PackagedApp implements AutoCloseable {

    private final Process process;
    private final String baseUrl;
    private final Path dataDir;

    private PackagedApp(Process process, String baseUrl, Path dataDir) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.dataDir = dataDir;
    }

    /** Starts target/assets-*.jar and waits until /actuator/health answers 200 (at most 300 s: a loaded machine starts it slowly). */
    public static PackagedApp start() throws IOException, InterruptedException {
        requireBrowser();
        File jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.map(Path::toFile)
                    .filter(f -> f.getName().matches("assets-.*\\.jar")
                            && !f.getName().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalStateException("No packaged jar under target/: run ./mvnw -Pproduction verify"));
        }
        int port = freePort();
        Path dataDir = Files.createTempDirectory("assets-browser-it");
        var builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.getPath())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("app.log").toFile());
        var env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("ASSETS_"));
        env.put("PORT", String.valueOf(port));
        env.put("ASSETS_DATA_DIR", dataDir.toString());
        env.put("ASSETS_EMBEDDED_POSTGRES_PORT", String.valueOf(freePort()));
        env.put("ASSETS_EMBEDDED_AMQP_PORT", String.valueOf(freePort()));
        // The browser flows count money and listings from the demo accounts' start: no demo
        // catalogue or loans (DemoLoansTest and DemoCatalogueTest prove those).
        env.put("ASSETS_LISTING_DEMO_CATALOGUE", "false");
        env.put("ASSETS_TICKET_DEMO_LOANS", "false");
        var app = new PackagedApp(builder.start(), "http://localhost:" + port, dataDir);
        app.awaitHealthy();
        return app;
    }

    public String baseUrl() {
        return baseUrl;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (true) {
            assertThat(process.isAlive())
                    .as("the app exited; see " + dataDir.resolve("app.log"))
                    .isTrue();
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertThat(System.nanoTime())
                    .as("app did not become healthy in 300 s; see " + dataDir.resolve("app.log"))
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Headless Chromium at 1280x900 asking for English pages, with a fresh profile. */
    public static WebDriver browser() throws IOException {
        requireBrowser();
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                "--lang=en-US",
                "--user-data-dir=" + Files.createTempDirectory("assets-chromium"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        return new ChromeDriver(service, options);
    }

    private static void requireBrowser() {
        assertThat(new File("/usr/bin/chromium"))
                .as("Chromium is needed: apt-get install -y chromium chromium-driver")
                .exists();
        assertThat(new File("/usr/bin/chromedriver"))
                .as("ChromeDriver is needed: apt-get install -y chromium-driver")
                .exists();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
