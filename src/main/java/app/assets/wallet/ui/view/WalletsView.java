package app.assets.wallet.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.security.Permissions;
import app.assets.base.ui.component.MoneyField;
import app.assets.base.ui.component.Toasts;
import app.assets.identity.CurrentUser;
import app.assets.identity.UserDirectory.Person;
import app.assets.ledger.StatementFilter;
import app.assets.ledger.StatementLine;
import app.assets.wallet.service.WalletService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.UUID;

/** Staff read any wallet (wallet.read.any); ADMIN also posts manual adjustments with a reason (wallet.adjust). */
@Route("admin/wallets")
@PageTitle("Assets")
@Menu(order = 41, icon = "vaadin:book-dollar", title = "nav.wallets")
@RolesAllowed(Permissions.WALLET_READ_ANY)
public class WalletsView extends VerticalLayout {

    final ComboBox<Person> owner = new ComboBox<>();
    final BalanceCards balances = new BalanceCards();
    final StatementGrid statement;
    final Button adjust = new Button();

    public WalletsView(WalletService wallet, CurrentUser currentUser) {
        addClassName("page");
        owner.setId("wallet-owner");
        owner.setLabel(getTranslation("wallets.owner"));
        owner.setWidthFull();
        owner.setMaxWidth("24rem");
        // No brackets: a closing bracket after a Latin email jumps to the wrong end in a right-to-left page.
        owner.setItemLabelGenerator(p -> p.displayName() + " · " + p.email());
        owner.setItems(q -> wallet.findOwners(q.getFilter().orElse(""), q.getOffset(), q.getLimit()).stream());
        statement = new StatementGrid(new StatementGrid.Source() {
            @Override
            public List<StatementLine> fetch(StatementFilter filter, int offset, int limit) {
                return owner.getValue() == null
                        ? List.of()
                        : wallet.statementOf(owner.getValue().id(), filter, offset, limit);
            }

            @Override
            public int count(StatementFilter filter) {
                return owner.getValue() == null
                        ? 0
                        : wallet.statementSizeOf(owner.getValue().id(), filter);
            }
        });
        statement.grid.setHeight("26rem");
        adjust.setText(getTranslation("wallets.adjust"));
        adjust.setId("open-adjust");
        adjust.setVisible(currentUser.has(Permissions.WALLET_ADJUST));
        adjust.setEnabled(false);
        adjust.addClickListener(e -> openAdjust(wallet));
        owner.addValueChangeListener(e -> {
            adjust.setEnabled(e.getValue() != null);
            if (e.getValue() != null) {
                balances.show(wallet.balanceOf(e.getValue().id()));
            } else {
                balances.removeAll();
            }
            statement.refresh();
        });
        add(new H2(getTranslation("nav.wallets")), owner, balances, adjust, statement);
    }

    private void openAdjust(WalletService wallet) {
        var person = owner.getValue();
        UUID requestId = UUID.randomUUID();
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("wallets.adjust") + " · " + person.email());
        dialog.setWidth("28rem");
        var direction = new RadioButtonGroup<String>(getTranslation("wallets.direction"));
        direction.setItems("credit", "debit");
        direction.setItemLabelGenerator(d -> getTranslation("wallets." + d));
        direction.setValue("credit");
        var amount = new MoneyField(getTranslation("statement.amount"));
        amount.setId("adjust-amount");
        amount.setWidthFull();
        var reason = new TextArea(getTranslation("withdrawal.reason"));
        reason.setId("adjust-reason");
        reason.setMaxLength(WalletService.REASON_MAX);
        reason.setWidthFull();
        var save = new Button(getTranslation("wallets.adjust"), e -> {
            amount.setInvalid(false);
            reason.setInvalid(false);
            try {
                long value = amount.requiredAmount();
                var done = wallet.adjust(
                        requestId,
                        person.id(),
                        "debit".equals(direction.getValue()) ? -value : value,
                        reason.getValue());
                dialog.close();
                if (done.pending()) {
                    Toasts.info(getTranslation(
                            "adjustment.pending", Formats.money(wallet.adjustmentApprovalAbove(), getLocale())));
                }
                balances.show(wallet.balanceOf(person.id()));
                statement.refresh();
            } catch (UserInputException ex) {
                var field = ex.messageKey().startsWith("reason.") ? reason : amount;
                field.setErrorMessage(getTranslation(ex.messageKey(), ex.arguments()));
                field.setInvalid(true);
            }
        });
        save.setId("adjust-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(direction, amount, reason));
        dialog.getFooter().add(new Button(getTranslation("common.cancel"), e -> dialog.close()), save);
        dialog.open();
    }
}
