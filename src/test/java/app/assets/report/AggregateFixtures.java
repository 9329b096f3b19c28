package app.assets.report;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A known, varied dataset written straight into the system-of-record tables with chosen times
 * (users, listings, tickets in every state, payments, notifications and balanced ledger
 * transactions), spread over the last days of the report zone, midnight edges included. A fixed
 * random seed keeps it the same on every run.
 */
record AggregateFixtures(JdbcClient jdbc, ZoneId zone) {

    static final List<String> CATEGORIES = List.of("CAMERA", "LAPTOP", "BOOKS");
    static final int DAYS = 6;

    void seed(Instant now) {
        var random = new Random(7);
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant midnight = today.atStartOfDay(zone).toInstant();
        var users = new ArrayList<Long>();
        for (int i = 0; i < 16; i++) {
            // half are older than 30 days, half signed up in the last week or so
            Instant created = i % 2 == 0 ? now.minus(Duration.ofDays(40 + i)) : before(now, random, DAYS + 2);
            if (i == 1) {
                created = midnight; // exactly at the start of today: counts for today
            }
            if (i == 3) {
                created = midnight.minusNanos(1000); // the last microsecond of yesterday
            }
            long id = jdbc.sql("insert into users (email, display_name, created_at) values (?, ?, ?) returning id")
                    .params("agg-" + run + "-" + i + "@example.com", "Agg " + i, ts(created))
                    .query(Long.class)
                    .single();
            jdbc.sql("insert into ledger_accounts (kind, owner_user_id) values ('USER_WALLET', ?)")
                    .param(id)
                    .update();
            users.add(id);
        }
        var listings = new ArrayList<Long>();
        for (int i = 0; i < 6; i++) {
            listings.add(jdbc.sql("""
                            insert into listings (owner_user_id, title, category, daily_price, moderation, created_at)
                            values (?, ?, ?, 1000, 'APPROVED', ?) returning id""")
                    .params(
                            users.get(i * 2),
                            "Agg listing " + i,
                            CATEGORIES.get(i % CATEGORIES.size()),
                            ts(now.minus(Duration.ofDays(45))))
                    .query(Long.class)
                    .single());
        }
        long adjustments = account("select id from ledger_accounts where kind = 'ADJUSTMENTS'");
        long fees = account("select id from ledger_accounts where kind = 'PLATFORM_FEES'");
        long clearing = account("select id from ledger_accounts where kind = 'GATEWAY_CLEARING'");
        String[] statuses = {"PENDING", "ACCEPTED", "ACTIVE", "COMPLETED", "CANCELLED", "DISPUTED"};
        for (int i = 0; i < 70; i++) {
            int listing = random.nextInt(listings.size());
            long lender = users.get(listing * 2);
            long borrower = users.get(random.nextInt(users.size()));
            if (borrower == lender) {
                borrower = users.get((listing * 2 + 1) % users.size());
            }
            String status = statuses[i % statuses.length];
            Instant created = i == 0 ? midnight : before(now, random, DAYS);
            Instant activated = null;
            Instant ended = null;
            Long fee = null;
            long price = 1000L * (1 + random.nextInt(20));
            if (List.of("ACTIVE", "COMPLETED", "DISPUTED").contains(status)) {
                activated = later(created, now, random);
            }
            // some completed tickets end by a dispute settled half to the lender, half back to the borrower
            long lenderShare = i % 4 == 3 ? price : price / 2;
            if (status.equals("COMPLETED")) {
                ended = later(activated, now, random);
                fee = lenderShare / 20;
            }
            if (status.equals("CANCELLED")) {
                ended = later(created, now, random);
            }
            Long escrow = null;
            if (activated != null) {
                // paid into the ticket's escrow (from ADJUSTMENTS, so no wallet needs the money first)
                escrow = jdbc.sql("insert into ledger_accounts (kind, reference) values ('ESCROW', ?) returning id")
                        .param("agg-" + run + "-" + i)
                        .query(Long.class)
                        .single();
                long paid = transaction(run + "-e" + i, activated, "TICKET_ESCROW");
                entry(paid, escrow, price, activated);
                entry(paid, adjustments, -price, activated);
            }
            if (ended != null && escrow != null) {
                // the escrow paid out: the lender's share less the fee, the fee, the rest back to the borrower
                long out = transaction(
                        run + "-o" + i, ended, lenderShare == price ? "TICKET_PAYOUT" : "TICKET_SETTLEMENT");
                entry(
                        out,
                        account("select id from ledger_accounts where owner_user_id = " + lender),
                        lenderShare - fee,
                        ended);
                entry(out, fees, fee, ended);
                if (price > lenderShare) {
                    entry(
                            out,
                            account("select id from ledger_accounts where owner_user_id = " + borrower),
                            price - lenderShare,
                            ended);
                }
                entry(out, escrow, -price, ended);
            }
            jdbc.sql("""
                            insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price,
                                                 status, created_at, activated_at, ended_at, platform_fee, escrow_account_id)
                            values (?, ?, 'Agg', ?, ?, 3, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            run + "-" + i,
                            listings.get(listing),
                            borrower,
                            lender,
                            price,
                            status,
                            ts(created),
                            ts(activated),
                            ts(ended),
                            fee,
                            escrow)
                    .update();
        }
        String[] paymentStatuses = {"CREATED", "REDIRECTED", "VERIFIED", "FAILED", "CANCELLED", "EXPIRED", "REFUNDED"};
        for (int i = 0; i < 40; i++) {
            String status = paymentStatuses[i % paymentStatuses.length];
            Instant created = before(now, random, DAYS);
            Instant closed =
                    status.equals("CREATED") || status.equals("REDIRECTED") ? null : later(created, now, random);
            Instant verified = status.equals("VERIFIED") ? closed : null;
            if (status.equals("REFUNDED")) {
                // verified soon after it was created, refunded a minute ago: closed_at is the refund's time
                verified = created.plusSeconds(30);
                closed = now.minusSeconds(60);
            }
            jdbc.sql("""
                            insert into payments (user_id, amount, purpose, status, nonce, authority, created_at, verified_at, closed_at,
                                                  ledger_transaction_id)
                            values (?, ?, 'WALLET_TOP_UP', ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            users.get(i % users.size()),
                            10_000L + 1000L * i,
                            status,
                            run + "-n" + i,
                            status.equals("CREATED") ? null : run + "-a" + i,
                            ts(created),
                            ts(verified),
                            ts(closed),
                            verified == null
                                    ? null
                                    : topUp(
                                            run + "-p" + i,
                                            created,
                                            users.get(i % users.size()),
                                            10_000L + 1000L * i,
                                            clearing))
                    .update();
        }
        String[] channels = {"EMAIL", "SMS", "WHATSAPP"};
        String[] notificationStatuses = {"SENT", "SENT", "FAILED", "QUEUED"};
        // Published and claimed far ahead, so the running outbox relay and consumers leave the
        // QUEUED ones alone: the direct computation and the job must see the same statuses.
        for (int i = 0; i < 50; i++) {
            jdbc.sql("""
                            insert into notifications (delivery_id, event, category, channel, user_id, recipient, language, body, status,
                                                       created_at, published_at, claimed_until)
                            values (gen_random_uuid(), 'TICKET_CREATED', 'ACCOUNT', ?, ?, 'someone', 'en', 'x', ?, ?, now(),
                                    now() + interval '1 day')""")
                    .params(
                            channels[random.nextInt(3)],
                            users.get(i % users.size()),
                            notificationStatuses[random.nextInt(4)],
                            ts(before(now, random, DAYS)))
                    .update();
        }
        for (int i = 0; i < 30; i++) {
            long wallet =
                    account("select id from ledger_accounts where owner_user_id = " + users.get(i % users.size()));
            Instant at = i == 0 ? midnight : before(now, random, DAYS);
            long amount = 5000L + 100L * i;
            long tx = transaction(run + "-l" + i, at, "ADJUSTMENT");
            entry(tx, wallet, amount, at);
            entry(tx, adjustments, -amount, at);
            if (i % 3 == 0) {
                // a top-up on which the gateway kept a fee, booked as a debit of PLATFORM_FEES
                Instant topUpAt = later(at, now, random);
                long gatewayFee = amount / 50;
                long topUp = transaction(run + "-g" + i, topUpAt, "TOP_UP");
                entry(topUp, wallet, amount, topUpAt);
                entry(topUp, clearing, -(amount - gatewayFee), topUpAt);
                entry(topUp, fees, -gatewayFee, topUpAt);
                if (i % 2 == 1) {
                    // refunded a little later: the reversal gives the fee back
                    Instant refundAt = later(topUpAt, now, random);
                    long refund = jdbc.sql("""
                                    insert into ledger_transactions (idempotency_key, content_hash, type, reverses_id, created_at)
                                    values (?, ?, 'REVERSAL', ?, ?) returning id""")
                            .params(run + "-r" + i, "0".repeat(64), topUp, ts(refundAt))
                            .query(Long.class)
                            .single();
                    entry(refund, clearing, amount - gatewayFee, refundAt);
                    entry(refund, fees, gatewayFee, refundAt);
                    entry(refund, wallet, -amount, refundAt);
                }
            }
        }
    }

    /** A verified payment's credit: balanced, like every transaction of the real ledger. */
    private long topUp(String key, Instant at, long user, long amount, long clearing) {
        long tx = transaction(key, at, "TOP_UP");
        entry(tx, account("select id from ledger_accounts where owner_user_id = " + user), amount, at);
        entry(tx, clearing, -amount, at);
        return tx;
    }

    private long transaction(String key, Instant at, String type) {
        return jdbc.sql(
                        "insert into ledger_transactions (idempotency_key, content_hash, type, created_at) values (?, ?, ?, ?) returning id")
                .params(key, "0".repeat(64), type, ts(at))
                .query(Long.class)
                .single();
    }

    private void entry(long transaction, long account, long amount, Instant at) {
        jdbc.sql(
                        "insert into ledger_entries (transaction_id, account_id, amount, balance_after, created_at) values (?, ?, ?, 0, ?)")
                .params(transaction, account, amount, ts(at))
                .update();
    }

    private long account(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** A random time in the last {@code days} days, at least a minute ago. */
    private static Instant before(Instant now, Random random, int days) {
        return now.minusSeconds(60 + random.nextLong(days * 86_400L));
    }

    /** A random time between {@code from} and now. */
    private static Instant later(Instant from, Instant now, Random random) {
        long span = Math.max(1, Duration.between(from, now).toSeconds());
        return from.plusSeconds(random.nextLong(span));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
