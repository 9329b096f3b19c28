package app.assets.review.service;

import app.assets.ticket.TicketEvent;
import app.assets.ticket.TicketParties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens a ticket's review round when it completes (the lender confirmed the return, or SUPPORT
 * settled a dispute), inside the ticket's own transaction, so the window starts exactly when the
 * ticket ended.
 */
@Component
class TicketCompletions {

    private final ReviewService reviews;
    private final TicketParties tickets;

    TicketCompletions(ReviewService reviews, TicketParties tickets) {
        this.reviews = reviews;
        this.tickets = tickets;
    }

    @EventListener
    void on(TicketEvent event) {
        if (event instanceof TicketEvent.Completed || event instanceof TicketEvent.Settled) {
            tickets.find(event.ticketId()).ifPresent(reviews::open);
        }
    }
}
