package app.assets.api;

import static app.assets.api.ApiClient.bearer;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.api.ApiClient.Reply;
import app.assets.identity.service.AccountService;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import app.assets.wallet.service.WalletService;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Withdrawals and Zarinpal top-ups over the API: who may call what, and that retries of one
 * Idempotency-Key, racing or not, hold or open once.
 */
class ApiMoneyTest extends WebIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WalletService wallet;

    ApiClient api;
    TestUsers users;

    @BeforeEach
    void setUp() {
        api = ApiClient.on(port);
        users = new TestUsers(accounts, jdbc);
    }

    @Test
    void aWithdrawalRetriedAtOnceHoldsOnceAndStaffOtherThanTheRequesterDecide() throws Exception {
        String email = uniqueEmail("api-withdraw");
        long userId = users.verified(email);
        fund(userId, 500_000);
        String token = token(email);
        String key = UUID.randomUUID().toString();

        var start = new CountDownLatch(1);
        Callable<Reply> call = () -> {
            start.await();
            return api.post(
                    "/api/v1/wallet/withdrawals", Map.of("amount", 200_000), bearer(token, "Idempotency-Key", key));
        };
        var ids = new HashSet<Long>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            var replies = new java.util.ArrayList<Future<Reply>>();
            for (int i = 0; i < 4; i++) {
                replies.add(pool.submit(call));
            }
            start.countDown();
            for (var reply : replies) {
                Reply r = reply.get();
                assertThat(r.status()).as(r.text()).isEqualTo(201);
                assertThat(r.body().get("status").asString()).isEqualTo("PENDING");
                ids.add(r.body().get("id").asLong());
            }
        }
        assertThat(ids).as("one withdrawal for the key").hasSize(1);
        var balance = api.get("/api/v1/wallet", bearer(token)).body();
        assertThat(balance.get("held").asLong()).isEqualTo(200_000);
        assertThat(balance.get("available").asLong()).isEqualTo(300_000);
        assertThat(api.post("/api/v1/wallet/withdrawals", Map.of("amount", 1), bearer(token, "Idempotency-Key", key))
                        .status())
                .as("the key with another body")
                .isEqualTo(409);
        Reply tooMuch = api.post(
                "/api/v1/wallet/withdrawals",
                Map.of("amount", 400_000),
                bearer(token, "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.body().get("errors").get(0).get("field").asString()).isEqualTo("amount");
        assertThat(api.get("/api/v1/wallet/withdrawals", bearer(token))
                        .body()
                        .get("total")
                        .asLong())
                .isEqualTo(1);

        long id = ids.iterator().next();
        assertThat(api.get("/api/v1/withdrawals", bearer(token)).status())
                .as("a user does not see the staff queue")
                .isEqualTo(403);
        assertThat(api.post("/api/v1/withdrawals/" + id + "/approve", null, bearer(token))
                        .status())
                .isEqualTo(403);

        String staffEmail = uniqueEmail("api-finance");
        long staffId = users.verified(staffEmail);
        grant(staffId, "ADMIN");
        String staff = token(staffEmail);
        Reply queue = api.get("/api/v1/withdrawals?size=100", bearer(staff));
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body().get("items").valueStream().map(w -> w.get("id").asLong()))
                .contains(id);
        Reply noReason = api.post("/api/v1/withdrawals/" + id + "/reject", Map.of("reason", " "), bearer(staff));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(api.post("/api/v1/withdrawals/" + id + "/approve", null, bearer(staff))
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/v1/withdrawals/" + id + "/approve", null, bearer(staff))
                        .status())
                .as("approving twice is harmless")
                .isEqualTo(204);
        var after = api.get("/api/v1/wallet", bearer(token)).body();
        assertThat(after.get("posted").asLong()).isEqualTo(300_000);
        assertThat(after.get("held").asLong()).isZero();

        // Four eyes: the staff member's own request.
        fund(staffId, 100_000);
        Reply own = api.post(
                "/api/v1/wallet/withdrawals",
                Map.of("amount", 50_000),
                bearer(staff, "Idempotency-Key", UUID.randomUUID().toString()));
        Reply refused =
                api.post("/api/v1/withdrawals/" + own.body().get("id").asLong() + "/approve", null, bearer(staff));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("code").asString()).isEqualTo("withdrawal.ownRequest");
    }

    /**
     * Here no gateway answers (the simulator's address is not this test server's), so a top-up
     * fails at the gateway: its retry answers with that first payment instead of opening another.
     * The successful path and racing retries against a Zarinpal stand-in: PaymentLifecycleTest.
     */
    @Test
    void aTopUpRetriedWithItsKeyOpensNoSecondPaymentAndOnlyItsPayerSeesIt() {
        String email = uniqueEmail("api-topup");
        users.verified(email);
        String token = token(email);
        String key = UUID.randomUUID().toString();

        Reply first = api.post("/api/v1/payments", Map.of("amount", 100_000), bearer(token, "Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(422);
        assertThat(first.body().get("code").asString()).isEqualTo("payment.unavailable");
        Reply list = api.get("/api/v1/payments", bearer(token));
        assertThat(list.body().get("total").asLong()).isEqualTo(1);
        long id = list.body().get("items").get(0).get("id").asLong();

        Reply retry = api.post("/api/v1/payments", Map.of("amount", 100_000), bearer(token, "Idempotency-Key", key));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().get("paymentId").asLong()).isEqualTo(id);
        assertThat(retry.body().get("status").asString()).isEqualTo("FAILED");
        assertThat(retry.body().get("gatewayUrl").isNull()).isTrue();
        assertThat(api.get("/api/v1/payments", bearer(token))
                        .body()
                        .get("total")
                        .asLong())
                .as("no second payment")
                .isEqualTo(1);
        assertThat(api.post("/api/v1/payments", Map.of("amount", 200_000), bearer(token, "Idempotency-Key", key))
                        .status())
                .as("the key with another amount")
                .isEqualTo(409);

        Reply mine = api.get("/api/v1/payments/" + id, bearer(token));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body().get("amount").asLong()).isEqualTo(100_000);
        assertThat(mine.body().get("status").asString()).isEqualTo("FAILED");
        String otherEmail = uniqueEmail("api-topup-other");
        users.verified(otherEmail);
        assertThat(api.get("/api/v1/payments/" + id, bearer(token(otherEmail))).status())
                .as("another user's payment does not exist for them")
                .isEqualTo(404);

        Reply tooSmall = api.post(
                "/api/v1/payments",
                Map.of("amount", 1),
                bearer(token, "Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(tooSmall.status()).isEqualTo(422);
        assertThat(tooSmall.body().get("errors").get(0).get("field").asString()).isEqualTo("amount");
        assertThat(api.post("/api/v1/payments", Map.of("amount", 100_000)).status())
                .isEqualTo(401);
        assertThat(api.post("/api/v1/payments", Map.of("amount", 100_000), bearer(token))
                        .status())
                .as("no Idempotency-Key")
                .isEqualTo(400);
    }

    private String token(String email) {
        return api.accessToken(email);
    }

    private void grant(long userId, String role) {
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, ?)")
                .params(userId, role)
                .update();
    }

    private void fund(long userId, long amount) {
        actAs("admin@assets.local");
        try {
            wallet.adjust(UUID.randomUUID(), userId, amount, "test funds");
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }
}
