package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.support.IntegrationTest;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the public port serves, over real HTTP as production runs it (issue 12, section 8): actuator on
 * a port of its own (management.server.port), so the scrape is never on the port the proxy forwards;
 * health for load balancers still on the public port (/livez, /readyz); forwarded client addresses
 * taken only from trusted proxies (here none is, as for a node reached directly); request sizes
 * bounded by the container before the application reads the body.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vaadin.productionMode=true",
            "management.server.port=0",
            "server.forward-headers-strategy=native",
            // a proxy this test is not: requests from 127.0.0.1 are a client's own
            "server.tomcat.remoteip.internal-proxies=192.0.2.10/32",
            // a budget that does not refill between the calls of one test
            "assets.api.limits.period=10h",
            // under the default 1 MB, so the API body tests show the setting is what counts
            "assets.api.limits.max-body-size=256KB"
        })
class PublicPortTest extends IntegrationTest {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int publicPort;

    @LocalManagementPort
    int managementPort;

    @Test
    void metricsAreRefusedOnThePublicPortAndServedOnTheManagementPort() throws Exception {
        assertThat(managementPort).isNotEqualTo(publicPort);
        // The public port knows no /actuator: the path falls to Vaadin, which answers any path with its page
        // (200 with the frontend bundle built, as in the packaged application; 404 without it); never metrics.
        var publicScrape = get(publicPort, "/actuator/prometheus");
        assertThat(publicScrape.headers().firstValue("Content-Type").orElse(""))
                .doesNotContain("text/plain")
                .doesNotContain("openmetrics");
        assertThat(publicScrape.body())
                .doesNotContain("# TYPE")
                .doesNotContain("jvm_memory_used_bytes")
                .doesNotContain("http_server_requests");

        var scrape = get(managementPort, "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void healthForLoadBalancersStaysReachable() throws Exception {
        assertThat(get(publicPort, "/livez").statusCode()).isEqualTo(200);
        assertThat(get(publicPort, "/readyz").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerIsIgnoredForThrottling() throws Exception {
        // Each call forges another address; all of them are counted against this peer's one budget.
        int first = remaining(forged("/api/v1/openapi.json", "203.0.113.1"));
        int second = remaining(forged("/api/v1/openapi.json", "203.0.113.2"));
        int third = remaining(forged("/api/v1/openapi.json", "198.51.100.7, 203.0.113.3"));
        assertThat(second).isEqualTo(first - 1);
        assertThat(third).isEqualTo(first - 2);
    }

    @Test
    void anOversizedHeaderIsRefusedWith400() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(uri(publicPort, "/login"))
                        .header("X-Padding", "a".repeat(20 * 1024))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void anOversizedFormBodyIsRefusedWith413WithoutBeingRead() throws IOException {
        // 50 MB announced, 300 KB sent: the answer comes before the rest, so nobody read (or waited for) it.
        try (var socket = new Socket("127.0.0.1", publicPort)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST /login HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: " + 50 * 1024 * 1024 + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(("username=" + "a".repeat(300 * 1024)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void anApiBodyAnnouncedOverItsLimitIsRefusedWith413WithoutBeingRead() throws IOException {
        // Tomcat bounds forms, not JSON: the API's own limit (here 256 KB) answers before the rest is sent.
        try (var socket = new Socket("127.0.0.1", publicPort)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\n"
                            + "Content-Length: " + 50 * 1024 * 1024 + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(("{\"email\":\"" + "a".repeat(300 * 1024)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void theApiBodyLimitIsTheConfiguredOneAndTheProblemSaysIt() throws Exception {
        // 300 KB would pass the default 1 MB; this test's setting is 256 KB.
        var response = http.send(
                HttpRequest.newBuilder(uri(publicPort, "/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .header("Accept-Language", "en")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + "a".repeat(300 * 1024) + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("api.bodyTooLarge").contains("at most 256 KB");
    }

    @Test
    void aChunkedApiBodyPastItsLimitIsRefusedOnceTheLimitIsRead() throws IOException {
        // No length announced: the body is read up to one byte past the limit (256 KB here, 1 MB by default), then
        // the call is refused (400) instead of being parsed; the same login with a small body is answered as a login
        // (401).
        assertThat(chunkedLogin(384 * 1024)).isEqualTo("HTTP/1.1 400");
        assertThat(chunkedLogin(16)).isEqualTo("HTTP/1.1 401");
    }

    private String chunkedLogin(int padding) throws IOException {
        try (var socket = new Socket("127.0.0.1", publicPort)) {
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String body = "{\"email\":\"someone@example.com\",\"password\":\"" + "p".repeat(padding) + "\"}";
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            for (int from = 0; from < bytes.length; from += 64 * 1024) {
                int n = Math.min(64 * 1024, bytes.length - from);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, from, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(port, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> forged(String path, String forwardedFor) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri(publicPort, path))
                        .header("X-Forwarded-For", forwardedFor)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int remaining(HttpResponse<String> response) {
        return Integer.parseInt(response.headers()
                .firstValue("X-RateLimit-Remaining")
                .orElseThrow(() -> new AssertionError("no X-RateLimit-Remaining on " + response.uri())));
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
