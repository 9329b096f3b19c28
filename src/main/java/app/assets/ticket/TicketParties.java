package app.assets.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who the two sides of a ticket are and where it stands, for other modules (the review module:
 * "may this user review this ticket, and as which side?"), and how many loans a user completed.
 * It does not check permissions: the calling use case decides what it shows to whom.
 */
@Component
public class TicketParties {

    /** Which side of a ticket a user is on. */
    public enum Side {
        BORROWER,
        LENDER
    }

    /** A ticket's two sides, its listing, its status and when it ended (null while it runs). */
    public record Parties(
            long ticketId,
            long listingId,
            String listingTitle,
            long borrowerUserId,
            long lenderUserId,
            TicketStatus status,
            Instant endedAt) {

        public Optional<Side> sideOf(long userId) {
            if (userId == borrowerUserId) {
                return Optional.of(Side.BORROWER);
            }
            return userId == lenderUserId ? Optional.of(Side.LENDER) : Optional.empty();
        }

        public long otherSide(Side side) {
            return side == Side.BORROWER ? lenderUserId : borrowerUserId;
        }

        public boolean isCompleted() {
            return status == TicketStatus.COMPLETED;
        }
    }

    /** How many of a user's loans completed, as lender and as borrower. */
    public record CompletedLoans(long asLender, long asBorrower) {}

    private static final String SELECT = """
            select id, listing_id, listing_title, borrower_user_id, lender_user_id, status, ended_at from tickets""";

    private final JdbcClient jdbc;

    public TicketParties(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<Parties> find(long ticketId) {
        return jdbc.sql(SELECT + " where id = ?")
                .param(ticketId)
                .query(this::row)
                .optional();
    }

    /** Several tickets in one query (a list of reviews to write). */
    @Transactional(readOnly = true)
    public List<Parties> find(Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where id = any(?)")
                .param(ticketIds.toArray(Long[]::new))
                .query(this::row)
                .list();
    }

    /** Both counts in one query. */
    @Transactional(readOnly = true)
    public CompletedLoans completedLoans(long userId) {
        return jdbc.sql("""
                        select count(*) filter (where lender_user_id = ?) as as_lender,
                               count(*) filter (where borrower_user_id = ?) as as_borrower
                        from tickets where status = 'COMPLETED' and (lender_user_id = ? or borrower_user_id = ?)""")
                .params(userId, userId, userId, userId)
                .query((rs, n) -> new CompletedLoans(rs.getLong("as_lender"), rs.getLong("as_borrower")))
                .single();
    }

    private Parties row(ResultSet rs, int n) throws SQLException {
        var ended = rs.getTimestamp("ended_at");
        return new Parties(
                rs.getLong("id"),
                rs.getLong("listing_id"),
                rs.getString("listing_title"),
                rs.getLong("borrower_user_id"),
                rs.getLong("lender_user_id"),
                TicketStatus.valueOf(rs.getString("status")),
                ended == null ? null : ended.toInstant());
    }
}
