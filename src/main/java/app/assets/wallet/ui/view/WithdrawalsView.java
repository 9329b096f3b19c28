package app.assets.wallet.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.wallet.service.WalletService;
import app.assets.wallet.service.WalletService.Withdrawal;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/** The queue of pending withdrawals: approve (the held money leaves the wallet) or reject with a reason. */
@Route("admin/withdrawals")
@PageTitle("Assets")
@Menu(order = 40, icon = "vaadin:money-withdraw", title = "nav.withdrawals")
@RolesAllowed(Permissions.WITHDRAWAL_APPROVE)
public class WithdrawalsView extends VerticalLayout {

    final Grid<Withdrawal> grid = new Grid<>();

    public WithdrawalsView(WalletService wallet) {
        addClassName("page");
        setSizeFull();
        grid.setId("withdrawal-queue");
        // What staff decide on comes first: on a phone only the first column shows beside the frozen buttons.
        grid.addColumn(w -> Formats.money(w.amount(), getLocale())).setHeader(getTranslation("statement.amount")).setAutoWidth(true);
        grid.addColumn(Withdrawal::email).setHeader(getTranslation("users.email")).setAutoWidth(true);
        grid.addColumn(w -> Formats.dateTime(w.createdAt(), getLocale())).setHeader(getTranslation("statement.date")).setAutoWidth(true);
        grid.addComponentColumn(w -> {
            var approve = new Button(getTranslation("withdrawal.approve"), e -> {
                wallet.approveWithdrawal(w.id());
                grid.getDataProvider().refreshAll();
            });
            approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
            approve.setDisableOnClick(true);
            var reject = new Button(getTranslation("withdrawal.reject"), e -> reject(wallet, w));
            reject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return new HorizontalLayout(approve, reject);
        }).setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true); // the decision stays in view on a phone
        grid.setItems(q -> wallet.pendingWithdrawals(q.getOffset(), q.getLimit()).stream(), q -> wallet.pendingWithdrawalCount());
        grid.setEmptyStateText(getTranslation("withdrawal.queueEmpty"));
        add(new H2(getTranslation("nav.withdrawals")), grid);
        setFlexGrow(1, grid);
    }

    private void reject(WalletService wallet, Withdrawal w) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("withdrawal.reject") + " · " + w.email());
        dialog.setWidth("26rem");
        var reason = new TextArea(getTranslation("withdrawal.reason"));
        reason.setId("reject-reason");
        reason.setMaxLength(WalletService.REASON_MAX);
        reason.setWidthFull();
        var confirm = new Button(getTranslation("withdrawal.reject"), e -> {
            try {
                wallet.rejectWithdrawal(w.id(), reason.getValue());
                dialog.close();
                grid.getDataProvider().refreshAll();
            } catch (app.assets.base.error.UserInputException ex) {
                reason.setErrorMessage(getTranslation(ex.messageKey(), ex.arguments()));
                reason.setInvalid(true);
            }
        });
        confirm.setId("reject-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.add(reason);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), confirm);
        dialog.open();
    }
}
