package app.assets.ticket;

import app.assets.identity.service.AccountUserDetailsService;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.Posting;
import app.assets.support.TestFunds;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** What ticket tests need: sign in as a demo account, approved listings, funded wallets, balances. */
record TicketFixtures(JdbcClient jdbc, Ledger ledger, AccountUserDetailsService users) {

    static final String LENDER = "lender@assets.local";
    static final String BORROWER = "borrower@assets.local";
    static final String MODERATOR = "moderator@assets.local";
    static final String SUPPORT = "support@assets.local";
    static final String ADMIN = "admin@assets.local";
    static final String AUDITOR = "auditor@assets.local";

    void as(String email) {
        var user = users.loadUserByUsername(email);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    long userId(String email) {
        return jdbc.sql("select id from users where email = ?")
                .param(email)
                .query(Long.class)
                .single();
    }

    /** An approved, available listing of the lender's at this daily price. */
    long listing(long dailyPrice) {
        return jdbc.sql("""
                insert into listings (owner_user_id, title, category, daily_price, moderation)
                values (?, 'Test camera', 'CAMERA', ?, 'APPROVED') returning id""")
                .params(userId(LENDER), dailyPrice)
                .query(Long.class)
                .single();
    }

    void fund(String email, long amount) {
        TestFunds.fund(ledger, userId(email), amount);
    }

    /** Takes everything available off a wallet, so a test starts from an empty one. */
    void drain(String email) {
        long available = available(email);
        if (available > 0) {
            ledger.post(Posting.move(
                    "test-drain:" + UUID.randomUUID(),
                    "ADJUSTMENT",
                    "test",
                    ledger.walletOf(userId(email)),
                    ledger.systemAccount(AccountKind.ADJUSTMENTS),
                    available));
        }
    }

    long available(String email) {
        return ledger.balance(ledger.walletOf(userId(email))).available();
    }

    long posted(String email) {
        return ledger.balance(ledger.walletOf(userId(email))).posted();
    }

    long fees() {
        return ledger.balance(ledger.systemAccount(AccountKind.PLATFORM_FEES)).posted();
    }

    long escrow(long ticketId) {
        return ledger.balance(ledger.escrowAccount("ticket:" + ticketId)).posted();
    }
}
