package app.assets.ticket.service;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.listing.DateRange;
import app.assets.listing.ListingCalendar;
import app.assets.ticket.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a ticket's dates mean for its listing's calendar, at each step of {@link TicketLifecycle}
 * (inside its transaction): accepting books the dates and names the pending requests they
 * overlap, cancelling releases them, a return frees the days not used, and the due date follows
 * the end date. Tickets without dates (made before bookings by date) pass through untouched.
 */
@Component
class TicketBookings {

    private final JdbcClient jdbc;
    private final ListingCalendar calendar;

    TicketBookings(JdbcClient jdbc, ListingCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    /**
     * Takes the listing's accept lock for the rest of the transaction, before the ticket's row lock:
     * two accepts of one listing then run one after the other instead of deadlocking over each
     * other's rows (the first declines the second's ticket while the second waits to book). The
     * exclusion constraints, not this lock, are what keep booked dates apart. (Listing ids past
     * 2^31 share a lock with another listing now and then: harmless, they only wait for each other.)
     */
    void lockListingOf(long ticketId) {
        jdbc.sql("""
                        select pg_advisory_xact_lock(hashtext('ticket.accept'), (listing_id % 2147483647)::int) is null
                        from tickets where id = ?""").param(ticketId).query(Boolean.class).optional();
    }

    /**
     * Books an accepted ticket's dates in the listing's calendar and returns the pending tickets
     * of the listing whose dates overlap them (to decline with DATES_TAKEN). Taken dates, or a
     * start already past, refuse the accept.
     */
    List<Long> book(Ticket t) {
        var dates = dates(t.id());
        if (dates.isEmpty()) {
            return List.of();
        }
        var range = dates.get();
        if (range.start().isBefore(calendar.today())) {
            throw new UserInputException("booking.startPassed");
        }
        calendar.book(t.listingId(), t.id(), range);
        return jdbc.sql("""
                        select id from tickets
                        where listing_id = ? and id <> ? and status = 'PENDING' and start_date is not null
                          and daterange(start_date, end_date, '[)') && daterange(?, ?, '[)')
                        order by id""")
                .params(t.listingId(), t.id(), range.start(), range.end())
                .query(Long.class)
                .list();
    }

    /** The ticket ended before its loan (cancelled, declined, expired): its dates are free again. */
    void release(long ticketId) {
        calendar.release(ticketId);
    }

    /** The loan ended (return confirmed or dispute settled) today: days from today on are free again. */
    void returned(long ticketId) {
        calendar.returned(ticketId, calendar.today());
    }

    /**
     * When the loan is due back: for a dated ticket, the start of its end (return) day in Tehran;
     * for one without dates, {@code days} after payment as before.
     */
    Instant dueAt(Ticket t, Instant activated) {
        return dates(t.id())
                .map(d -> d.end().atStartOfDay(Formats.ZONE).toInstant())
                .orElseGet(() -> activated.plus(Duration.ofDays(t.days())));
    }

    Optional<DateRange> dates(long ticketId) {
        return jdbc.sql("select start_date, end_date from tickets where id = ? and start_date is not null")
                .param(ticketId)
                .query((rs, n) -> new DateRange(
                        rs.getObject(1, java.time.LocalDate.class), rs.getObject(2, java.time.LocalDate.class)))
                .optional();
    }
}
