package app.assets.wallet.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.ReasonDialog;
import app.assets.base.ui.component.Toasts;
import app.assets.wallet.service.WalletService;
import app.assets.wallet.service.WalletService.Withdrawal;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
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
        grid.addColumn(w -> Formats.money(w.amount(), getLocale()))
                .setHeader(getTranslation("statement.amount"))
                .setAutoWidth(true);
        grid.addColumn(Withdrawal::email)
                .setHeader(getTranslation("users.email"))
                .setAutoWidth(true);
        grid.addColumn(w -> Formats.dateTime(w.createdAt(), getLocale()))
                .setHeader(getTranslation("statement.date"))
                .setAutoWidth(true);
        grid.addComponentColumn(w -> {
                    var approve = new Button(getTranslation("withdrawal.approve"), e -> {
                        try {
                            wallet.approveWithdrawal(w.id());
                        } catch (
                                UserInputException
                                        refused) { // e.g. one's own request (four eyes), or decided meanwhile
                            Toasts.error(this, refused);
                        }
                        grid.getDataProvider().refreshAll();
                    });
                    approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
                    approve.setDisableOnClick(true);
                    var reject = new Button(getTranslation("withdrawal.reject"), e -> reject(wallet, w));
                    reject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                    return new HorizontalLayout(approve, reject);
                })
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozenToEnd(true); // the decision stays in view on a phone
        grid.setItems(
                q -> wallet.pendingWithdrawals(q.getOffset(), q.getLimit()).stream(),
                q -> wallet.pendingWithdrawalCount());
        grid.setEmptyStateText(getTranslation("withdrawal.queueEmpty"));
        add(new H2(getTranslation("nav.withdrawals")), grid);
        setFlexGrow(1, grid);
    }

    private void reject(WalletService wallet, Withdrawal w) {
        new ReasonDialog(
                        w.email(),
                        WalletService.REASON_MAX,
                        "reject",
                        reason -> wallet.rejectWithdrawal(w.id(), reason),
                        grid.getDataProvider()::refreshAll)
                .open();
    }
}
