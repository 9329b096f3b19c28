package app.assets.ticket.service;

import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.identity.CurrentUser;
import app.assets.listing.DateRange;
import app.assets.listing.ListingCalendar;
import app.assets.listing.ListingLookup;
import app.assets.listing.RentalTerms;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Quote;
import app.assets.ticket.domain.Ticket;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests by date: the borrower picks a start and an end (return) day, in Tehran days; the days
 * between must fit the listing's minimum and maximum length, the start must be at least the lead
 * time after today, and the days must be free in the listing's calendar when asked (pending
 * requests may overlap each other; accepting one declines the others, see TicketLifecycle.accept).
 * The {@link Quote} shown before requesting is the one stored on the ticket.
 */
@Service
public class Bookings {

    /** A ticket's dates and quote as stored, with the exact address when the viewer may have it. */
    public record Booking(
            DateRange dates, Quote.RateKind rateKind, long price, long fee, long deposit, Optional<String> address) {}

    /** The states in which the borrower gets the listing's exact address: the lender has said yes. */
    private static final EnumSet<TicketStatus> ADDRESS_SHOWN =
            EnumSet.of(TicketStatus.ACCEPTED, TicketStatus.ACTIVE, TicketStatus.DISPUTED);

    /** How far ahead the request form lists taken dates. */
    public static final int TAKEN_DAYS_AHEAD = 180;

    private final TicketLifecycle lifecycle;
    private final TicketThread thread;
    private final TicketEscrow escrow;
    private final ListingLookup listings;
    private final ListingCalendar calendar;
    private final CurrentUser currentUser;
    private final RetryingTransactions transactions;
    private final JdbcClient jdbc;

    public Bookings(
            TicketLifecycle lifecycle,
            TicketThread thread,
            TicketEscrow escrow,
            ListingLookup listings,
            ListingCalendar calendar,
            CurrentUser currentUser,
            RetryingTransactions transactions,
            JdbcClient jdbc) {
        this.lifecycle = lifecycle;
        this.thread = thread;
        this.escrow = escrow;
        this.listings = listings;
        this.calendar = calendar;
        this.currentUser = currentUser;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** The quote for these dates, after every check a request makes; a refusal says what to change. */
    @Transactional(readOnly = true)
    public Quote quote(long listingId, LocalDate start, LocalDate end) {
        var me = currentUser.require();
        var listing = listings.find(listingId).orElseThrow(() -> new UserInputException("listing.notFound"));
        if (listing.ownerUserId() == me.id()) {
            throw new UserInputException("ticket.ownListing");
        }
        if (!listing.borrowable()) {
            throw new UserInputException("ticket.notBorrowable");
        }
        RentalTerms terms = listings.terms(listingId).orElseThrow(() -> new UserInputException("listing.notFound"));
        if (start == null || end == null) {
            throw new UserInputException("booking.datesRequired");
        }
        if (!end.isAfter(start)) {
            throw new UserInputException("booking.endAfterStart");
        }
        var range = new DateRange(start, end);
        LocalDate today = calendar.today();
        if (start.isBefore(today)) {
            throw new UserInputException("booking.startPast");
        }
        if (start.isBefore(today.plusDays(terms.leadDays()))) {
            throw new UserInputException("booking.leadTime", terms.leadDays());
        }
        if (range.days() < terms.minDays()) {
            throw new UserInputException("booking.tooShort", terms.minDays());
        }
        if (range.days() > terms.maxDays()) {
            throw new UserInputException("booking.tooLong", terms.maxDays());
        }
        if (!calendar.isFree(listingId, range)) {
            throw new UserInputException("calendar.datesTaken");
        }
        return Quote.of(range.days(), terms, escrow.feeBasisPoints());
    }

    /**
     * Asks to borrow a listing for these dates at the quoted price; the ticket keeps the dates and
     * the quote. The request id comes from the form, so a double submit creates one ticket.
     */
    public long request(UUID requestId, long listingId, LocalDate start, LocalDate end) {
        return transactions.execute(() -> {
            var existing = ticketOfRequest(requestId);
            if (existing.isPresent()) {
                return existing.get();
            }
            var quote = quote(listingId, start, end);
            long id = lifecycle.request(requestId, listingId, quote.days(), quote.price());
            jdbc.sql("""
                            update tickets set start_date = ?, end_date = ?, rate_kind = ?, quoted_fee = ?, deposit = ?
                            where id = ?""")
                    .params(start, end, quote.rateKind().name(), quote.fee(), quote.deposit(), id)
                    .update();
            return id;
        });
    }

    /**
     * {@link #request(UUID, long, LocalDate, LocalDate)} with a first message to the lender in the
     * ticket's thread, in the same transaction: a message the thread refuses leaves no ticket.
     */
    public long request(UUID requestId, long listingId, LocalDate start, LocalDate end, String message) {
        String text = UserText.lines(message);
        if (text.length() > Ticket.COMMENT_MAX) {
            throw new UserInputException("ticket.commentTooLong", Ticket.COMMENT_MAX);
        }
        return transactions.execute(() -> {
            var existing = ticketOfRequest(requestId);
            if (existing.isPresent()) {
                return existing.get();
            }
            long id = request(requestId, listingId, start, end);
            if (!text.isEmpty()) {
                thread.comment(id, text, null);
            }
            return id;
        });
    }

    /** Whether a request with this id was made (the demo loans' mark). */
    @Transactional(readOnly = true)
    public boolean existsRequest(UUID requestId) {
        return ticketOfRequest(requestId).isPresent();
    }

    /** The ticket a request id made, if it was made. */
    private Optional<Long> ticketOfRequest(UUID requestId) {
        return jdbc.sql("select id from tickets where request_key = ?")
                .param(requestId.toString())
                .query(Long.class)
                .optional();
    }

    /** The dates and quote of a ticket the viewer may read (from TicketQueries.find); empty for one without dates. */
    @Transactional(readOnly = true)
    public Optional<Booking> of(Ticket t) {
        boolean addressShown = t.borrowerUserId() == currentUser.require().id() && ADDRESS_SHOWN.contains(t.status());
        return jdbc.sql("""
                        select start_date, end_date, rate_kind, price, quoted_fee, deposit from tickets
                        where id = ? and start_date is not null""")
                .param(t.id())
                .query((rs, n) -> new Booking(
                        new DateRange(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)),
                        Quote.RateKind.valueOf(rs.getString(3)),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        Optional.empty()))
                .optional()
                .map(b -> addressShown
                        ? new Booking(
                                b.dates(),
                                b.rateKind(),
                                b.price(),
                                b.fee(),
                                b.deposit(),
                                listings.exactAddress(t.listingId()))
                        : b);
    }

    /** The dates of several tickets the viewer may read (from TicketQueries), in one query; tickets without dates are left out. */
    @Transactional(readOnly = true)
    public Map<Long, DateRange> datesOf(Collection<Ticket> visible) {
        var result = new HashMap<Long, DateRange>();
        if (!visible.isEmpty()) {
            jdbc.sql("select id, start_date, end_date from tickets where id = any(?) and start_date is not null")
                    .param(visible.stream().map(Ticket::id).toArray(Long[]::new))
                    .query(rs -> {
                        result.put(
                                rs.getLong(1),
                                new DateRange(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
                    });
        }
        return result;
    }

    /** The listing's blocked and booked ranges from today on, for the request form. */
    @Transactional(readOnly = true)
    public List<DateRange> taken(long listingId) {
        LocalDate today = calendar.today();
        return calendar.ranges(listingId, today, today.plusDays(TAKEN_DAYS_AHEAD)).stream()
                .map(ListingCalendar.Entry::range)
                .toList();
    }
}
