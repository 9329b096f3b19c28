package app.assets.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.service.PaymentQueries;
import app.assets.payment.service.PaymentReconciliation;
import app.assets.payment.service.PaymentSettlement;
import app.assets.payment.service.TopUps;
import app.assets.support.IntegrationTest;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The top-up lifecycle against WireMock standing in for Zarinpal (sandbox mode, the real v4 wire
 * format). After every test the ledger check passes and no payment is credited more than once.
 */
class PaymentLifecycleTest extends IntegrationTest {

    static final WireMockServer ZARINPAL =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final String MERCHANT = "11111111-2222-3333-4444-555555555555";
    static final String LENDER = "lender@assets.local";
    static final String BORROWER = "borrower@assets.local";
    static final String ADMIN = "admin@assets.local";
    static final AtomicInteger AUTHORITIES = new AtomicInteger();

    static {
        ZARINPAL.start();
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("assets.payment.mode", () -> "sandbox");
        registry.add("assets.payment.merchant-id", () -> MERCHANT);
        registry.add("assets.payment.base-url", ZARINPAL::baseUrl);
        registry.add("assets.payment.read-timeout", () -> "2s");
        registry.add("assets.payment.grace-period", () -> "0s");
        registry.add("assets.payment.pending-cron", () -> "-");
        registry.add("assets.payment.daily-cron", () -> "-");
    }

    @AfterAll
    static void stopGateway() {
        ZARINPAL.stop();
    }

    @Autowired
    PaymentQueries payments;

    @Autowired
    TopUps topUps;

    @Autowired
    PaymentSettlement settlement;

    @Autowired
    PaymentReconciliation reconciliation;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck ledgerCheck;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDetailsService users;

    @Autowired
    ApplicationContext context;

    final JsonMapper json = JsonMapper.builder().build();
    String authority;

    @BeforeEach
    void freshGateway() {
        ZARINPAL.resetAll();
        authority = "A" + "0".repeat(30) + String.format("%05d", AUTHORITIES.incrementAndGet());
        ZARINPAL.stubFor(post(urlEqualTo("/pg/v4/payment/request.json")).willReturn(okJson("""
                {"data": {"code": 100, "message": "Success", "authority": "%s", "fee_type": "Merchant", "fee": 1000},
                 "errors": []}""".formatted(authority))));
        signIn(LENDER);
    }

    @AfterEach
    void ledgerStaysConsistentAndNothingIsCreditedTwice() {
        SecurityContextHolder.clearContext();
        var check = ledgerCheck.check();
        assertThat(check.problems()).isEmpty();
        assertThat(check.ok()).isTrue();
        int topUps = jdbc.sql("select count(*) from ledger_transactions where type = 'TOP_UP'")
                .query(Integer.class)
                .single();
        int credited = jdbc.sql("select count(*) from payments where status in ('VERIFIED', 'REFUNDED')")
                .query(Integer.class)
                .single();
        assertThat(topUps).as("one TOP_UP per credited payment").isEqualTo(credited);
        int doubles = jdbc.sql("""
                select count(*) from ledger_transactions t where t.type = 'TOP_UP' and not exists
                (select 1 from payments p where 'topup:' || p.id = t.idempotency_key and p.ledger_transaction_id = t.id)""").query(Integer.class).single();
        assertThat(doubles).isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------

    int mismatchAlerts() {
        return jdbc.sql(
                        "select count(*) from notifications where event = 'RECONCILIATION_MISMATCH' and recipient = 'admin@assets.local'")
                .query(Integer.class)
                .single();
    }

    void signIn(String email) {
        var user = users.loadUserByUsername(email);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    long walletOf(String email) {
        long id = jdbc.sql("select id from users where email = ?")
                .param(email)
                .query(Long.class)
                .single();
        return ledger.balance(ledger.walletOf(id)).available();
    }

    /** Starts a top-up as the signed-in user and returns the callback state Zarinpal was given. */
    String start(long amount) {
        String startPay = topUps.startTopUp(amount, TopUpPurpose.WALLET_TOP_UP, null);
        assertThat(startPay).isEqualTo(ZARINPAL.baseUrl() + "/pg/StartPay/" + authority);
        var request = ZARINPAL.findAll(postRequestedFor(urlEqualTo("/pg/v4/payment/request.json")))
                .getLast();
        var body = json.readTree(request.getBodyAsString());
        assertThat(body.path("merchant_id").asString()).isEqualTo(MERCHANT);
        assertThat(body.path("amount").asLong()).isEqualTo(amount);
        assertThat(body.path("metadata").path("email").asString()).isNotBlank();
        String callback = body.path("callback_url").asString();
        assertThat(callback).startsWith("http://localhost:8080/payment/callback?state=");
        return URLDecoder.decode(
                URI.create(callback).getRawQuery().substring("state=".length()), StandardCharsets.UTF_8);
    }

    long paymentId() {
        return jdbc.sql("select id from payments where authority = ?")
                .param(authority)
                .query(Long.class)
                .single();
    }

    Payment payment() {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        signIn(ADMIN);
        try {
            return payments.payments(PaymentQueries.Filter.NONE, 0, 1000).stream()
                    .filter(p -> authority.equals(p.authority()))
                    .findFirst()
                    .orElseThrow();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    void verifyAnswers(String body) {
        ZARINPAL.stubFor(post(urlEqualTo("/pg/v4/payment/verify.json"))
                .withRequestBody(matchingJsonPath("$.authority", equalTo(authority)))
                .willReturn(okJson(body)));
    }

    static String verified(int code, long refId, long fee) {
        return """
                {"data": {"code": %d, "message": "Verified", "card_hash": "1EBE3EBEBE35C7EC0F8D6EE4F2F859107A87822CA179BC9528767EA7B5489B69",
                  "card_pan": "502229******5995", "ref_id": %d, "fee_type": "Merchant", "fee": %d}, "errors": []}""".formatted(code, refId, fee);
    }

    static String refused(int code, String message) {
        return """
                {"data": [], "errors": {"code": %d, "message": "%s", "validations": []}}""".formatted(code, message);
    }

    int verifyCalls() {
        return ZARINPAL.findAll(postRequestedFor(urlEqualTo("/pg/v4/payment/verify.json")))
                .size();
    }

    // ---- scenarios ------------------------------------------------------------------------------

    @Test
    void aPaidTopUpIsVerifiedForTheStoredAmountAndCreditedWithTheFeeBooked() {
        long before = walletOf(LENDER);
        long fees =
                ledger.balance(ledger.systemAccount(AccountKind.PLATFORM_FEES)).posted();
        long clearing = ledger.balance(ledger.systemAccount(AccountKind.GATEWAY_CLEARING))
                .posted();
        String state = start(250_000);
        verifyAnswers(verified(100, 201, 1000));

        var result = topUps.handleCallback(state, authority, "OK", "127.0.0.1");

        assertThat(result.refusal()).isNull();
        assertThat(result.paymentId()).isEqualTo(paymentId());
        assertThat(walletOf(LENDER)).isEqualTo(before + 250_000);
        assertThat(ledger.balance(ledger.systemAccount(AccountKind.PLATFORM_FEES))
                        .posted())
                .isEqualTo(fees - 1000);
        assertThat(ledger.balance(ledger.systemAccount(AccountKind.GATEWAY_CLEARING))
                        .posted())
                .isEqualTo(clearing - 249_000);
        ZARINPAL.verify(postRequestedFor(urlEqualTo("/pg/v4/payment/verify.json"))
                .withRequestBody(equalToJson("{\"merchant_id\": \"" + MERCHANT
                        + "\", \"amount\": 250000, \"authority\": \"" + authority + "\"}")));
        var p = payment();
        assertThat(p.status()).isEqualTo(PaymentStatus.VERIFIED);
        assertThat(p.refId()).isEqualTo("201");
        assertThat(p.cardPan()).isEqualTo("502229******5995");
        assertThat(p.fee()).isEqualTo(1000);
        signIn(ADMIN);
        assertThat(payments.timeline(p.id()))
                .extracting(Payment.Event::status)
                .containsExactly(PaymentStatus.CREATED, PaymentStatus.REDIRECTED, PaymentStatus.VERIFIED);
    }

    @Test
    void retriesOfOneRequestRacingOpenOnePaymentAndAnswerWithItsAddress() throws Exception {
        var requestId = java.util.UUID.randomUUID();
        var auth = SecurityContextHolder.getContext().getAuthentication();
        var go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.Callable<TopUps.Started> retry = () -> {
            SecurityContextHolder.getContext().setAuthentication(auth);
            try {
                go.await();
                return topUps.startTopUp(requestId, 50_000L, TopUpPurpose.WALLET_TOP_UP, null);
            } finally {
                SecurityContextHolder.clearContext();
            }
        };
        var answers = new java.util.ArrayList<TopUps.Started>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(3)) {
            var futures = java.util.stream.Stream.generate(() -> pool.submit(retry))
                    .limit(3)
                    .toList();
            go.countDown();
            for (var f : futures) {
                answers.add(f.get());
            }
        }
        assertThat(answers.stream().map(TopUps.Started::paymentId).distinct()).hasSize(1);
        assertThat(ZARINPAL.findAll(postRequestedFor(urlEqualTo("/pg/v4/payment/request.json"))))
                .as("Zarinpal asked once")
                .hasSize(1);
        var again = topUps.startTopUp(requestId, 50_000L, TopUpPurpose.WALLET_TOP_UP, null);
        assertThat(again.status()).isEqualTo(PaymentStatus.REDIRECTED);
        assertThat(again.gatewayUrl()).isEqualTo(ZARINPAL.baseUrl() + "/pg/StartPay/" + authority);
        assertThat(again.paymentId()).isEqualTo(paymentId());
    }

    @Test
    void aPayerWhoCancelsIsNotVerifiedOrCredited() {
        long before = walletOf(LENDER);
        String state = start(100_000);

        topUps.handleCallback(state, authority, "NOK", "127.0.0.1");

        assertThat(payment().status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(verifyCalls()).isZero();
        assertThat(walletOf(LENDER)).isEqualTo(before);
    }

    @Test
    void aRepeatedCallbackIsARefusedReplayAndCreditsNothingMore() {
        long before = walletOf(LENDER);
        String state = start(120_000);
        verifyAnswers(verified(100, 202, 0));

        topUps.handleCallback(state, authority, "OK", "127.0.0.1");
        var again = topUps.handleCallback(state, authority, "OK", "127.0.0.1");

        assertThat(again.paymentId()).isEqualTo(paymentId());
        assertThat(verifyCalls()).isEqualTo(1);
        assertThat(walletOf(LENDER)).isEqualTo(before + 120_000);
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'payment.callback' and outcome = 'DENIED' and details like 'replayed%'")
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void concurrentCallbacksAndReconciliationCreditOnce() throws Exception {
        long before = walletOf(LENDER);
        String state = start(130_000);
        verifyAnswers(verified(100, 203, 0));
        var auth = SecurityContextHolder.getContext().getAuthentication();
        var pool = Executors.newFixedThreadPool(6);
        var go = new CountDownLatch(1);
        var results = new ArrayList<Future<?>>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                go.await();
                if (n % 3 == 2) {
                    reconciliation.reconcilePending("test");
                } else {
                    SecurityContextHolder.getContext().setAuthentication(auth);
                    topUps.handleCallback(state, authority, "OK", "127.0.0.1");
                }
                return null;
            }));
        }
        go.countDown();
        for (var r : results) {
            r.get();
        }
        pool.shutdown();
        assertThat(walletOf(LENDER)).isEqualTo(before + 130_000);
        assertThat(payment().status()).isEqualTo(PaymentStatus.VERIFIED);
    }

    @Test
    void aCallbackBroughtByAnotherUserIsRefusedAndAudited() {
        String state = start(140_000);
        verifyAnswers(verified(100, 204, 0));
        signIn(BORROWER);
        long borrowerBefore = walletOf(BORROWER);

        var result = topUps.handleCallback(state, authority, "OK", "127.0.0.1");

        assertThat(result.refusal()).isEqualTo("payment.callback.refused");
        assertThat(verifyCalls()).isZero();
        assertThat(payment().status()).isEqualTo(PaymentStatus.REDIRECTED);
        assertThat(walletOf(BORROWER)).isEqualTo(borrowerBefore);
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'payment.callback' and outcome = 'DENIED' and details like '%another user%'")
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void aTamperedForgedOrForeignStateIsRefused() {
        String state = start(150_000);
        verifyAnswers(verified(100, 205, 0));
        String[] parts = state.split("\\.");
        String otherId = (Long.parseLong(parts[0]) + 1) + "." + parts[1] + "." + parts[2] + "." + parts[3];
        String badMac = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3].substring(1) + "A";
        String later = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 60) + "." + parts[3];

        assertThat(topUps.handleCallback(otherId, authority, "OK", "127.0.0.1").refusal())
                .isEqualTo("payment.callback.refused");
        assertThat(topUps.handleCallback(badMac, authority, "OK", "127.0.0.1").refusal())
                .isEqualTo("payment.callback.refused");
        assertThat(topUps.handleCallback(later, authority, "OK", "127.0.0.1").refusal())
                .isEqualTo("payment.callback.refused");
        assertThat(topUps.handleCallback("garbage", authority, "OK", "127.0.0.1")
                        .refusal())
                .isEqualTo("payment.callback.refused");
        assertThat(topUps.handleCallback(state, "A999", "OK", "127.0.0.1").refusal())
                .isEqualTo("payment.callback.refused");

        assertThat(verifyCalls()).isZero();
        assertThat(payment().status()).isEqualTo(PaymentStatus.REDIRECTED);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'payment.callback' and outcome = 'DENIED'")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void anAmountMismatchFailsThePaymentWithoutCredit() {
        long before = walletOf(LENDER);
        String state = start(160_000);
        verifyAnswers(refused(-50, "Session is not valid, amounts values is not the same."));

        topUps.handleCallback(state, authority, "OK", "127.0.0.1");

        var p = payment();
        assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(p.lastCode()).isEqualTo(-50);
        assertThat(walletOf(LENDER)).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from notifications where event = 'TOPUP_FAILED' and recipient = ?")
                        .param(LENDER)
                        .query(Integer.class)
                        .single())
                .as("the payer is told")
                .isPositive();
        ZARINPAL.verify(postRequestedFor(urlEqualTo("/pg/v4/payment/verify.json"))
                .withRequestBody(matchingJsonPath("$.amount", equalTo("160000"))));
    }

    @Test
    void aVerifyTimeoutLeavesThePaymentForReconciliationWhichCreditsIt() {
        long before = walletOf(LENDER);
        String state = start(170_000);
        ZARINPAL.stubFor(post(urlEqualTo("/pg/v4/payment/verify.json"))
                .willReturn(okJson(verified(100, 206, 0)).withFixedDelay(5000)));

        topUps.handleCallback(state, authority, "OK", "127.0.0.1");

        var p = payment();
        assertThat(p.status()).isEqualTo(PaymentStatus.REDIRECTED);
        assertThat(p.lastError()).contains("timeout");
        assertThat(walletOf(LENDER)).isEqualTo(before);

        // Zarinpal did verify it meanwhile: the next answer is 101.
        ZARINPAL.resetAll();
        verifyAnswers(verified(101, 206, 0));
        reconciliation.reconcilePending("test");

        assertThat(payment().status()).isEqualTo(PaymentStatus.VERIFIED);
        assertThat(walletOf(LENDER)).isEqualTo(before + 170_000);
    }

    @Test
    void code101OnTheFirstVerifyStillCreditsOnce() {
        long before = walletOf(LENDER);
        String state = start(180_000);
        verifyAnswers(verified(101, 207, 0));

        topUps.handleCallback(state, authority, "OK", "127.0.0.1");
        reconciliation.reconcilePending("test");

        assertThat(payment().status()).isEqualTo(PaymentStatus.VERIFIED);
        assertThat(walletOf(LENDER)).isEqualTo(before + 180_000);
    }

    @Test
    void negativeCodesFailWhatCannotPassAndKeepWhatMay() {
        long before = walletOf(LENDER);
        String state = start(190_000);
        verifyAnswers(refused(-12, "To many attempts, please try again later."));
        topUps.handleCallback(state, authority, "OK", "127.0.0.1");
        assertThat(payment().status()).as("a rate limit may pass later").isEqualTo(PaymentStatus.REDIRECTED);
        assertThat(payment().lastCode()).isEqualTo(-12);

        ZARINPAL.resetAll();
        verifyAnswers(refused(-51, "Session is not valid, session is not active paid try."));
        reconciliation.reconcilePending("test");
        assertThat(payment().status())
                .as("unpaid, but not yet past expire-after")
                .isEqualTo(PaymentStatus.REDIRECTED);

        jdbc.sql("update payments set redirected_at = now() - interval '2 hours' where authority = ?")
                .param(authority)
                .update();
        reconciliation.reconcilePending("test");
        assertThat(payment().status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(walletOf(LENDER)).isEqualTo(before);
    }

    @Test
    void aRefusedRequestFailsThePaymentWithTheCodesMessage() {
        ZARINPAL.stubFor(post(urlEqualTo("/pg/v4/payment/request.json"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(refused(-9, "The input params invalid, validation error."))));

        assertThatThrownBy(() -> topUps.startTopUp(200_000L, TopUpPurpose.WALLET_TOP_UP, null))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("zarinpal.code.-9");
        assertThat(jdbc.sql("select status from payments order by id desc limit 1")
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED");
        assertThatThrownBy(() -> topUps.startTopUp(5L, TopUpPurpose.WALLET_TOP_UP, null))
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("payment.amountRange");
    }

    @Test
    void http5xxAndMalformedRepliesLeaveThePaymentRecoverable() {
        long before = walletOf(LENDER);
        String state = start(210_000);
        ZARINPAL.stubFor(post(urlEqualTo("/pg/v4/payment/verify.json"))
                .willReturn(aResponse().withStatus(502).withBody("bad gateway")));
        topUps.handleCallback(state, authority, "OK", "127.0.0.1");
        assertThat(payment().status()).isEqualTo(PaymentStatus.REDIRECTED);
        assertThat(payment().lastError()).contains("HTTP 502");
        assertThat(verifyCalls()).as("verify is retried once").isEqualTo(2);

        ZARINPAL.resetAll();
        ZARINPAL.stubFor(
                post(urlEqualTo("/pg/v4/payment/verify.json")).willReturn(okJson("{\"data\": {\"code\": \"yes\"")));
        reconciliation.reconcilePending("test");
        assertThat(payment().status()).isEqualTo(PaymentStatus.REDIRECTED);
        assertThat(payment().lastError()).contains("malformed");

        ZARINPAL.resetAll();
        verifyAnswers(verified(100, 208, 0));
        reconciliation.reconcilePending("test");
        assertThat(payment().status()).isEqualTo(PaymentStatus.VERIFIED);
        assertThat(walletOf(LENDER)).isEqualTo(before + 210_000);
    }

    @Test
    void theDailyRunVerifiesWhatTheGatewayListsAndReportsWhatItCannotMatch() {
        long before = walletOf(LENDER);
        String state = start(220_000);
        topUps.handleCallback(state, authority, "NOK", "127.0.0.1");
        assertThat(payment().status()).isEqualTo(PaymentStatus.CANCELLED);
        ZARINPAL.stubFor(
                post(urlEqualTo("/pg/v4/payment/unVerified.json")).willReturn(okJson("""
                {"data": {"code": 100, "message": "Success", "authorities": [
                  {"authority": "%s", "amount": 220000, "callback_url": "x", "referer": "", "date": "2026-11-25 10:00:00"},
                  {"authority": "A00000000000000000000000000000099999", "amount": 5000, "callback_url": "x", "referer": "", "date": "2026-11-25 10:00:00"}
                ]}, "errors": []}""".formatted(authority))));
        verifyAnswers(verified(100, 209, 0));
        signIn(ADMIN);
        int alerts = mismatchAlerts();

        var run = reconciliation.reconcileDaily("test");

        assertThat(payment().status())
                .as("the payer cancelled, yet the gateway took the money")
                .isEqualTo(PaymentStatus.VERIFIED);
        assertThat(walletOf(LENDER)).isEqualTo(before + 220_000);
        assertThat(run.mismatches()).isEqualTo(1);
        assertThat(mismatchAlerts())
                .as("ADMIN is told through the notification outbox")
                .isEqualTo(alerts + 1);
        assertThat(reconciliation.recentMismatches(10))
                .anySatisfy(m -> assertThat(m.problem()).contains("unknown here"));
    }

    @Test
    void anAdminRefundReversesAtTheGatewayAndTakesTheMoneyBack() {
        long before = walletOf(LENDER);
        String state = start(230_000);
        verifyAnswers(verified(100, 210, 0));
        topUps.handleCallback(state, authority, "OK", "127.0.0.1");
        ZARINPAL.stubFor(post(urlEqualTo("/pg/v4/payment/reverse.json"))
                .willReturn(okJson("{\"data\": {\"code\": 100, \"message\": \"Reversed\"}, \"errors\": []}")));
        signIn(ADMIN);

        var refunded = settlement.refund(payment().id(), "asked by the payer");

        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(walletOf(LENDER)).isEqualTo(before);
        settlement.verifyNow(refunded.id());
        assertThat(payment().status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void theSimulatorIsAbsentOutsideSimulatorMode() {
        assertThat(context.getBeanNamesForType(app.assets.payment.simulator.ZarinpalSimulator.class))
                .isEmpty();
    }
}
