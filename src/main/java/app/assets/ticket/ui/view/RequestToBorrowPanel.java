package app.assets.ticket.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.MoneyField;
import app.assets.base.ui.component.Toasts;
import app.assets.listing.ListingPanels;
import app.assets.listing.ListingSummary;
import app.assets.ticket.domain.Ticket;
import app.assets.ticket.service.TicketService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Optional;
import java.util.UUID;

/**
 * The "Request to borrow" form on a listing's page, for borrowable listings the viewer does not
 * own: days, and a price that follows days x daily price until the borrower changes it.
 */
@org.springframework.stereotype.Component
public class RequestToBorrowPanel implements ListingPanels {

    private final TicketService tickets;

    public RequestToBorrowPanel(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public Optional<Component> panelFor(ListingSummary listing, long viewerUserId) {
        if (!listing.borrowable() || listing.ownerUserId() == viewerUserId) {
            return Optional.empty();
        }
        return Optional.of(new Form(listing));
    }

    private final class Form extends Div {

        private final UUID requestId = UUID.randomUUID();
        private boolean priceEdited;

        Form(ListingSummary listing) {
            setId("request-to-borrow");
            getStyle()
                    .set("border", "1px solid var(--lumo-contrast-10pct)")
                    .set("border-radius", "var(--lumo-border-radius-l)")
                    .set("padding", "var(--lumo-space-m)")
                    .set("width", "100%")
                    .set("box-sizing", "border-box");
            // A text field of digits (Latin or Persian) rather than an IntegerField: it reads Persian digits too.
            var days = new TextField(getTranslation("ticket.days"));
            days.setId("borrow-days");
            days.setAllowedCharPattern("[0-9۰-۹٠-٩]");
            days.setMaxLength(3);
            days.setWidth("8rem");
            days.setValue("1");
            var price = new MoneyField(getTranslation("ticket.price"));
            price.setId("borrow-price");
            price.setAmount(listing.dailyPrice());
            price.setHelperText(getTranslation("ticket.priceHelp", Formats.money(listing.dailyPrice(), getLocale())));
            price.addValueChangeListener(e -> priceEdited |= e.isFromClient());
            days.addValueChangeListener(e -> {
                Integer n = number(e.getValue());
                if (!priceEdited && n != null && n > 0 && n <= Ticket.DAYS_MAX) {
                    price.setAmount(listing.dailyPrice() * n);
                }
            });
            var request = new Button(getTranslation("ticket.request"), VaadinIcon.HANDSHAKE.create(), e -> {
                try {
                    long id = tickets.request(requestId, listing.id(), number(days.getValue()), price.requiredAmount());
                    Toasts.success(getTranslation("ticket.requested"));
                    getUI().ifPresent(ui -> ui.navigate("tickets/" + id));
                } catch (UserInputException ex) {
                    Toasts.error(this, ex);
                }
            });
            request.setId("request-borrow");
            request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            var fields = new HorizontalLayout(days, price, request);
            fields.setWrap(true);
            fields.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            add(new H3(getTranslation("ticket.requestTitle")), fields);
        }

        private static Integer number(String text) {
            String value = text == null ? "" : Formats.latinDigits(text).strip();
            return value.matches("[0-9]{1,3}") ? Integer.valueOf(value) : null;
        }
    }
}
