package app.assets.ticket.ui.view;

import app.assets.base.i18n.Formats;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import app.assets.ticket.service.Bookings;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;

/**
 * A dated ticket's dates and stored quote on its page, and for its borrower the listing's exact
 * address once the lender has accepted (before that, a note that it will come). Empty for a
 * ticket without dates.
 */
class BookingFacts extends Div {

    BookingFacts(Bookings bookings, Ticket t, long viewerUserId) {
        setId("ticket-booking");
        var booking = bookings.of(t);
        if (booking.isEmpty()) {
            setVisible(false);
            return;
        }
        var b = booking.get();
        var locale = getLocale();
        add(new Paragraph(getTranslation(
                "booking.dates",
                RequestToBorrowPanel.day(b.dates().start(), locale),
                RequestToBorrowPanel.day(b.dates().end(), locale),
                Formats.number(b.dates().days(), locale))));
        add(new Paragraph(getTranslation(
                "booking.terms",
                Formats.money(b.price(), locale),
                getTranslation("booking.rate." + b.rateKind(), "").strip(),
                Formats.money(b.deposit(), locale),
                Formats.money(b.price() + b.deposit(), locale))));
        if (b.address().isPresent()) {
            var address =
                    new Paragraph(getTranslation("booking.address", b.address().get()));
            address.setId("ticket-address");
            add(address);
        } else if (t.borrowerUserId() == viewerUserId && t.status() == TicketStatus.PENDING) {
            add(new Paragraph(getTranslation("booking.addressLater")));
        }
    }
}
