package app.assets.payment.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.MoneyField;
import app.assets.payment.TopUpPurpose;
import app.assets.payment.domain.Payment;
import app.assets.payment.service.PaymentQueries;
import app.assets.payment.service.TopUps;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** Top up the wallet through Zarinpal: preset or custom amount, then off to the gateway; and the user's payments. */
@Route("wallet/top-up")
@PageTitle("Assets")
@Menu(order = 11, icon = "vaadin:credit-card", title = "nav.topUp")
@PermitAll
public class TopUpView extends VerticalLayout implements BeforeEnterObserver {

    final MoneyField amount;
    final Button pay;
    final Grid<Payment> history = new Grid<>();
    private final PaymentQueries payments;
    private final TopUps topUps;
    private final Paragraph purposeNote = new Paragraph();
    /** The lending ticket whose shortfall this top-up pays (from ?ticket=), or null for a plain top-up. */
    private String ticketReference;

    public TopUpView(PaymentQueries payments, TopUps topUps) {
        this.payments = payments;
        this.topUps = topUps;
        addClassName("page");
        var limits = topUps.limits();
        var balance = new Paragraph(
                getTranslation("topUp.available", Formats.money(payments.myAvailableBalance(), getLocale())));
        balance.setId("top-up-balance");
        amount = new MoneyField(getTranslation("statement.amount"));
        amount.setId("top-up-amount");
        amount.setHelperText(getTranslation(
                "topUp.limits", Formats.money(limits.min(), getLocale()), Formats.money(limits.max(), getLocale())));
        amount.setWidth("min(100%, 20rem)");
        var presets = new FlexLayout();
        presets.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        presets.getStyle().set("gap", "var(--lumo-space-s)");
        for (long preset : limits.presets()) {
            var button = new Button(Formats.money(preset, getLocale()), e -> amount.setAmount(preset));
            button.setId("preset-" + preset);
            button.addThemeVariants(ButtonVariant.LUMO_CONTRAST);
            presets.add(button);
        }
        pay = new Button(getTranslation("topUp.pay"), VaadinIcon.CREDIT_CARD.create(), e -> pay());
        pay.setId("top-up-pay");
        pay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        pay.setDisableOnClick(true);

        history.setId("my-payments");
        history.addColumn(p -> Formats.dateTime(p.createdAt(), getLocale()))
                .setHeader(getTranslation("statement.date"))
                .setAutoWidth(true);
        history.addColumn(p -> Formats.money(p.amount(), getLocale()))
                .setHeader(getTranslation("statement.amount"))
                .setAutoWidth(true);
        history.addColumn(p -> getTranslation(Keys.of("payment.status.", p.status())))
                .setHeader(getTranslation("payment.status"))
                .setAutoWidth(true);
        history.addColumn(p -> p.refId() == null ? "" : Formats.digits(p.refId(), getLocale()))
                .setHeader(getTranslation("payment.refId"))
                .setAutoWidth(true);
        history.addColumn(p -> p.lastError() == null || p.status().isCredited()
                        ? ""
                        : getTranslation(app.assets.payment.gateway.ZarinpalCodes.messageKey(p.lastCode())))
                .setHeader(getTranslation("payment.note"))
                .setFlexGrow(1);
        history.setItems(q -> payments.myPayments(q.getOffset(), q.getLimit()).stream());
        history.setEmptyStateText(getTranslation("payment.none"));
        history.setHeight("22rem");

        purposeNote.setId("top-up-purpose");
        purposeNote.setVisible(false);
        add(
                new H2(getTranslation("topUp.title")),
                balance,
                new Paragraph(getTranslation("topUp.intro")),
                purposeNote,
                presets,
                new HorizontalLayout(amount),
                pay,
                new H3(getTranslation("payment.history")),
                history);
    }

    void pay() {
        amount.setInvalid(false);
        try {
            long value = amount.requiredAmount();
            String startPay = ticketReference == null
                    ? topUps.startTopUp(value, TopUpPurpose.WALLET_TOP_UP, null)
                    : topUps.startTopUp(value, TopUpPurpose.TICKET_SHORTFALL, ticketReference);
            getUI().ifPresent(ui -> ui.getPage().setLocation(startPay));
        } catch (UserInputException ex) {
            amount.setErrorMessage(getTranslation(ex.messageKey(), ex.arguments()));
            amount.setInvalid(true);
            pay.setEnabled(true);
            history.getDataProvider().refreshAll();
        }
    }

    /** {@code ?ticket=ID&amount=N}: a top-up for a lending ticket's shortfall; the ticket is paid once it is verified. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters();
        ticketReference = params.getSingleParameter("ticket")
                .filter(t -> t.matches("\\d{1,18}"))
                .orElse(null);
        params.getSingleParameter("amount")
                .filter(a -> a.matches("\\d{1,15}"))
                .map(Long::parseLong)
                .ifPresent(amount::setAmount);
        purposeNote.setVisible(ticketReference != null);
        if (ticketReference != null) {
            purposeNote.setText(getTranslation("topUp.forTicket", ticketReference));
        }
    }
}
