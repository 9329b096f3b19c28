package app.assets.listing;

import app.assets.audit.AuditLog;
import app.assets.base.UserText;
import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.identity.CurrentUser;
import app.assets.listing.service.ListingService;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A listing's calendar (table listing_calendar): the dates its lender blocks and the dates its
 * accepted tickets booked, as [start, end) ranges of Tehran days. One exclusion constraint in
 * PostgreSQL keeps any two ranges of a listing from overlapping, whatever their kind, so a block
 * and a booking (or two bookings) racing for the same day leave exactly one; the loser gets
 * "these dates are taken". Lenders block and unblock through here; the ticket module books and
 * releases a ticket's dates; the iCalendar feed reads it by the listing's secret token.
 */
@Component
public class ListingCalendar {

    /** What a range of the calendar is. */
    public enum Kind {
        BLOCKED,
        BOOKED
    }

    /** One range; {@code ticketId} and {@code note} are shown to the listing's owner only. */
    public record Entry(long id, long listingId, DateRange range, Kind kind, Long ticketId, String note) {}

    /** What a listing's feed shows: its title, its owner (whose language the feed speaks) and its ranges. */
    public record Feed(long listingId, String title, long ownerUserId, List<Entry> entries) {}

    public static final int NOTE_MAX = 200;
    /** The longest range a lender blocks at once, and how far ahead. */
    public static final int BLOCK_DAYS_MAX = 366;

    public static final int HORIZON_DAYS = 2 * 366;

    private static final String EXCLUSION_VIOLATION = "23P01";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ListingService listings;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    public ListingCalendar(
            JdbcClient jdbc, ListingService listings, CurrentUser currentUser, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.listings = listings;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** Today in Tehran, the day every date rule counts from. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(Formats.ZONE));
    }

    // ---- the owner -----------------------------------------------------------------------------

    /** The owner keeps these days for themselves; refused for anyone else and for taken days. */
    @Transactional
    public long block(long listingId, DateRange range, String note) {
        requireOwner(listingId, "listing.calendar.block");
        if (range.start().isBefore(today())) {
            throw new UserInputException("calendar.pastDates");
        }
        if (range.days() > BLOCK_DAYS_MAX || range.end().isAfter(today().plusDays(HORIZON_DAYS))) {
            throw new UserInputException("calendar.tooLong", BLOCK_DAYS_MAX);
        }
        String text = UserText.line(note);
        if (text.length() > NOTE_MAX) {
            throw new UserInputException("calendar.noteTooLong", NOTE_MAX);
        }
        long id = insert(listingId, range, Kind.BLOCKED, null, text);
        audit.success("listing.calendar.block", "listing", listingId, range.start() + ".." + range.end());
        return id;
    }

    /** The owner frees days they blocked; booked days are freed only by their ticket. */
    @Transactional
    public void unblock(long entryId) {
        unblock(null, entryId);
    }

    /** As {@link #unblock(long)}, for an entry of this listing only (the API names both). */
    @Transactional
    public void unblock(Long listingId, long entryId) {
        var entry = jdbc.sql("select * from listing_calendar where id = ? for update")
                .param(entryId)
                .query(ListingCalendar::map)
                .optional()
                .filter(e -> listingId == null || e.listingId() == listingId)
                .orElseThrow(() -> new UserInputException("calendar.notFound"));
        requireOwner(entry.listingId(), "listing.calendar.unblock");
        if (entry.kind() != Kind.BLOCKED) {
            throw new UserInputException("calendar.bookedStays");
        }
        jdbc.sql("delete from listing_calendar where id = ?").param(entryId).update();
        audit.success(
                "listing.calendar.unblock",
                "listing",
                entry.listingId(),
                entry.range().start() + ".." + entry.range().end());
    }

    /** The secret of the owner's iCalendar feed URL, made on first use. */
    @Transactional
    public String feedToken(long listingId) {
        requireOwner(listingId, "listing.calendar.feed");
        return jdbc.sql(
                        "update listings set calendar_token = coalesce(calendar_token, ?) where id = ? returning calendar_token")
                .params(newToken(), listingId)
                .query(String.class)
                .single();
    }

    /** A new secret for the feed URL: the old URL stops working at once. */
    @Transactional
    public String renewFeedToken(long listingId) {
        requireOwner(listingId, "listing.calendar.feed");
        String token = newToken();
        jdbc.sql("update listings set calendar_token = ? where id = ?")
                .params(token, listingId)
                .update();
        audit.success("listing.calendar.feedRenewed", "listing", listingId, null);
        return token;
    }

    // ---- the ticket module ---------------------------------------------------------------------

    /**
     * Books a ticket's dates (inside the ticket module's accept transaction). Days blocked or
     * booked already make it fail with "these dates are taken", which rolls the accept back.
     */
    @Transactional
    public void book(long listingId, long ticketId, DateRange range) {
        insert(listingId, range, Kind.BOOKED, ticketId, "");
    }

    /** Frees a ticket's booked dates (cancelled or expired); nothing when it has none. */
    @Transactional
    public void release(long ticketId) {
        jdbc.sql("delete from listing_calendar where ticket_id = ? and kind = 'BOOKED'")
                .param(ticketId)
                .update();
    }

    /**
     * A loan ended on {@code returnedOn}: the days it booked before then stay booked (they were
     * used), the days from then on are free again. Returned before its first day, it frees all.
     */
    @Transactional
    public void returned(long ticketId, LocalDate returnedOn) {
        jdbc.sql("delete from listing_calendar where ticket_id = ? and lower(during) >= ?")
                .params(ticketId, returnedOn)
                .update();
        jdbc.sql("""
                        update listing_calendar set during = daterange(lower(during), ?::date, '[)')
                        where ticket_id = ? and upper(during) > ?::date""").params(returnedOn, ticketId, returnedOn).update();
    }

    // ---- everyone who may see the listing ------------------------------------------------------

    /** Whether no blocked or booked range of the listing touches these days. */
    @Transactional(readOnly = true)
    public boolean isFree(long listingId, DateRange range) {
        return jdbc.sql("""
                        select not exists (select 1 from listing_calendar
                                           where listing_id = ? and during && daterange(?, ?, '[)'))""")
                .params(listingId, range.start(), range.end())
                .query(Boolean.class)
                .single();
    }

    /**
     * The ranges touching [from, to), for those who may see the listing; others get none. Notes
     * and ticket numbers are the owner's.
     */
    @Transactional(readOnly = true)
    public List<Entry> ranges(long listingId, LocalDate from, LocalDate to) {
        var listing = listings.find(listingId);
        if (listing.isEmpty()) {
            return List.of();
        }
        boolean owner = listing.get().ownerUserId() == currentUser.require().id();
        return between(listingId, from, to).stream()
                .map(e -> owner ? e : new Entry(e.id(), e.listingId(), e.range(), e.kind(), null, ""))
                .toList();
    }

    /** The calendar behind a feed token, or empty for an unknown token. No user is signed in here. */
    @Transactional(readOnly = true)
    public Optional<Feed> byFeedToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select id, title, owner_user_id from listings where calendar_token = ?")
                .param(token)
                .query((rs, n) ->
                        new Feed(rs.getLong("id"), rs.getString("title"), rs.getLong("owner_user_id"), List.of()))
                .optional()
                .map(f -> new Feed(
                        f.listingId(),
                        f.title(),
                        f.ownerUserId(),
                        between(f.listingId(), today().minusDays(HORIZON_DAYS), today().plusDays(HORIZON_DAYS))));
    }

    // ---- internals -----------------------------------------------------------------------------

    private List<Entry> between(long listingId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select * from listing_calendar where listing_id = ? and during && daterange(?, ?, '[)')
                        order by lower(during), id""")
                .params(listingId, from, to)
                .query(ListingCalendar::map)
                .list();
    }

    private long insert(long listingId, DateRange range, Kind kind, Long ticketId, String note) {
        try {
            return jdbc.sql("""
                            insert into listing_calendar (listing_id, during, kind, ticket_id, note)
                            values (?, daterange(?, ?, '[)'), ?, ?, ?) returning id""")
                    .params(listingId, range.start(), range.end(), kind.name(), ticketId, note)
                    .query(Long.class)
                    .single();
        } catch (DataAccessException e) {
            if (isExclusionViolation(e)) {
                throw new UserInputException("calendar.datesTaken");
            }
            throw e;
        }
    }

    /** True when PostgreSQL refused a write for an exclusion constraint (two ranges overlapping). */
    public static boolean isExclusionViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void requireOwner(long listingId, String action) {
        if (listings.findOwn(listingId).isEmpty()) {
            audit.denied(action, "listing", listingId, "not the owner");
            throw new UserInputException("listing.notFound");
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Entry map(ResultSet rs, int row) throws SQLException {
        var during = rs.getString("during");
        // PostgreSQL writes a daterange canonically as [start,end).
        String[] days = during.substring(1, during.length() - 1).split(",");
        return new Entry(
                rs.getLong("id"),
                rs.getLong("listing_id"),
                new DateRange(LocalDate.parse(days[0]), LocalDate.parse(days[1])),
                Kind.valueOf(rs.getString("kind")),
                rs.getObject("ticket_id", Long.class),
                rs.getString("note"));
    }
}
