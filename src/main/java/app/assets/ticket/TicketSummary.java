package app.assets.ticket;

import app.assets.listing.DateRange;
import java.time.Instant;

/**
 * What a message about a ticket may say: the listing, the borrower, the days, the price, the due
 * date and the dates booked or asked for ({@code null} for a ticket without dates).
 */
public record TicketSummary(
        long ticketId,
        String listingTitle,
        String borrowerName,
        int days,
        long price,
        Instant dueAt,
        DateRange dates) {}
