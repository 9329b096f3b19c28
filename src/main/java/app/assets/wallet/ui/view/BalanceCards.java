package app.assets.wallet.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.ledger.Balance;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** Posted, held and available balance side by side. */
class BalanceCards extends Div {

    BalanceCards() {
        addClassName("balance-cards");
    }

    void show(Balance balance) {
        removeAll();
        add(
                card("wallet.available", balance.available(), "balance-available", true),
                card("wallet.posted", balance.posted(), "balance-posted", false),
                card("wallet.held", balance.held(), "balance-held", false));
    }

    private Div card(String labelKey, long amount, String id, boolean main) {
        var label = new Span(getTranslation(labelKey));
        label.addClassName("muted");
        var value = new Span(Formats.money(amount, getLocale()));
        value.setId(id);
        value.addClassName(main ? "balance-main" : "balance-value");
        var card = new Div(label, value);
        card.addClassName("balance-card");
        return card;
    }
}
