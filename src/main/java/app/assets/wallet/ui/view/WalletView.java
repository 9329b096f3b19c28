package app.assets.wallet.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.MoneyField;
import app.assets.base.ui.component.Toasts;
import app.assets.ledger.StatementFilter;
import app.assets.ledger.StatementLine;
import app.assets.wallet.service.WalletService;
import app.assets.wallet.service.WalletService.Withdrawal;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.UUID;

/** A user's own wallet: balances, statement, transfer to another user, and withdrawal requests. */
@Route("wallet")
@PageTitle("Assets")
@Menu(order = 10, icon = "vaadin:wallet", title = "nav.wallet")
@PermitAll
public class WalletView extends VerticalLayout {

    private final WalletService wallet;
    final BalanceCards balances = new BalanceCards();
    final StatementGrid statement;
    final Grid<Withdrawal> withdrawals = new Grid<>();

    public WalletView(WalletService wallet) {
        this.wallet = wallet;
        addClassName("page");
        statement = new StatementGrid(new StatementGrid.Source() {
            @Override
            public List<StatementLine> fetch(StatementFilter filter, int offset, int limit) {
                return wallet.myStatement(filter, offset, limit);
            }

            @Override
            public int count(StatementFilter filter) {
                return wallet.myStatementSize(filter);
            }
        });
        statement.grid.setHeight("28rem");
        var transfer = new Button(getTranslation("wallet.transfer"), VaadinIcon.EXCHANGE.create(), e -> openTransfer());
        transfer.setId("open-transfer");
        transfer.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var withdraw = new Button(
                getTranslation("wallet.withdraw"), VaadinIcon.MONEY_WITHDRAW.create(), e -> openWithdrawal());
        withdraw.setId("open-withdrawal");
        // Top-ups live in the payment module; a route name, not a class, keeps wallet independent of it.
        var topUp = new Button(
                getTranslation("nav.topUp"),
                VaadinIcon.CREDIT_CARD.create(),
                e -> getUI().ifPresent(ui -> ui.navigate("wallet/top-up")));
        topUp.setId("open-top-up");
        withdrawals.setId("my-withdrawals");
        withdrawals
                .addColumn(w -> Formats.dateTime(w.createdAt(), getLocale()))
                .setHeader(getTranslation("statement.date"))
                .setAutoWidth(true);
        withdrawals
                .addColumn(w -> Formats.money(w.amount(), getLocale()))
                .setHeader(getTranslation("statement.amount"))
                .setAutoWidth(true);
        withdrawals
                .addColumn(w -> getTranslation("withdrawal.status." + w.status()))
                .setHeader(getTranslation("withdrawal.status"))
                .setAutoWidth(true);
        withdrawals
                .addColumn(w -> w.reason() == null ? "" : w.reason())
                .setHeader(getTranslation("withdrawal.reason"))
                .setFlexGrow(1);
        withdrawals.setItems(q -> wallet.myWithdrawals(q.getOffset(), q.getLimit()).stream());
        withdrawals.setAllRowsVisible(true);
        withdrawals.setEmptyStateText(getTranslation("withdrawal.none"));
        add(
                new H2(getTranslation("nav.wallet")),
                balances,
                new HorizontalLayout(topUp, transfer, withdraw),
                new H3(getTranslation("wallet.statement")),
                statement,
                new H3(getTranslation("wallet.withdrawals")),
                withdrawals);
        refresh();
    }

    private void refresh() {
        balances.show(wallet.myBalance());
        statement.refresh();
        withdrawals.getDataProvider().refreshAll();
    }

    void openTransfer() {
        // One request id per opened form: a double click or a retry cannot move the money twice.
        UUID requestId = UUID.randomUUID();
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("wallet.transfer"));
        dialog.setWidth("26rem");
        var recipient = new EmailField(getTranslation("transfer.recipient"));
        recipient.setId("transfer-recipient");
        recipient.setWidthFull();
        var amount = new MoneyField(getTranslation("statement.amount"));
        amount.setId("transfer-amount");
        amount.setWidthFull();
        var note = new TextArea(getTranslation("transfer.note"));
        note.setId("transfer-note");
        note.setMaxLength(WalletService.NOTE_MAX);
        note.setWidthFull();
        var next = new Button(getTranslation("transfer.review"));
        next.setId("transfer-review");
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.addClickListener(e -> {
            recipient.setInvalid(false);
            amount.setInvalid(false);
            note.setInvalid(false);
            try {
                var preview = wallet.previewTransfer(recipient.getValue(), amount.requiredAmount(), note.getValue());
                dialog.close();
                confirmTransfer(requestId, preview, note.getValue());
            } catch (UserInputException ex) {
                var field = ex.messageKey().startsWith("transfer.note")
                        ? note
                        : ex.messageKey().startsWith("transfer.")
                                        || ex.messageKey().startsWith("email.")
                                ? recipient
                                : amount;
                field.setErrorMessage(getTranslation(ex.messageKey(), ex.arguments()));
                field.setInvalid(true);
            }
        });
        dialog.add(new VerticalLayout(recipient, amount, note));
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), next);
        dialog.open();
    }

    private void confirmTransfer(UUID requestId, WalletService.TransferPreview preview, String note) {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("transfer.confirmTitle"));
        dialog.setWidth("26rem");
        var text = new Paragraph(getTranslation(
                "transfer.confirmText",
                Formats.money(preview.amount(), getLocale()),
                preview.recipientEmail(),
                Formats.money(preview.availableAfter(), getLocale())));
        text.setId("transfer-confirm-text");
        var confirm = new Button(getTranslation("transfer.confirm"));
        confirm.setId("transfer-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.setDisableOnClick(true);
        confirm.addClickListener(e -> {
            try {
                wallet.transfer(requestId, preview.recipientEmail(), preview.amount(), note);
                dialog.close();
                Toasts.success(getTranslation("transfer.done"));
                refresh();
            } catch (UserInputException ex) {
                confirm.setEnabled(true);
                throw ex;
            }
        });
        dialog.add(text);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), confirm);
        dialog.open();
    }

    void openWithdrawal() {
        UUID requestId = UUID.randomUUID();
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("wallet.withdraw"));
        dialog.setWidth("26rem");
        var amount = new MoneyField(getTranslation("statement.amount"));
        amount.setId("withdrawal-amount");
        amount.setWidthFull();
        amount.setHelperText(getTranslation(
                "withdrawal.help", Formats.money(wallet.myBalance().available(), getLocale())));
        var submit = new Button(getTranslation("withdrawal.submit"));
        submit.setId("withdrawal-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> {
            try {
                wallet.requestWithdrawal(requestId, amount.requiredAmount());
                dialog.close();
                Toasts.success(getTranslation("withdrawal.requested"));
                refresh();
            } catch (UserInputException ex) {
                amount.setErrorMessage(getTranslation(ex.messageKey(), ex.arguments()));
                amount.setInvalid(true);
            }
        });
        dialog.add(amount);
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), submit);
        dialog.open();
    }
}
