package app.assets.payment;

import static app.assets.support.ZarinpalStub.refused;
import static app.assets.support.ZarinpalStub.verified;
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
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.service.TopUps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The top-up lifecycle against WireMock standing in for Zarinpal (sandbox mode, the real v4 wire
 * format). After every test the ledger check passes and no payment is credited more than once.
 */
class PaymentLifecycleTest extends ZarinpalIntegrationTest {

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
        ZARINPAL.verifyAnswers(verified(100, 206, 0), Duration.ofSeconds(5));

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
    void theSimulatorIsAbsentOutsideSimulatorMode() {
        assertThat(context.getBeanNamesForType(app.assets.payment.simulator.ZarinpalSimulator.class))
                .isEmpty();
    }
}
