package app.assets.report;

import app.assets.identity.service.AccountService;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.Posting;
import app.assets.support.TestUsers;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rows for report tests, written through the ledger's API or straight into the other modules' tables. */
public record ReportSeed(AccountService accounts, JdbcClient jdbc, Ledger ledger) {

    /** A signed-up person with the USER role only. */
    public record Person(long id, String email) {}

    public Person person(String who) {
        String email = TestUsers.uniqueEmail(who);
        return new Person(new TestUsers(accounts, jdbc).verified(email), email);
    }

    public long demo(String email) {
        return jdbc.sql("select id from users where email = ?")
                .param(email)
                .query(Long.class)
                .single();
    }

    /** An adjustment into the wallet, one ledger entry on it. */
    public void fund(long userId, long amount, String type, String description) {
        ledger.post(Posting.move(
                "report-test:" + UUID.randomUUID(),
                type,
                description,
                ledger.systemAccount(AccountKind.ADJUSTMENTS),
                ledger.walletOf(userId),
                amount));
    }

    /** A transfer between two wallets, one entry on each. */
    public void transfer(long fromUserId, long toUserId, long amount, String description) {
        ledger.post(Posting.move(
                "report-test:" + UUID.randomUUID(),
                "TRANSFER",
                description,
                ledger.walletOf(fromUserId),
                ledger.walletOf(toUserId),
                amount));
    }

    public void payment(long userId, long amount, String status) {
        jdbc.sql("""
                        insert into payments (user_id, amount, purpose, status, nonce, authority)
                        values (?, ?, 'WALLET_TOP_UP', ?, ?, ?)""")
                .params(
                        userId,
                        amount,
                        status,
                        UUID.randomUUID().toString(),
                        status.equals("CREATED") || status.equals("FAILED")
                                ? null
                                : "A" + UUID.randomUUID().toString().substring(0, 30))
                .update();
    }

    public long ticket(long lenderId, long borrowerId, String title) {
        long listing = jdbc.sql("""
                        insert into listings (owner_user_id, title, category, daily_price, moderation)
                        values (?, ?, 'OTHER', 1000, 'APPROVED') returning id""").params(lenderId, title).query(Long.class).single();
        return jdbc.sql("""
                        insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price)
                        values (gen_random_uuid()::text, ?, ?, ?, ?, 2, 2000) returning id""")
                .params(listing, title, borrowerId, lenderId)
                .query(Long.class)
                .single();
    }

    public void notification(long userId, String recipient, String status) {
        jdbc.sql("""
                        insert into notifications (delivery_id, event, category, channel, user_id, recipient, language, subject, body, status)
                        values (gen_random_uuid(), 'NEW_SIGN_IN', 'ACCOUNT', 'EMAIL', ?, ?, 'en', 'Report test', 'body', ?)""").params(userId, recipient, status).update();
    }
}
