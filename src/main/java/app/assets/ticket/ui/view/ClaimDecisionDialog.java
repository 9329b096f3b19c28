package app.assets.ticket.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.MoneyField;
import app.assets.base.ui.component.Toasts;
import app.assets.ticket.domain.Deposit;
import app.assets.ticket.service.DepositService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * SUPPORT decides a disputed damage claim: the amount that goes to the lender (0 to the claim) and
 * a written reason; a refusal shows on its field and the dialog stays open.
 */
class ClaimDecisionDialog extends Dialog {

    ClaimDecisionDialog(long ticketId, long claimAmount, DepositService deposits, Runnable afterwards) {
        setHeaderTitle(getTranslation("deposit.decide") + " · " + getTranslation("ticket.number", ticketId));
        setWidth("min(28rem, 95vw)");
        var amount = new MoneyField(getTranslation("deposit.decideAmount"));
        amount.setId("decide-amount");
        amount.setHelperText(getTranslation("deposit.decideAmountHelp", Formats.money(claimAmount, getLocale())));
        var reason = new TextArea(getTranslation("deposit.decisionReason"));
        reason.setId("decide-reason");
        reason.setMaxLength(Deposit.REASON_MAX);
        reason.setWidthFull();
        var confirm = new Button(getTranslation("deposit.decide"), e -> {
            try {
                deposits.decide(ticketId, amount.amount(), reason.getValue());
                close();
                Toasts.success(getTranslation("deposit.decided"));
                afterwards.run();
            } catch (UserInputException ex) {
                var field = ex.messageKey().startsWith("reason.") ? reason : null;
                if (field != null) {
                    field.setErrorMessage(getTranslation(ex.messageKey(), ex.arguments()));
                    field.setInvalid(true);
                } else {
                    amount.setErrorMessage(getTranslation(ex.messageKey(), ex.arguments()));
                    amount.setInvalid(true);
                }
            }
        });
        confirm.setId("confirm-decision");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new VerticalLayout(amount, reason));
        getFooter().add(new Button(getTranslation("common.cancel"), e -> close()), confirm);
    }
}
