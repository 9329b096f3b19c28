package app.assets.api;

import static app.assets.api.ApiClient.bearer;
import static app.assets.support.TestUsers.PASSWORD;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.assets.api.ApiClient.Reply;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.LoginThrottle;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import app.assets.wallet.service.WalletService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The REST API v1 over real HTTP against the running application: sign-in, tokens, refusals, wallet. */
@ExtendWith(OutputCaptureExtension.class)
class ApiTest extends WebIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WalletService wallet;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    LoginThrottle throttle;

    ApiClient api;
    TestUsers users;

    @BeforeEach
    void setUp() {
        api = ApiClient.on(port);
        users = new TestUsers(accounts, jdbc);
    }

    // ---- sign-in and tokens ----------------------------------------------------------------------

    @Test
    void signInGivesATokenPairInTheBodyAndAsSecureCookies() {
        String email = uniqueEmail("api-login");
        long id = users.verified(email);

        Reply login = login(email, PASSWORD);

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.body().get("expiresIn").asLong()).isBetween(890L, 900L);
        assertThat(login.body().get("refreshExpiresIn").asLong()).isBetween(14 * 86400L - 10, 14 * 86400L);
        assertThat(login.cookies())
                .anySatisfy(c -> assertThat(c)
                        .startsWith("access_token=")
                        .contains("HttpOnly", "Secure", "SameSite=Lax", "Path=/api/v1"));
        assertThat(login.cookies())
                .anySatisfy(c -> assertThat(c)
                        .startsWith("refresh_token=")
                        .contains("HttpOnly", "Secure", "SameSite=Lax", "Path=/api/v1/auth"));
        var claims = claims(login.body().get("accessToken").asString());
        assertThat(claims)
                .contains(
                        "\"sub\":\"" + id + "\"",
                        "\"email\":\"" + email + "\"",
                        "\"roles\":[\"USER\"]",
                        "\"permissions\":[]");
        assertThat(header(login.body().get("accessToken").asString())).contains("\"kid\"");

        Reply me = api.get("/api/v1/users/me", bearer(access(login)));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("email").asString()).isEqualTo(email);
        assertThat(me.body().get("id").asLong()).isEqualTo(id);
        assertThat(me.body().get("permissions"))
                .as("a USER holds no permission")
                .isEmpty();

        String cookie = login.cookies().stream()
                .filter(c -> c.startsWith("access_token="))
                .findFirst()
                .orElseThrow();
        Reply byCookie = api.get("/api/v1/users/me", "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(byCookie.status())
                .as("the access token also works as the browser's cookie")
                .isEqualTo(200);
        assertThat(byCookie.cookies()).as("no session is created").noneMatch(c -> c.startsWith("JSESSIONID"));
    }

    @Test
    void wrongPasswordAndUnverifiedAccountsAreRefusedAlike() {
        String email = uniqueEmail("api-wrong");
        users.verified(email);
        String unverified = uniqueEmail("api-unverified");
        users.unverified(unverified);

        Reply wrong = login(email, "not-the-password");
        Reply notVerified = login(unverified, PASSWORD);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("code").asString()).isEqualTo("api.auth.failed");
        assertThat(notVerified.status()).isEqualTo(401);
        assertThat(notVerified.body().get("code").asString()).isEqualTo("api.auth.failed");
    }

    @Test
    void failedSignInsLockTheAccountAsTheWebSignInDoes() {
        String email = uniqueEmail("api-lockout");
        users.verified(email);
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(login(email, "not-the-password").status()).isEqualTo(401);
            }

            Reply locked = login(email, PASSWORD);

            assertThat(locked.status())
                    .as("even the right password is refused while locked")
                    .isEqualTo(423);
            assertThat(locked.body().get("code").asString()).isEqualTo("api.auth.locked");
            assertThat(jdbc.sql("select count(*) from audit_log where actor = ? and action = 'lockout'")
                            .param(email)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            // Every test here calls from this machine: leave its address's failure count as it was.
            for (String loopback : List.of("127.0.0.1", "0:0:0:0:0:0:0:1")) {
                throttle.clear(LoginThrottle.addressKey(loopback));
            }
        }
    }

    @Test
    void refreshRotatesAndAReusedRefreshTokenRevokesTheWholeFamily() {
        String email = uniqueEmail("api-refresh");
        users.verified(email);
        Reply login = login(email, PASSWORD);
        String first = login.body().get("refreshToken").asString();

        Reply second = api.post("/api/v1/auth/refresh", Map.of("refreshToken", first));
        assertThat(second.status()).isEqualTo(200);
        String next = second.body().get("refreshToken").asString();
        assertThat(next).isNotEqualTo(first);
        assertThat(api.get("/api/v1/wallet", bearer(access(second))).status()).isEqualTo(200);

        Reply reused = api.post("/api/v1/auth/refresh", Map.of("refreshToken", first));
        assertThat(reused.status()).as("the used token is refused").isEqualTo(401);
        assertThat(reused.body().get("code").asString()).isEqualTo("api.auth.refreshInvalid");

        Reply afterTheft = api.post("/api/v1/auth/refresh", Map.of("refreshToken", next));
        assertThat(afterTheft.status())
                .as("and its whole family with it, the newest token too")
                .isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_log where actor = ? and action = 'api.refresh.reuse'")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theRefreshCookieWorksAndSignOutRevokesIt() {
        String email = uniqueEmail("api-logout");
        users.verified(email);
        Reply login = login(email, PASSWORD);
        String refreshCookie = login.cookies().stream()
                .filter(c -> c.startsWith("refresh_token="))
                .findFirst()
                .orElseThrow();
        String cookie = refreshCookie.substring(0, refreshCookie.indexOf(';'));

        Reply refreshed = api.post("/api/v1/auth/refresh", null, "Cookie", cookie);
        assertThat(refreshed.status()).isEqualTo(200);
        String current = refreshed.body().get("refreshToken").asString();

        Reply logout = api.post("/api/v1/auth/logout", Map.of("refreshToken", current));
        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.cookies())
                .anySatisfy(c -> assertThat(c).startsWith("access_token=;").contains("Max-Age=0"));
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", current))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aLockedAccountOrAChangedPasswordEndsAtTheNextRefresh() {
        String locked = uniqueEmail("api-locked");
        users.verified(locked);
        String refreshLocked =
                login(locked, PASSWORD).body().get("refreshToken").asString();
        String changed = uniqueEmail("api-changed");
        long changedId = users.verified(changed);
        String refreshChanged =
                login(changed, PASSWORD).body().get("refreshToken").asString();

        jdbc.sql("update users set locked = true where email = ?").param(locked).update();
        accounts.changePassword(changedId, PASSWORD, "another-long-unusual-passphrase");

        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshLocked))
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshChanged))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aRemovedRoleLeavesTheTokensAtTheNextRefresh() {
        String email = uniqueEmail("api-role");
        long id = users.verified(email);
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, 'AUDITOR')")
                .param(id)
                .update();
        Reply login = login(email, PASSWORD);
        assertThat(claims(access(login))).contains("\"AUDITOR\"", "wallet.read.any");
        assertThat(api.get("/api/v1/wallets/" + id, bearer(access(login))).status())
                .isEqualTo(200);

        jdbc.sql("delete from user_roles where user_id = ? and role_code = 'AUDITOR'")
                .param(id)
                .update();
        Reply refreshed = api.post(
                "/api/v1/auth/refresh",
                Map.of("refreshToken", login.body().get("refreshToken").asString()));

        assertThat(claims(access(refreshed))).doesNotContain("AUDITOR", "wallet.read.any");
        assertThat(api.get("/api/v1/wallets/" + id, bearer(access(refreshed))).status())
                .isEqualTo(403);
    }

    @Test
    void expiredTamperedForeignAndOtherIssuersTokensAreRefused() {
        String email = uniqueEmail("api-tamper");
        long id = users.verified(email);
        String good = access(login(email, PASSWORD));

        Instant now = Instant.now();
        String expired = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(),
                        claims(id, email, now.minus(20, ChronoUnit.MINUTES), now.minus(5, ChronoUnit.MINUTES))))
                .getTokenValue();
        String[] parts = good.split("\\.");
        String otherPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims(good)
                        .replace("\"permissions\":[]", "\"permissions\":[\"wallet.read.any\"]")
                        .getBytes(StandardCharsets.UTF_8));
        String tampered = parts[0] + "." + otherPayload + "." + parts[2];
        var foreignKey = new SecretKeySpec(new byte[32], "HmacSHA256");
        String foreign = NimbusJwtEncoder.withSecretKey(foreignKey)
                .build()
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(),
                        claims(id, email, now, now.plus(5, ChronoUnit.MINUTES))))
                .getTokenValue();

        // signed with our own key, but naming another issuer (the issuer is compared as text, not as a URL)
        String otherIssuer = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(),
                        JwtClaimsSet.from(claims(id, email, now, now.plus(5, ChronoUnit.MINUTES)))
                                .issuer("https://assets.example")
                                .build()))
                .getTokenValue();

        assertThat(api.get("/api/v1/wallet", bearer(good)).status()).isEqualTo(200);
        for (String token : List.of(expired, tampered, foreign, otherIssuer, "not-a-jwt")) {
            Reply refused = api.get("/api/v1/wallet", bearer(token));
            assertThat(refused.status()).as(token).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body().get("code").asString()).isEqualTo("api.tokenInvalid");
        }
    }

    // ---- refusals as problem details -------------------------------------------------------------

    @Test
    void anonymousCallersGet401AndUsersWithoutThePermissionGet403() {
        String email = uniqueEmail("api-matrix");
        long id = users.verified(email);
        String user = access(login(email, PASSWORD));
        String auditor = access(login("auditor@assets.local", "demo-assets-2026"));
        var endpoints = List.of(
                "GET /api/v1/users/me",
                "GET /api/v1/wallet",
                "GET /api/v1/wallet/transactions",
                "POST /api/v1/wallet/transfer",
                "GET /api/v1/wallets/" + id);

        for (String endpoint : endpoints) {
            String[] call = endpoint.split(" ");
            Reply anonymous = api.send(call[0], call[1], call[0].equals("POST") ? "{}" : null);
            assertThat(anonymous.status()).as(endpoint).isEqualTo(401);
            assertThat(anonymous.header("Content-Type")).as(endpoint).startsWith("application/problem+json");
            assertThat(anonymous.body().get("code").asString()).isEqualTo("api.unauthorized");
            assertThat(anonymous.text()).doesNotContain("Exception", "at app.");
        }

        assertThat(api.get("/api/v1/users/me", bearer(user)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/wallet", bearer(user)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/wallet/transactions", bearer(user)).status())
                .isEqualTo(200);
        Reply forbidden = api.get("/api/v1/wallets/" + id, bearer(user));
        assertThat(forbidden.status()).as("wallet.read.any is missing").isEqualTo(403);
        assertThat(forbidden.body().get("code").asString()).isEqualTo("api.forbidden");
        assertThat(api.get("/api/v1/users/me", bearer(auditor))
                        .body()
                        .get("permissions")
                        .toString())
                .contains("wallet.read.any", "audit.read")
                .doesNotContain("FACTOR");
        Reply staff = api.get("/api/v1/wallets/" + id, bearer(auditor));
        assertThat(staff.status()).as("AUDITOR holds wallet.read.any").isEqualTo(200);
        assertThat(staff.body().get("posted").asLong()).isZero();
    }

    @Test
    void problemsSpeakTheCallersLanguage() {
        String email = uniqueEmail("api-lang");
        users.verified(email);
        String token = access(login(email, PASSWORD));

        Reply persian = api.get("/api/v1/wallet", "Accept-Language", "fa-IR,fa;q=0.9,en;q=0.5");
        Reply english = api.get("/api/v1/wallet", "Accept-Language", "en-US");
        Reply unknown = api.get("/api/v1/wallet", "Accept-Language", "de");
        Reply persianInput = api.post(
                "/api/v1/wallet/transfer",
                Map.of("recipientEmail", email, "amount", 10),
                bearer(token, "Idempotency-Key", UUID.randomUUID().toString(), "Accept-Language", "fa"));

        assertThat(persian.body().get("detail").asString()).startsWith("ابتدا وارد شوید");
        assertThat(persian.header("Content-Language")).isEqualTo("fa");
        assertThat(english.body().get("detail").asString()).startsWith("Sign in first");
        assertThat(unknown.body().get("detail").asString()).startsWith("Sign in first");
        assertThat(persianInput.status()).isEqualTo(422);
        assertThat(persianInput.body().get("errors").get(0).get("field").asString())
                .isEqualTo("recipientEmail");
        assertThat(persianInput.body().get("errors").get(0).get("message").asString())
                .as("the wallet service's own message, in Persian")
                .isEqualTo("نمی‌توانید به خودتان انتقال دهید.");
    }

    @Test
    void badInputIs422WithOneMessagePerField() {
        String email = uniqueEmail("api-input");
        users.verified(email);
        String token = access(login(email, PASSWORD));

        Reply unknownRecipient = transfer(token, UUID.randomUUID().toString(), uniqueEmail("nobody"), 10L, null);
        Reply zero = transfer(token, UUID.randomUUID().toString(), "auditor@assets.local", 0L, null);
        Reply tooLongNote = transfer(
                token,
                UUID.randomUUID().toString(),
                "auditor@assets.local",
                10L,
                "x".repeat(WalletService.NOTE_MAX + 1));
        Reply broke = transfer(token, UUID.randomUUID().toString(), "auditor@assets.local", 10L, null);
        Reply hugePage = api.get("/api/v1/wallet/transactions?size=1000", bearer(token));
        Reply malformed = api.post("/api/v1/wallet/transfer", "{not json", bearer(token, "Idempotency-Key", "k"));

        assertThat(List.of(unknownRecipient, zero, tooLongNote, broke, hugePage))
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(422);
                    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                    assertThat(r.body().get("errors")).hasSize(1);
                });
        // A caller without the money learns nothing about the address (WalletServiceTest has the funded case).
        assertThat(field(unknownRecipient)).isEqualTo("amount=money.insufficient");
        assertThat(field(zero)).isEqualTo("amount=money.positive");
        assertThat(field(tooLongNote)).isEqualTo("note=transfer.noteTooLong");
        assertThat(field(broke)).isEqualTo("amount=money.insufficient");
        assertThat(field(hugePage)).isEqualTo("size=api.page.size");
        assertThat(hugePage.body().get("errors").get(0).get("message").asString())
                .isEqualTo("The page size must be from 1 to 100.");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("code").asString()).isEqualTo("api.status.400");
    }

    // ---- wallet ---------------------------------------------------------------------------------

    @Test
    void idempotentTransferRetriesRacingInParallelCreditOnce() throws Exception {
        var pair = transferPair("api-sender", "api-recipient", 10_000);
        long senderId = pair.senderId();
        String recipient = pair.recipient();
        long recipientId = pair.recipientId();
        String token = pair.token();
        String key = UUID.randomUUID().toString();

        var transactionIds = new HashSet<Long>();
        for (Reply r : racing(8, () -> transfer(token, key, recipient, 2_500L, "rent"))) {
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            transactionIds.add(r.body().get("transactionId").asLong());
        }
        assertThat(transactionIds)
                .as("every retry is answered with the first result")
                .hasSize(1);

        assertThat(balanceOf(recipientId)).as("credited once").isEqualTo(2_500);
        assertThat(balanceOf(senderId)).isEqualTo(7_500);
        Reply wallet = api.get("/api/v1/wallet/", bearer(token));
        assertThat(wallet.body().get("posted").asLong()).isEqualTo(7_500);
        assertThat(wallet.body().get("available").asLong()).isEqualTo(7_500);

        Reply otherBody = transfer(token, key, recipient, 2_600L, "rent");
        assertThat(otherBody.status()).as("the same key for another request").isEqualTo(409);
        assertThat(otherBody.body().get("code").asString()).isEqualTo("api.idempotencyConflict");
        Reply noKey =
                api.post("/api/v1/wallet/transfer", Map.of("recipientEmail", recipient, "amount", 1), bearer(token));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body().get("code").asString()).isEqualTo("api.idempotencyKeyRequired");
        assertThat(balanceOf(recipientId)).isEqualTo(2_500);
    }

    /**
     * The key is claimed in the transfer's own transaction: retries racing a first request that is refused (and rolls
     * back) are refused alike rather than blocked or answered with a result that never was, and the key stays usable
     * for the transfer once it can go through, which then moves money once.
     */
    @Test
    void retriesRacingARefusedTransferAreRefusedAlikeAndTheKeyWorksOnceItCanGoThrough() throws Exception {
        var pair = transferPair("api-refused", "api-refused-to", 1_000);
        long senderId = pair.senderId();
        String recipient = pair.recipient();
        long recipientId = pair.recipientId();
        String token = pair.token();
        String key = UUID.randomUUID().toString();

        for (Reply r : racing(8, () -> transfer(token, key, recipient, 2_500L, "rent"))) {
            assertThat(r.status()).as(r.text()).isEqualTo(422);
            assertThat(field(r)).isEqualTo("amount=money.insufficient");
        }
        assertThat(balanceOf(recipientId)).isZero();
        assertThat(balanceOf(senderId)).isEqualTo(1_000);

        fund(senderId, 2_000);
        var transactionIds = new HashSet<Long>();
        for (Reply r : racing(8, () -> transfer(token, key, recipient, 2_500L, "rent"))) {
            assertThat(r.status()).as(r.text()).isEqualTo(201);
            transactionIds.add(r.body().get("transactionId").asLong());
        }
        assertThat(transactionIds)
                .as("every racing retry gets the first result")
                .hasSize(1);
        assertThat(balanceOf(recipientId)).as("credited once").isEqualTo(2_500);
        assertThat(balanceOf(senderId)).isEqualTo(500);
        assertThat(transfer(token, key, recipient, 100L, "rent").status())
                .as("once it moved money the key is bound to that request")
                .isEqualTo(409);
    }

    @Test
    void theStatementIsPagedWithATotalAndPathsTakeATrailingSlash() {
        var pair = transferPair("api-pages", "api-pages-to", 1_000);
        long senderId = pair.senderId();
        String recipient = pair.recipient();
        String token = pair.token();
        for (int i = 1; i <= 3; i++) {
            assertThat(transfer(token, UUID.randomUUID().toString(), recipient, (long) i, "n" + i)
                            .status())
                    .isEqualTo(201);
        }

        Reply first = api.get("/api/v1/wallet/transactions?page=0&size=2", bearer(token));
        Reply second = api.get("/api/v1/wallet/transactions/?page=1&size=2&type=TRANSFER", bearer(token));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("total").asLong())
                .as("the funding adjustment and three transfers")
                .isEqualTo(4);
        assertThat(first.body().get("items")).hasSize(2);
        assertThat(first.body().get("items").get(0).get("amount").asLong())
                .as("newest first")
                .isEqualTo(-3);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("total").asLong()).isEqualTo(3);
        assertThat(second.body().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/users/me/", bearer(token)).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/health/").status()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        String email = uniqueEmail("api-unknown");
        users.verified(email);
        String token = access(login(email, PASSWORD));

        Reply unknown = api.get("/api/v1/no-such-thing", bearer(token));
        Reply wrongMethod = api.send("DELETE", "/api/v1/wallet", null, bearer(token));

        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrongMethod.status()).as(wrongMethod.text()).isEqualTo(405);
        assertThat(wrongMethod.body().get("code").asString()).isEqualTo("api.status.405");
    }

    @Test
    void everyCallIsLoggedWithItsCallerAndOutcome(CapturedOutput output) {
        String email = uniqueEmail("api-log");
        users.verified(email);
        String token = access(login(email, PASSWORD));

        api.get("/api/v1/wallet", bearer(token));
        api.get("/api/v1/users/me");

        // The line is written once the response has gone out, so it may trail the client's answer a little.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut())
                        .contains("API GET /api/v1/wallet -> 200 user=" + email)
                        .contains("API GET /api/v1/users/me -> 401 user=-"));
    }

    @Test
    void healthIsPublic() {
        Reply health = api.get("/api/v1/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private Reply login(String email, String password) {
        return api.post("/api/v1/auth/login", Map.of("email", email, "password", password));
    }

    /** The replies of {@code clients} calls started together. */
    private static List<Reply> racing(int clients, Callable<Reply> call) throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            var replies = new ArrayList<Reply>();
            for (var future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private Reply transfer(String token, String key, String recipient, Long amount, String note) {
        var body = new java.util.HashMap<String, Object>();
        body.put("recipientEmail", recipient);
        body.put("amount", amount);
        body.put("note", note);
        return api.post("/api/v1/wallet/transfer", body, bearer(token, "Idempotency-Key", key));
    }

    private static String access(Reply login) {
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return login.body().get("accessToken").asString();
    }

    private static String field(Reply reply) {
        var error = reply.body().get("errors").get(0);
        return error.get("field").asString() + "=" + error.get("code").asString();
    }

    private static String claims(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static String header(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    }

    private static JwtClaimsSet claims(long id, String email, Instant issued, Instant expires) {
        return JwtClaimsSet.builder()
                .issuer("assets")
                .subject(String.valueOf(id))
                .issuedAt(issued)
                .expiresAt(expires)
                .claim("email", email)
                .claim("roles", List.of("USER"))
                .claim("permissions", List.of())
                .build();
    }

    /** A verified sender funded with {@code rials} and signed in over the API, and a verified recipient. */
    private record TransferPair(long senderId, String recipient, long recipientId, String token) {}

    private TransferPair transferPair(String senderName, String recipientName, long rials) {
        String sender = uniqueEmail(senderName);
        long senderId = users.verified(sender);
        String recipient = uniqueEmail(recipientName);
        long recipientId = users.verified(recipient);
        fund(senderId, rials);
        return new TransferPair(senderId, recipient, recipientId, access(login(sender, PASSWORD)));
    }

    private void fund(long userId, long rials) {
        actAs("admin@assets.local");
        try {
            wallet.adjust(UUID.randomUUID(), userId, rials, "test funds");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private long balanceOf(long userId) {
        actAs("admin@assets.local");
        try {
            return wallet.balanceOf(userId).posted();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
