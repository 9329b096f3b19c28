package app.assets.payment;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.payment.service.PaymentReconciliation;
import app.assets.payment.service.TopUps;
import app.assets.support.WebIntegrationTest;
import app.assets.support.ZarinpalStub;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Zarinpal that takes 20 s to verify, over real HTTP: the payer's callback is answered (sent on
 * to the result page, which says "confirming" for a payment awaiting the gateway) while WireMock
 * still holds the verify request; the verification finishes in the background, racing a
 * reconciliation run, and the wallet is credited exactly once.
 */
class SlowGatewayCallbackTest extends WebIntegrationTest {

    static final ZarinpalStub ZARINPAL = ZarinpalStub.started();
    static final String AUTHORITY = "A00000000000000000000000000000020000";
    static final String PAYER = "lender@assets.local";

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        ZARINPAL.register(registry);
        // Patient enough for the 20 s verify; reconciliation may race the background verification at once.
        registry.add("assets.payment.read-timeout", () -> "40s");
        registry.add("assets.payment.grace-period", () -> "0s");
        registry.add("assets.payment.pending-cron", () -> "-");
        registry.add("assets.payment.daily-cron", () -> "-");
    }

    @AfterAll
    static void stopGateway() {
        ZARINPAL.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    TopUps topUps;

    @Autowired
    PaymentReconciliation reconciliation;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck ledgerCheck;

    @Autowired
    JdbcClient jdbc;

    long available(long userId) {
        return ledger.balance(ledger.walletOf(userId)).available();
    }

    String status(long paymentId) {
        return jdbc.sql("select status from payments where id = ?")
                .param(paymentId)
                .query(String.class)
                .single();
    }

    @Test
    void theCallbackAnswersWhileZarinpalStillVerifiesAndThePaymentIsCreditedOnce() throws Exception {
        ZARINPAL.requestGives(AUTHORITY, 0);
        ZARINPAL.verifyAnswers(ZarinpalStub.verified(100, 20001, 0), Duration.ofSeconds(20));
        actAs(PAYER);
        long payer = jdbc.sql("select id from users where email = ?")
                .param(PAYER)
                .query(Long.class)
                .single();
        long before = available(payer);
        topUps.startTopUp(320_000L, TopUpPurpose.WALLET_TOP_UP, null);
        SecurityContextHolder.clearContext();
        String state = ZARINPAL.lastCallbackState();
        long id = jdbc.sql("select id from payments where authority = ?")
                .param(AUTHORITY)
                .query(Long.class)
                .single();

        var http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/payment/callback?state="
                                + URLEncoder.encode(state, StandardCharsets.UTF_8) + "&Authority=" + AUTHORITY
                                + "&Status=OK"))
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        // Answered, and sent on to the result page, while the verify is still unanswered: the
        // payment still awaits the gateway, which the result page shows as "confirming"
        // (PaymentViewsTest) and polls until it is settled.
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/payment/result?payment=" + id);
        assertThat(status(id)).isEqualTo("REDIRECTED");
        assertThat(available(payer)).isEqualTo(before);

        // Reconciliation races the background verification: both ask Zarinpal, one credits.
        var race = CompletableFuture.runAsync(() -> reconciliation.reconcilePending("race"));
        for (int i = 0; i < 1200 && !"VERIFIED".equals(status(id)); i++) {
            Thread.sleep(100);
        }
        race.get();

        assertThat(status(id)).isEqualTo("VERIFIED");
        assertThat(ZARINPAL.verifyCalls()).isGreaterThanOrEqualTo(2);
        assertThat(available(payer)).isEqualTo(before + 320_000);
        assertThat(jdbc.sql("select count(*) from ledger_transactions where idempotency_key = ?")
                        .param("topup:" + id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(ledgerCheck.check().ok()).isTrue();
    }
}
