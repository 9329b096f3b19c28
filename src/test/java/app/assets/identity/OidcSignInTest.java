package app.assets.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.assets.support.TestServices;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import oidcprovider.TestOidcProvider;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signs in through a real OpenID Connect provider (Spring Authorization Server, started by this
 * test) with the whole redirect dance over HTTP: Assets -> provider login -> back to Assets. The
 * first sign-in creates a verified user linked to the provider's subject; the second finds it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class OidcSignInTest {

    private static final String REGISTRATION = "test-oidc";
    private static final int APP_PORT = freePort();
    private static final int PROVIDER_PORT = freePort();
    private static final Process provider = startProvider();

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> APP_PORT);
        registry.add("spring.datasource.url", TestServices.freshDatabase()::get);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.rabbitmq.host", TestServices::amqpHost);
        registry.add("spring.rabbitmq.port", TestServices::amqpPort);
        String client = "spring.security.oauth2.client.registration." + REGISTRATION + ".";
        registry.add(client + "client-id", () -> TestOidcProvider.CLIENT_ID);
        registry.add(client + "client-secret", () -> TestOidcProvider.CLIENT_SECRET);
        registry.add(client + "client-name", () -> "Test OIDC");
        registry.add(client + "scope", () -> "openid,email,profile");
        registry.add(client + "authorization-grant-type", () -> "authorization_code");
        registry.add(client + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add(
                "spring.security.oauth2.client.provider." + REGISTRATION + ".issuer-uri",
                () -> "http://127.0.0.1:" + PROVIDER_PORT);
    }

    @AfterAll
    static void stopProvider() {
        provider.destroy();
    }

    /** Starts the OIDC provider in a JVM of its own and waits until its discovery document answers. */
    private static Process startProvider() {
        try {
            Path log = Files.createTempFile("oidc-provider", ".log");
            var process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            TestOidcProvider.class.getName(),
                            String.valueOf(PROVIDER_PORT),
                            String.valueOf(APP_PORT),
                            REGISTRATION)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var http = HttpClient.newHttpClient();
            var discovery = URI.create("http://127.0.0.1:" + PROVIDER_PORT + "/.well-known/openid-configuration");
            try {
                // polled in this thread: this runs in the class's static initialiser, which another thread would wait
                // for
                await().pollInSameThread()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250))
                        .ignoreExceptionsInstanceOf(IOException.class)
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("OIDC provider exited: " + Files.readString(log));
                            }
                            return http.send(
                                                    HttpRequest.newBuilder(discovery)
                                                            .timeout(Duration.ofSeconds(2))
                                                            .build(),
                                                    HttpResponse.BodyHandlers.discarding())
                                            .statusCode()
                                    == 200;
                        });
            } catch (ConditionTimeoutException e) {
                process.destroyForcibly();
                throw new IllegalStateException("OIDC provider did not start in 60 s: " + Files.readString(log), e);
            }
            return process;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void firstOidcSignInCreatesAVerifiedLinkedUserAndTheNextSignInFindsIt() throws Exception {
        String landing = signInThroughProvider();
        assertThat(landing).isEqualTo("http://localhost:" + APP_PORT + "/");

        var user = jdbc.sql("select id, email_verified, display_name from users where email = ?")
                .param(TestOidcProvider.EMAIL)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBoolean(2), rs.getString(3)})
                .single();
        assertThat(user[1]).isEqualTo(true);
        assertThat(user[2]).isEqualTo("Olga Oidc");
        assertThat(jdbc.sql("select user_id from oauth_identities where provider = ? and subject = ?")
                        .params(REGISTRATION, TestOidcProvider.USERNAME)
                        .query(Long.class)
                        .single())
                .isEqualTo(user[0]);

        assertThat(signInThroughProvider()).isEqualTo("http://localhost:" + APP_PORT + "/");
        assertThat(jdbc.sql("select count(*) from users where email = ?")
                        .param(TestOidcProvider.EMAIL)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'oauth.signup' and details like ?")
                        .param("%" + TestOidcProvider.EMAIL)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    /** Follows the redirects a browser would, posting the provider's login form; returns where Assets lands. */
    private static String signInThroughProvider() throws IOException, InterruptedException {
        var http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String next = "http://localhost:" + APP_PORT + "/oauth2/authorization/" + REGISTRATION;
        for (int hop = 0; hop < 15; hop++) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(next))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (next.equals("http://127.0.0.1:" + PROVIDER_PORT + "/login") && response.statusCode() == 200) {
                var csrf =
                        Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(response.body());
                assertThat(csrf.find())
                        .as("the provider's login form has a CSRF token")
                        .isTrue();
                String form = "username=" + enc(TestOidcProvider.USERNAME) + "&password="
                        + enc(TestOidcProvider.PASSWORD) + "&_csrf=" + enc(csrf.group(1));
                response = http.send(
                        HttpRequest.newBuilder(URI.create(next))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() / 100 != 3) {
                return next;
            }
            next = URI.create(next)
                    .resolve(response.headers().firstValue("Location").orElseThrow())
                    .toString();
            if (next.startsWith("http://localhost:" + APP_PORT + "/")
                    && !next.contains("/oauth2/")
                    && !next.contains("/login/oauth2/")) {
                return next;
            }
        }
        throw new AssertionError("Too many redirects, last at " + next);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
