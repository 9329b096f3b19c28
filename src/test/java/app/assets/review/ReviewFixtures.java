package app.assets.review;

import app.assets.ledger.Ledger;
import app.assets.support.TestFunds;
import app.assets.support.TestUsers;
import app.assets.ticket.service.TicketLifecycle;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * What review tests need: a loan between two fresh accounts, run through the real ticket flow
 * (request, accept with a funded wallet, confirm the return), so each test has its own people and
 * their averages start empty.
 */
public record ReviewFixtures(
        TestUsers users, JdbcClient jdbc, Ledger ledger, TicketLifecycle lifecycle, UserDetailsService details) {

    public record Loan(long ticketId, long listingId, String lender, long lenderId, String borrower, long borrowerId) {}

    public void as(String email) {
        var user = details.loadUserByUsername(email);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    /** A loan that is running: paid into escrow, not returned yet. */
    public Loan activeLoan() {
        String lender = TestUsers.uniqueEmail("lender");
        String borrower = TestUsers.uniqueEmail("borrower");
        long lenderId = users.verified(lender);
        long borrowerId = users.verified(borrower);
        long listing = jdbc.sql("""
                        insert into listings (owner_user_id, title, category, daily_price, moderation)
                        values (?, 'Review test tent', 'OTHER', 10000, 'APPROVED') returning id""").param(lenderId).query(Long.class).single();
        TestFunds.fund(ledger, borrowerId, 100_000);
        as(borrower);
        long ticket = lifecycle.request(UUID.randomUUID(), listing, 2, null);
        as(lender);
        lifecycle.accept(ticket);
        SecurityContextHolder.clearContext();
        return new Loan(ticket, listing, lender, lenderId, borrower, borrowerId);
    }

    /** A loan the lender has confirmed returned: completed, its review window open. */
    public Loan completedLoan() {
        var loan = activeLoan();
        as(loan.lender());
        lifecycle.confirmReturn(loan.ticketId());
        SecurityContextHolder.clearContext();
        return loan;
    }

    /** Moves a round's window close into the past, as if the review window had passed. */
    public void closeWindow(long ticketId) {
        jdbc.sql("update review_rounds set closes_at = completed_at where ticket_id = ?")
                .param(ticketId)
                .update();
    }

    public long ratingCount(long listingId) {
        return jdbc.sql("select rating_count from listings where id = ?")
                .param(listingId)
                .query(Long.class)
                .single();
    }

    public long ratingSum(long listingId) {
        return jdbc.sql("select rating_sum from listings where id = ?")
                .param(listingId)
                .query(Long.class)
                .single();
    }

    public int notifications(String event, long userId) {
        return jdbc.sql("select count(*) from notifications where event = ? and user_id = ?")
                .params(event, userId)
                .query(Integer.class)
                .single();
    }
}
