package app.assets.ticket.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.ui.component.DateField;
import app.assets.base.ui.component.MonthCalendar;
import app.assets.base.ui.component.Toasts;
import app.assets.listing.DateRange;
import app.assets.listing.ListingPanels;
import app.assets.listing.ListingSummary;
import app.assets.ticket.domain.Quote;
import app.assets.ticket.service.Bookings;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The "Request to borrow" form on a listing's page, for borrowable listings the viewer does not
 * own: a start and a return day (Tehran days), the taken dates to avoid, and the quote (days, rate,
 * price, deposit, total) that the request will carry, checked as the borrower picks.
 */
@org.springframework.stereotype.Component
public class RequestToBorrowPanel implements ListingPanels {

    private final Bookings bookings;

    public RequestToBorrowPanel(Bookings bookings) {
        this.bookings = bookings;
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
        private final long listingId;
        private final DateField start = new DateField();
        private final DateField end = new DateField();
        /** The month view of taken days; picking a free range fills in the start and return days. */
        private final MonthCalendar month = new MonthCalendar();

        private final Paragraph quote = new Paragraph();
        private final Paragraph fee = new Paragraph();
        private final Button request;

        Form(ListingSummary listing) {
            this.listingId = listing.id();
            setId("request-to-borrow");
            getStyle()
                    .set("border", "1px solid var(--lumo-contrast-10pct)")
                    .set("border-radius", "var(--lumo-border-radius-l)")
                    .set("padding", "var(--lumo-space-m)")
                    .set("width", "100%")
                    .set("box-sizing", "border-box");
            LocalDate today = LocalDate.now(Formats.ZONE);
            start.setLabel(getTranslation("booking.start"));
            start.setId("borrow-start");
            start.setMin(today);
            end.setLabel(getTranslation("booking.end"));
            end.setId("borrow-end");
            end.setMin(today.plusDays(1));
            start.addValueChangeListener(e -> {
                if (e.getValue() != null) {
                    end.setMin(e.getValue().plusDays(1));
                    if (end.getValue() == null || !end.getValue().isAfter(e.getValue())) {
                        end.setValue(e.getValue().plusDays(1));
                    }
                }
                requote();
            });
            end.addValueChangeListener(e -> requote());
            quote.setId("borrow-quote");
            fee.addClassName("muted");
            request = new Button(getTranslation("ticket.request"), VaadinIcon.HANDSHAKE.create(), e -> send());
            request.setId("request-borrow");
            request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            request.setEnabled(false);
            var fields = new HorizontalLayout(start, end, request);
            fields.setWrap(true);
            fields.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            var taken = bookings.taken(listingId);
            month.setId("borrow-calendar");
            month.setSelection(MonthCalendar.Selection.RANGE);
            month.setMin(today);
            month.setLegend(MonthCalendar.Mark.BOOKED, getTranslation("booking.takenLegend"));
            month.setMarked(taken.stream()
                    .map(r -> new MonthCalendar.MarkedRange(r.start(), r.end(), MonthCalendar.Mark.BOOKED))
                    .toList());
            month.addSelectionListener(e -> {
                if (e.getStart() != null && e.getEnd() != null) {
                    start.setValue(e.getStart());
                    end.setValue(e.getEnd());
                }
            });
            add(new H3(getTranslation("ticket.requestTitle")), month, fields, quote, fee);
            if (!taken.isEmpty()) {
                var list = new Paragraph(getTranslation(
                        "booking.taken",
                        taken.stream().map(r -> range(r, getLocale())).collect(Collectors.joining(" · "))));
                list.setId("borrow-taken");
                list.addClassName("muted");
                add(list);
            }
        }

        private void requote() {
            request.setEnabled(false);
            fee.setText("");
            if (start.getValue() == null || end.getValue() == null) {
                quote.setText("");
                return;
            }
            try {
                var q = bookings.quote(listingId, start.getValue(), end.getValue());
                quote.setText(describe(q, getLocale()));
                quote.getStyle().remove("color");
                fee.setText(getTranslation("booking.feeNote", Formats.money(q.fee(), getLocale())));
                request.setEnabled(true);
            } catch (UserInputException ex) {
                quote.setText(getTranslation(ex.messageKey(), ex.arguments()));
                quote.getStyle().set("color", "var(--lumo-error-text-color)");
            }
        }

        private void send() {
            try {
                long id = bookings.request(requestId, listingId, start.getValue(), end.getValue());
                Toasts.success(getTranslation("ticket.requested"));
                getUI().ifPresent(ui -> ui.navigate("tickets/" + id));
            } catch (UserInputException ex) {
                Toasts.error(this, ex);
            }
        }

        private String describe(Quote q, Locale locale) {
            return getTranslation(
                    "booking.quote",
                    Formats.number(q.days(), locale),
                    getTranslation("booking.rate." + q.rateKind(), Formats.money(q.rate(), locale)),
                    Formats.money(q.price(), locale),
                    Formats.money(q.deposit(), locale),
                    Formats.money(q.total(), locale));
        }
    }

    /** A range as a person reads it: its first and last day (the return day is the one after). */
    static String range(DateRange r, Locale locale) {
        return day(r.start(), locale) + " – " + day(r.lastDay(), locale);
    }

    static String day(LocalDate day, Locale locale) {
        return Formats.date(day, locale);
    }
}
