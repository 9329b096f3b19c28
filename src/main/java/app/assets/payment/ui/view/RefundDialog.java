package app.assets.payment.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.Toasts;
import app.assets.payment.domain.Payment;
import app.assets.payment.domain.PaymentStatus;
import app.assets.payment.service.PaymentRefunds;
import app.assets.payment.service.PaymentSettlement;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * "Refund, and say why" for a verified payment. A refusal shows on the reason field and the dialog
 * stays open; otherwise it closes, tells whether the refund is done or pending, and runs
 * {@code afterwards} (refresh the list).
 */
class RefundDialog extends Dialog {

    RefundDialog(Payment p, PaymentRefunds refunds, Runnable afterwards) {
        setHeaderTitle(getTranslation("payment.refundTitle", p.id(), Formats.money(p.amount(), getLocale())));
        var reason = new TextArea(getTranslation("withdrawal.reason"));
        reason.setWidthFull();
        reason.setMaxLength(PaymentSettlement.REFUND_REASON_MAX);
        reason.setId("refund-reason");
        var confirm = new Button(getTranslation("payment.refund"), e -> {
            try {
                var after = refunds.refund(p.id(), reason.getValue());
                close();
                // No answer from Zarinpal: the amount stays held and reconciliation finishes the refund.
                if (after.status() == PaymentStatus.REFUNDED) {
                    Toasts.success(getTranslation("payment.status.REFUNDED"));
                } else {
                    Toasts.info(getTranslation("payment.refundPending"));
                }
                afterwards.run();
            } catch (UserInputException ex) {
                reason.setErrorMessage(getTranslation(ex.messageKey(), ex.arguments()));
                reason.setInvalid(true);
            }
        });
        confirm.setId("refund-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        add(reason);
        getFooter().add(new Button(getTranslation("common.cancel"), e -> close()), confirm);
    }
}
