package app.assets.payment.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.gateway.ZarinpalCodes;
import app.assets.payment.service.PaymentQueries;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import java.util.Optional;

/**
 * Where the payer lands after Zarinpal: the outcome of the top-up and the new balance, in the
 * user's language. The callback answers before Zarinpal has confirmed the payment, so a payment
 * still awaiting the gateway shows "confirming" and the page polls until the outcome is known (for
 * up to {@link #MAX_POLLS} seconds; then it says the money is added once confirmed).
 */
@Route("payment/result")
@PageTitle("Assets")
@PermitAll
public class PaymentResultView extends VerticalLayout implements BeforeEnterObserver {

    final H2 title = new H2();
    final Paragraph detail = new Paragraph();
    final Paragraph balance = new Paragraph();
    private final PaymentQueries payments;

    static final int POLL_MILLIS = 1000;
    static final int MAX_POLLS = 120;
    private Registration polling;
    private int polls;

    public PaymentResultView(PaymentQueries payments) {
        this.payments = payments;
        addClassName("page");
        title.setId("payment-outcome");
        detail.setId("payment-detail");
        balance.setId("payment-balance");
        var wallet = new Anchor("wallet", getTranslation("payment.toWallet"));
        wallet.setId("to-wallet");
        var again = new Anchor("wallet/top-up", getTranslation("payment.again"));
        add(title, detail, balance, new HorizontalLayout(wallet, again));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        var refused =
                params.getOrDefault("refused", java.util.List.of()).stream().findFirst();
        Optional<Payment> payment = params.getOrDefault("payment", java.util.List.of()).stream()
                .findFirst()
                .flatMap(PaymentResultView::number)
                .flatMap(payments::myPayment);
        if (refused.isPresent() && refused.get().startsWith("payment.callback.")) {
            title.setText(getTranslation("payment.outcome.refused"));
            detail.setText(getTranslation(refused.get()));
        } else if (payment.isEmpty()) {
            title.setText(getTranslation("payment.notFound"));
            detail.setText("");
        } else {
            show(payment.get());
            if (waiting(payment.get())) {
                watch(event.getUI(), payment.get().id());
            }
        }
        balance.setText(getTranslation("topUp.available", Formats.money(payments.myAvailableBalance(), getLocale())));
    }

    private void show(Payment p) {
        String amount = Formats.money(p.amount(), getLocale());
        title.setText(getTranslation(Keys.of("payment.outcome.", p.status())));
        if (p.status() == PaymentStatus.VERIFIED || p.status() == PaymentStatus.REFUNDED) {
            detail.setText(getTranslation(
                    "payment.outcome.verifiedDetail", amount, Formats.digits(String.valueOf(p.refId()), getLocale())));
        } else if (waiting(p)) {
            detail.setText(getTranslation(
                    polls < MAX_POLLS ? "payment.outcome.confirmingDetail" : "payment.outcome.pendingDetail", amount));
        } else {
            detail.setText(
                    p.lastCode() == null
                            ? getTranslation("payment.outcome.noMoneyDetail", amount)
                            : getTranslation(ZarinpalCodes.messageKey(p.lastCode())) + " "
                                    + getTranslation("payment.outcome.noMoneyDetail", amount));
        }
    }

    private static boolean waiting(Payment p) {
        return p.status() == PaymentStatus.REDIRECTED || p.status() == PaymentStatus.CREATED;
    }

    /** Polls until the payment is settled: the verification runs in the background. */
    private void watch(UI ui, long paymentId) {
        if (polling != null) {
            return;
        }
        polls = 0;
        ui.setPollInterval(POLL_MILLIS);
        polling = ui.addPollListener(e -> {
            polls++;
            var now = payments.myPayment(paymentId);
            now.ifPresent(this::show);
            balance.setText(
                    getTranslation("topUp.available", Formats.money(payments.myAvailableBalance(), getLocale())));
            if (now.isEmpty() || !waiting(now.get()) || polls >= MAX_POLLS) {
                stopPolling(ui);
            }
        });
        addDetachListener(e -> stopPolling(ui));
    }

    private void stopPolling(UI ui) {
        if (polling != null) {
            polling.remove();
            polling = null;
            ui.setPollInterval(-1);
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
