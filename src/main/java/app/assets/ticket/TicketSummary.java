package app.assets.ticket;

import java.time.Instant;

/** What a message about a ticket may say: the listing, the borrower, the days, the price and the due date. */
public record TicketSummary(
        long ticketId, String listingTitle, String borrowerName, int days, long price, Instant dueAt) {}
