package app.assets.ticket.service;

import app.assets.audit.AuditLog;
import app.assets.base.error.UserInputException;
import app.assets.identity.CurrentUser;
import app.assets.identity.UserDirectory;
import app.assets.ticket.TicketEvent.CancelReason;
import app.assets.ticket.TicketStatus;
import app.assets.ticket.domain.Ticket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ticket row as the ticket services share it: the one SELECT and row mapper, locking a row
 * (as a side of the ticket or as the system), and the timeline line every step writes.
 */
@Component
class TicketRows {

    /** The ticket columns; map rows with {@link #map} and give them their names with {@link #named}. */
    static final String SELECT = "select t.* from tickets t";

    private final JdbcClient jdbc;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;
    private final UserDirectory directory;

    TicketRows(JdbcClient jdbc, CurrentUser currentUser, AuditLog audit, Clock clock, UserDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** A ticket as stored, without a permission check (callers decide); no lock. */
    Optional<Ticket> read(long ticketId) {
        return named(jdbc.sql(SELECT + " where t.id = ?")
                .param(ticketId)
                .query(TicketRows::map)
                .optional());
    }

    /** Locks the first ticket that matches {@code condition} (one ? for {@code threshold}) and no other node holds. */
    Optional<Ticket> pickDue(String condition, Instant threshold) {
        return jdbc.sql("select id from tickets where " + condition + " order by id limit 1 for update skip locked")
                .param(Timestamp.from(threshold))
                .query(Long.class)
                .optional()
                .flatMap(this::lock);
    }

    Optional<Ticket> lock(long ticketId) {
        return named(jdbc.sql(SELECT + " where t.id = ? for update of t")
                .param(ticketId)
                .query(TicketRows::map)
                .optional());
    }

    /** Locks a ticket the signed-in user is a side of; to anyone else it does not exist. */
    Ticket lockAsParty(long ticketId, String action) {
        long me = currentUser.require().id();
        var ticket = lock(ticketId);
        if (ticket.isEmpty() || !ticket.get().isParty(me)) {
            audit.denied(action, "ticket", ticketId, "not a party");
            throw new UserInputException("ticket.notFound");
        }
        return ticket.get();
    }

    /** Refuses (and audits) a step the signed-in user may not take from their side of the ticket. */
    void requireSide(Ticket t, Ticket.Side side, String refusal, String action) {
        if (t.sideOf(currentUser.require().id()) != side) {
            audit.denied(action, "ticket", t.id(), "not the " + side.name().toLowerCase());
            throw new UserInputException(refusal);
        }
    }

    void record(long ticketId, String kind, String detail) {
        jdbc.sql("insert into ticket_events (ticket_id, at, actor, kind, detail) values (?, ?, ?, ?, ?)")
                .params(ticketId, now(), currentUser.email().orElse("system"), kind, detail)
                .update();
    }

    Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /**
     * The tickets with the display names of their two sides, from one lookup on identity's
     * directory (the names are identity's data: not a join on its table).
     */
    List<Ticket> named(List<Ticket> tickets) {
        if (tickets.isEmpty()) {
            return tickets;
        }
        var ids = new HashSet<Long>();
        tickets.forEach(t -> {
            ids.add(t.borrowerUserId());
            ids.add(t.lenderUserId());
        });
        var names = directory.displayNames(ids);
        return tickets.stream()
                .map(t -> t.withNames(names.get(t.borrowerUserId()), names.get(t.lenderUserId())))
                .toList();
    }

    private Optional<Ticket> named(Optional<Ticket> ticket) {
        return ticket.map(t -> named(List.of(t)).getFirst());
    }

    /** A ticket row without the names of its sides (see {@link #named}). */
    static Ticket map(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("cancel_reason");
        return new Ticket(
                rs.getLong("id"),
                rs.getLong("listing_id"),
                rs.getString("listing_title"),
                rs.getLong("borrower_user_id"),
                null,
                rs.getLong("lender_user_id"),
                null,
                rs.getInt("days"),
                rs.getLong("price"),
                TicketStatus.valueOf(rs.getString("status")),
                reason == null ? null : CancelReason.valueOf(reason),
                rs.getObject("hold_id", Long.class),
                instant(rs, "created_at"),
                instant(rs, "accepted_at"),
                instant(rs, "activated_at"),
                instant(rs, "due_at"),
                instant(rs, "ended_at"),
                instant(rs, "disputed_at"),
                rs.getString("dispute_reason"),
                rs.getObject("lender_payout", Long.class),
                rs.getObject("platform_fee", Long.class),
                rs.getObject("borrower_refund", Long.class),
                rs.getString("settlement_note"));
    }
}
