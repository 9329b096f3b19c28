package app.assets.payment.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.payment.service.TopUps;
import app.assets.support.KaribuTest;
import app.assets.support.ZarinpalStub;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Top-up, result and staff payment views, with WireMock as Zarinpal. */
class PaymentViewsTest extends KaribuTest {

    static final ZarinpalStub ZARINPAL = ZarinpalStub.started();
    static final String AUTHORITY = "A00000000000000000000000000000000777";

    static {
        ZARINPAL.requestGives(AUTHORITY, 0);
        ZARINPAL.verifyAnswers(ZarinpalStub.verified(100, 777001, 0));
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        ZARINPAL.register(registry);
    }

    @AfterAll
    static void stopGateway() {
        ZARINPAL.stop();
    }

    @Autowired
    TopUps topUps;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aUserTopsUpWithAPresetSeesTheOutcomeAndStaffSeeThePayment() {
        signIn("borrower@assets.local");
        navigate("wallet/top-up");
        _click(_get(Button.class, spec -> spec.withId("preset-500000")));
        _click(_get(Button.class, spec -> spec.withId("top-up-pay")));
        assertThat(jdbc.sql("select status from payments where authority = ?")
                        .param(AUTHORITY)
                        .query(String.class)
                        .single())
                .isEqualTo("REDIRECTED");
        String state = ZARINPAL.lastCallbackState();

        var result = topUps.handleCallback(state, AUTHORITY, "OK", "127.0.0.1");
        navigate("payment/result?payment=" + result.paymentId());
        assertThat(_get(H2.class, spec -> spec.withId("payment-outcome")).getText())
                .isEqualTo("Payment successful");
        assertThat(_get(Paragraph.class, spec -> spec.withId("payment-balance")).getText())
                .contains("500,000");

        useLanguage(Locale.forLanguageTag("fa"));
        navigate("payment/result?payment=" + result.paymentId());
        assertThat(_get(H2.class, spec -> spec.withId("payment-outcome")).getText())
                .isEqualTo("پرداخت موفق بود");

        signIn("lender@assets.local");
        navigate("payment/result?payment=" + result.paymentId());
        assertThat(_get(H2.class, spec -> spec.withId("payment-outcome")).getText())
                .as("another user's payment is not shown")
                .isNotEqualTo("پرداخت موفق بود");

        useLanguage(Locale.ENGLISH);
        signIn("auditor@assets.local");
        navigate("admin/payments");
        var view = _get(PaymentsView.class);
        // this test's payment, and the confirming test's when it ran first (both verified)
        assertThat(GridKt._size(view.grid)).isBetween(1, 2);
        assertThat(_find(Button.class, spec -> spec.withId("reconcile-now")))
                .as("auditors only read")
                .isEmpty();
        view.details(GridKt._get(view.grid, 0));
        assertThat(_find(Button.class, spec -> spec.withId("payment-refund"))).isEmpty();

        signIn("admin@assets.local");
        navigate("admin/payments");
        var admin = _get(PaymentsView.class);
        admin.details(GridKt._get(admin.grid, 0));
        assertThat(_get(Button.class, spec -> spec.withId("payment-refund")).isEnabled())
                .isTrue();
        assertThat(_get(Button.class, spec -> spec.withId("payment-verify-now")).isEnabled())
                .isFalse();
    }

    @Test
    void aPaymentStillBeingVerifiedShowsConfirmingAndTurnsIntoTheOutcomeByItself() {
        String authority = "A00000000000000000000000000000000778";
        var request = ZARINPAL.requestGives(authority, 0);
        signIn("lender@assets.local");
        try {
            topUps.startTopUp(300_000L, app.assets.payment.TopUpPurpose.WALLET_TOP_UP, null);
        } finally {
            ZARINPAL.removeStub(request);
        }
        long id = jdbc.sql("select id from payments where authority = ?")
                .param(authority)
                .query(Long.class)
                .single();
        String state = ZARINPAL.lastCallbackState();

        // The callback answered before Zarinpal did: the payment still awaits the gateway.
        useLanguage(Locale.forLanguageTag("fa"));
        navigate("payment/result?payment=" + id);
        assertThat(_get(H2.class, spec -> spec.withId("payment-outcome")).getText())
                .isEqualTo("پرداخت در حال تأیید است");
        useLanguage(Locale.ENGLISH);
        navigate("payment/result?payment=" + id);
        assertThat(_get(H2.class, spec -> spec.withId("payment-outcome")).getText())
                .isEqualTo("Payment being confirmed");
        assertThat(_get(Paragraph.class, spec -> spec.withId("payment-detail")).getText())
                .startsWith("We are confirming your payment of");
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(PaymentResultView.POLL_MILLIS);

        // A poll before the background verification ends changes nothing; one after shows the outcome and stops.
        ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), true));
        assertThat(_get(H2.class, spec -> spec.withId("payment-outcome")).getText())
                .isEqualTo("Payment being confirmed");
        topUps.handleCallback(state, authority, "OK", "127.0.0.1");
        ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), true));
        assertThat(_get(H2.class, spec -> spec.withId("payment-outcome")).getText())
                .isEqualTo("Payment successful");
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(-1);
    }

    @Test
    void anAmountOutsideTheLimitsIsExplainedOnTheField() {
        signIn("borrower@assets.local");
        navigate("wallet/top-up");
        var view = _get(TopUpView.class);
        view.amount.setValue("5");
        _click(view.pay);
        assertThat(view.amount.isInvalid()).isTrue();
        assertThat(view.amount.getErrorMessage()).startsWith("Top up between");
    }
}
