package app.assets.wallet.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.ReasonDialog;
import app.assets.base.ui.component.Toasts;
import app.assets.wallet.service.WalletService;
import app.assets.wallet.service.WalletService.AdjustmentRequest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * Large manual adjustments waiting for a second ADMIN: approve (the money moves) or reject with a
 * reason. The service refuses one's own request and one's own wallet; this view shows why.
 */
@Route("admin/adjustments")
@PageTitle("Assets")
@Menu(order = 41.5, icon = "vaadin:check-circle-o", title = "nav.adjustments")
@RolesAllowed(Permissions.WALLET_ADJUST)
public class AdjustmentsView extends VerticalLayout {

    final Grid<AdjustmentRequest> grid = new Grid<>();

    public AdjustmentsView(WalletService wallet) {
        addClassName("page");
        setSizeFull();
        grid.setId("adjustment-queue");
        grid.addColumn(r -> Formats.signedMoney(r.amount(), getLocale()))
                .setHeader(getTranslation("statement.amount"))
                .setAutoWidth(true);
        grid.addColumn(AdjustmentRequest::email)
                .setHeader(getTranslation("wallets.owner"))
                .setAutoWidth(true);
        grid.addColumn(AdjustmentRequest::requestedBy)
                .setHeader(getTranslation("adjustment.requestedBy"))
                .setAutoWidth(true);
        grid.addColumn(AdjustmentRequest::reason)
                .setHeader(getTranslation("common.reason"))
                .setFlexGrow(1);
        grid.addColumn(r -> Formats.dateTime(r.createdAt(), getLocale()))
                .setHeader(getTranslation("statement.date"))
                .setAutoWidth(true);
        grid.addComponentColumn(r -> {
                    var approve = new Button(getTranslation("adjustment.approve"), e -> approve(wallet, r));
                    approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
                    approve.setDisableOnClick(true);
                    var reject = new Button(
                            getTranslation("common.reject"),
                            e -> new ReasonDialog(
                                            r.email(),
                                            WalletService.REASON_MAX,
                                            "reject",
                                            reason -> wallet.rejectAdjustment(r.id(), reason),
                                            grid.getDataProvider()::refreshAll)
                                    .open());
                    reject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                    return new HorizontalLayout(approve, reject);
                })
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setFrozenToEnd(true);
        grid.setItems(
                q -> wallet.pendingAdjustments(q.getOffset(), q.getLimit()).stream(),
                q -> wallet.pendingAdjustmentCount());
        grid.setEmptyStateText(getTranslation("adjustment.queueEmpty"));
        add(
                new H2(getTranslation("nav.adjustments")),
                new Paragraph(getTranslation(
                        "adjustment.limit", Formats.money(wallet.adjustmentApprovalAbove(), getLocale()))),
                grid);
        setFlexGrow(1, grid);
    }

    private void approve(WalletService wallet, AdjustmentRequest r) {
        try {
            wallet.approveAdjustment(r.id());
            Toasts.success(getTranslation("adjustment.approved"));
        } catch (UserInputException refused) {
            Toasts.error(this, refused);
        }
        grid.getDataProvider().refreshAll();
    }
}
