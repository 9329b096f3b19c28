package app.assets.payment;

import static app.assets.support.ZarinpalStub.refused;
import static app.assets.support.ZarinpalStub.verified;
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
import app.assets.payment.service.PaymentRefunds;
import app.assets.payment.service.RefundPhases;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Two-phase refunds against WireMock as Zarinpal: the amount is held and the payment marked
 * REFUND_PENDING in one transaction, reverse.json is asked with no transaction open, and a second
 * transaction captures or releases the hold. Whatever happens in between (a crash, no answer, a
 * refusal, two clicks at once, a wallet already spent), the card is never refunded while the
 * wallet keeps the money, and the ledger check passes after each test (see the base class).
 */
class PaymentRefundTest extends ZarinpalIntegrationTest {

    static final String REVERSED = "{\"data\": {\"code\": 100, \"message\": \"Reversed\"}, \"errors\": []}";

    @Autowired
    PaymentRefunds refunds;

    /** A verified top-up of the lender's, with the merchant bearing {@code fee}. */
    long verifiedTopUp(long amount, long fee) {
        String state = start(amount);
        verifyAnswers(verified(100, 300 + AUTHORITIES.get(), fee));
        topUps.handleCallback(state, authority, "OK", "127.0.0.1");
        assertThat(payment().status()).isEqualTo(PaymentStatus.VERIFIED);
        return paymentId();
    }

    void reverseAnswers(ResponseDefinitionBuilder answer) {
        ZARINPAL.stubFor(post(urlEqualTo("/pg/v4/payment/reverse.json")).willReturn(answer));
    }

    int reverseCalls() {
        return ZARINPAL.findAll(postRequestedFor(urlEqualTo("/pg/v4/payment/reverse.json")))
                .size();
    }

    long postedOf(String email) {
        long user = jdbc.sql("select id from users where email = ?")
                .param(email)
                .query(Long.class)
                .single();
        return ledger.balance(ledger.walletOf(user)).posted();
    }

    long system(AccountKind kind) {
        return ledger.balance(ledger.systemAccount(kind)).posted();
    }

    int refundHolds(long paymentId) {
        return jdbc.sql("select count(*) from ledger_holds where idempotency_key like ?")
                .param("refund:" + paymentId + ":%")
                .query(Integer.class)
                .single();
    }

    String status(long paymentId) {
        return jdbc.sql("select status from payments where id = ?")
                .param(paymentId)
                .query(String.class)
                .single();
    }

    @Test
    void aRefundHoldsAsksZarinpalWithNoLockHeldAndTakesTheTopUpBackExactly() throws Exception {
        long wallet = walletOf(LENDER);
        long fees = system(AccountKind.PLATFORM_FEES);
        long clearing = system(AccountKind.GATEWAY_CLEARING);
        long id = verifiedTopUp(230_000, 1000);
        reverseAnswers(okJson(REVERSED).withFixedDelay(1500));
        signIn(ADMIN);
        var auth = SecurityContextHolder.getContext().getAuthentication();
        var pool = Executors.newSingleThreadExecutor();
        Future<Payment> refund = pool.submit(() -> {
            SecurityContextHolder.getContext().setAuthentication(auth);
            return refunds.refund(id, "asked by the payer");
        });

        // Phase 1 is committed (the hold is visible to others) while Zarinpal is still being asked...
        while (!"REFUND_PENDING".equals(status(id)) && !refund.isDone()) {
            Thread.sleep(20);
        }
        assertThat(refund.isDone())
                .as("Zarinpal still holds the reverse request")
                .isFalse();
        assertThat(walletOf(LENDER)).isEqualTo(wallet);
        // ...and neither the payment's row nor the wallet's is locked meanwhile (NOWAIT fails on a lock).
        jdbc.sql("select id from payments where id = ? for update nowait")
                .param(id)
                .query(Long.class)
                .single();
        jdbc.sql("select id from ledger_accounts where owner_user_id = (select user_id from payments where id = ?)"
                        + " and kind = 'USER_WALLET' for update nowait")
                .param(id)
                .query(Long.class)
                .list();

        var refunded = refund.get();
        pool.shutdown();
        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(walletOf(LENDER)).isEqualTo(wallet);
        assertThat(system(AccountKind.PLATFORM_FEES)).isEqualTo(fees);
        assertThat(system(AccountKind.GATEWAY_CLEARING)).isEqualTo(clearing);
        assertThat(reverseCalls()).isEqualTo(1);
        assertThat(payments.timeline(id))
                .extracting(Payment.Event::status)
                .endsWith(PaymentStatus.VERIFIED, PaymentStatus.REFUND_PENDING, PaymentStatus.REFUNDED);
        // Refunded is final: asking again or verifying changes nothing.
        assertThat(refunds.refund(id, "again").status()).isEqualTo(PaymentStatus.REFUNDED);
        settlement.verifyNow(id);
        assertThat(payment().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(reverseCalls()).isEqualTo(1);
    }

    @Test
    void aCrashBetweenThePhasesLeavesTheAmountHeldAndReconciliationFinishesTheRefund() {
        long posted = postedOf(LENDER);
        long id = verifiedTopUp(240_000, 0);
        signIn(ADMIN);

        RefundPhases.holdOnly(refunds, id, "asked by the payer");

        assertThat(status(id)).isEqualTo("REFUND_PENDING");
        assertThat(postedOf(LENDER)).isEqualTo(posted + 240_000);
        assertThat(walletOf(LENDER)).as("held, so not spendable").isEqualTo(posted);
        assertThat(reverseCalls()).isZero();
        reverseAnswers(okJson(REVERSED));

        reconciliation.reconcilePending("test");

        assertThat(status(id)).isEqualTo("REFUNDED");
        assertThat(postedOf(LENDER)).isEqualTo(posted);
        assertThat(reverseCalls()).isEqualTo(1);
        assertThat(refundHolds(id)).isEqualTo(1);
    }

    @Test
    void aReverseWithNoAnswerStaysPendingUntilReconciliationLearnsItWasReversed() {
        long posted = postedOf(LENDER);
        long id = verifiedTopUp(250_000, 0);
        // Longer than the client's 2 s read timeout: Zarinpal may or may not have reversed it.
        reverseAnswers(okJson(REVERSED).withFixedDelay(5000));
        signIn(ADMIN);

        var after = refunds.refund(id, "asked by the payer");

        assertThat(after.status()).isEqualTo(PaymentStatus.REFUND_PENDING);
        assertThat(after.lastError()).contains("timeout");
        assertThat(walletOf(LENDER)).isEqualTo(posted);
        assertThat(reverseCalls()).isEqualTo(1);
        assertThatThrownBy(() -> refunds.refund(id, "click again"))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("payment.refundUnderWay");

        // It was reversed: asked again, Zarinpal says the session is no longer in success state.
        ZARINPAL.resetAll();
        reverseAnswers(okJson(refused(-61, "Session is not in success status.")));
        reconciliation.reconcilePending("test");

        assertThat(status(id)).isEqualTo("REFUNDED");
        assertThat(postedOf(LENDER)).isEqualTo(posted);
        assertThat(refundHolds(id)).isEqualTo(1);
    }

    @Test
    void aRefusedReverseReleasesTheHoldRecordsWhyAndMayBeAskedAgain() {
        long posted = postedOf(LENDER);
        long id = verifiedTopUp(260_000, 0);
        reverseAnswers(okJson(refused(-60, "Session can not be reversed with bank.")));
        signIn(ADMIN);

        assertThatThrownBy(() -> refunds.refund(id, "asked by the payer"))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("zarinpal.code.-60");

        var p = payment();
        assertThat(p.status()).isEqualTo(PaymentStatus.VERIFIED);
        assertThat(p.lastCode()).isEqualTo(-60);
        assertThat(walletOf(LENDER)).isEqualTo(posted + 260_000);
        assertThat(postedOf(LENDER)).isEqualTo(posted + 260_000);
        assertThat(payments.timeline(id)).last().satisfies(e -> {
            assertThat(e.status()).isEqualTo(PaymentStatus.VERIFIED);
            assertThat(e.note()).contains("refund refused").contains("-60");
        });

        reverseAnswers(okJson(REVERSED));
        assertThat(refunds.refund(id, "second try").status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(postedOf(LENDER)).isEqualTo(posted);
        assertThat(refundHolds(id)).isEqualTo(2);
    }

    @Test
    void twoRacingRefundClicksHoldOnceAndAskZarinpalOnce() throws Exception {
        long posted = postedOf(LENDER);
        long id = verifiedTopUp(270_000, 0);
        reverseAnswers(okJson(REVERSED).withFixedDelay(1000));
        signIn(ADMIN);
        var auth = SecurityContextHolder.getContext().getAuthentication();
        var pool = Executors.newFixedThreadPool(2);
        var go = new CountDownLatch(1);
        var clicks = new ArrayList<Future<String>>();
        for (int i = 0; i < 2; i++) {
            clicks.add(pool.submit(() -> {
                SecurityContextHolder.getContext().setAuthentication(auth);
                go.await();
                try {
                    return refunds.refund(id, "double click").status().name();
                } catch (UserInputException e) {
                    return e.messageKey();
                }
            }));
        }
        go.countDown();
        var outcomes = new ArrayList<String>();
        for (var click : clicks) {
            outcomes.add(click.get());
        }
        pool.shutdown();

        assertThat(outcomes)
                .contains("REFUNDED")
                .allMatch(o -> o.equals("REFUNDED") || o.equals("payment.refundUnderWay"));
        assertThat(reverseCalls()).isEqualTo(1);
        assertThat(refundHolds(id)).isEqualTo(1);
        assertThat(status(id)).isEqualTo("REFUNDED");
        assertThat(postedOf(LENDER)).isEqualTo(posted);
    }

    @Test
    void aRefundIsRefusedWhenTheWalletNoLongerHoldsTheMoneyAndNothingChanges() {
        long id = verifiedTopUp(280_000, 0);
        long user = jdbc.sql("select user_id from payments where id = ?")
                .param(id)
                .query(Long.class)
                .single();
        long wallet = ledger.walletOf(user);
        // The payer spent (here: committed) all but a little of it.
        var spent = ledger.placeHold(wallet, walletOf(LENDER) - 1000, "test-spent:" + id, "test");
        reverseAnswers(okJson(REVERSED));
        signIn(ADMIN);
        try {
            assertThatThrownBy(() -> refunds.refund(id, "asked by the payer"))
                    .isInstanceOf(UserInputException.class)
                    .extracting(e -> ((UserInputException) e).messageKey())
                    .isEqualTo("payment.refundFundsGone");
            assertThat(status(id)).isEqualTo("VERIFIED");
            assertThat(refundHolds(id)).isZero();
            assertThat(reverseCalls()).isZero();
        } finally {
            ledger.releaseHold(spent.id());
        }
    }

    @Test
    void onlyAPaymentManagerMayRefund() {
        long id = verifiedTopUp(290_000, 0);
        signIn(LENDER);

        assertThatThrownBy(() -> refunds.refund(id, "mine")).isInstanceOf(AccessDeniedException.class);
        assertThat(status(id)).isEqualTo("VERIFIED");
        assertThat(reverseCalls()).isZero();
    }
}
