package app.assets.bench;

import app.assets.base.infra.RetryingTransactions;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills a database with a year of made-up activity, set-based (generate_series), through the
 * ledger's own triggers: every ledger transaction balances and no wallet or escrow goes below zero.
 * At scale 1: 20,000 users, 5,000 listings, 100,000 tickets, about 400,000 payments, 200,000
 * notifications and about 1,000,000 ledger entries. The ledger part is written in chunks of 250
 * tickets, one transaction each, so the few system accounts that every top-up touches never carry
 * a long chain of row versions inside one transaction.
 */
public record BenchData(JdbcClient jdbc, RetryingTransactions transactions) {

    private static final Logger log = LoggerFactory.getLogger(BenchData.class);
    private static final int CHUNK = 250;
    static final int DAYS = 365;

    /** What was written. */
    public record Counts(long users, long tickets, long payments, long notifications, long entries) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%,d users, %,d tickets, %,d payments, %,d notifications, %,d ledger entries",
                    users,
                    tickets,
                    payments,
                    notifications,
                    entries);
        }
    }

    public Counts seed(double scale) {
        int users = (int) Math.max(50, 20_000 * scale);
        int listings = (int) Math.max(10, 5_000 * scale);
        int tickets = (int) Math.max(100, 100_000 * scale);
        // four entries per paid ticket, three more per completed one; top-ups fill up to ten entries per ticket
        int extraTopUpsPerTicket = 3;
        String run = Long.toString(System.currentTimeMillis(), 36);
        long started = System.nanoTime();
        transactions.run(() -> {
            jdbc.sql("select setseed(0.42)").query().singleRow();
            jdbc.sql("""
                    insert into users (email, display_name, language, email_verified, created_at)
                    select 'seed-' || :run || '-' || g || '@seed.local', 'Seed user ' || g, case when g % 3 = 0 then 'fa' else 'en' end,
                           true, now() - random() * interval '400 days'
                    from generate_series(1, :n) g""").param("run", run).param("n", users).update();
            jdbc.sql("""
                    insert into ledger_accounts (kind, owner_user_id)
                    select 'USER_WALLET', u.id from users u
                    where not exists (select 1 from ledger_accounts a where a.kind = 'USER_WALLET' and a.owner_user_id = u.id)""").update();
            jdbc.sql("""
                    insert into listings (owner_user_id, title, category, daily_price, moderation, created_at)
                    select u.id, 'Seed listing ' || u.g, (array['CAMERA','LAPTOP','PHONE','AUDIO','GAMES','TENT','BIKE','TOOLS','BOOKS','OTHER'])[1 + u.g % 10],
                           1000 * (5 + u.g % 50), 'APPROVED', now() - interval '400 days'
                    from (select id, row_number() over (order by id) as g from users where email like 'seed-' || :run || '-%') u
                    where u.g <= :n""").param("run", run).param("n", listings).update();
            // the borrower is another seed user; the ticket is created between the borrower's signup and now
            jdbc.sql("""
                    with l as (select id, owner_user_id, daily_price, title, row_number() over (order by id) - 1 as i
                               from listings where title like 'Seed listing %' and created_at < now() - interval '399 days'),
                         u as (select id, created_at, row_number() over (order by id) - 1 as i
                               from users where email like 'seed-' || :run || '-%'),
                         g as (select g, (g::bigint * 7919) % (select count(*) from l) as li, (g::bigint * 104729) % (select count(*) from u) as ui,
                                      1 + g % 14 as days, g % 20 as kind, random() as r
                               from generate_series(1, :n) g),
                         t0 as (select g.g, l.id as listing_id, l.title, l.owner_user_id as lender, u.id as borrower, g.days,
                                      l.daily_price * g.days as price, g.kind,
                                      u.created_at + g.r * (now() - u.created_at) as created
                               from g join l on l.i = g.li join u on u.i = g.ui where u.id <> l.owner_user_id),
                         -- a loan whose end is still ahead is running, whatever it was going to become
                         t as (select g, listing_id, title, lender, borrower, days, price, created,
                                      case when kind < 12 and created + interval '2 hours' + days * interval '1 day' > now() then 12
                                           else kind end as kind
                               from t0)
                    insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price, status,
                                         created_at, accepted_at, activated_at, due_at, ended_at, lender_payout, platform_fee, borrower_refund,
                                         cancel_reason)
                    select 'seed-' || :run || '-' || g, listing_id, title, borrower, lender, days, price,
                           case when kind < 12 then 'COMPLETED' when kind < 14 then 'ACTIVE' when kind = 14 then 'DISPUTED'
                                when kind < 18 then 'CANCELLED' else 'PENDING' end,
                           created,
                           case when kind < 15 then least(now(), created + interval '1 hour') end,
                           case when kind < 15 then least(now(), created + interval '2 hours') end,
                           case when kind < 15 then least(now(), created + interval '2 hours') + days * interval '1 day' end,
                           case when kind < 12 then least(now(), created + interval '2 hours' + days * interval '1 day')
                                when kind between 15 and 17 then least(now(), created + interval '1 day') end,
                           case when kind < 12 then price - price / 20 end,
                           case when kind < 12 then price / 20 end,
                           case when kind < 12 then 0 end,
                           case when kind between 15 and 17 then 'DECLINED' end
                    from t""").param("run", run).param("n", tickets).update();
            // already delivered or given up: the notification pipeline leaves them alone
            jdbc.sql("""
                    insert into notifications (delivery_id, event, category, channel, user_id, recipient, language, body, status, attempts,
                                               created_at, published_at, sent_at)
                    select gen_random_uuid(), 'TICKET_CREATED', 'ACCOUNT', (array['EMAIL','SMS','WHATSAPP'])[1 + (t.id + c) % 3],
                           case when c = 0 then t.lender_user_id else t.borrower_user_id end, 'seed', 'en', 'Seeded',
                           case when (t.id + c) % 100 < 92 then 'SENT' else 'FAILED' end, 1,
                           t.created_at, t.created_at, case when (t.id + c) % 100 < 92 then t.created_at + interval '5 seconds' end
                    from tickets t cross join generate_series(0, 1) c where t.request_key like 'seed-' || :run || '-%'""").param("run", run).update();
        });
        var range = jdbc.sql("select min(id), max(id) from tickets where request_key like 'seed-' || ? || '-%'")
                .param(run)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        for (long from = range[0]; from <= range[1]; from += CHUNK) {
            long lo = from;
            long hi = Math.min(range[1], from + CHUNK - 1);
            transactions.run(() -> ledgerFor(run, lo, hi, extraTopUpsPerTicket));
        }
        var counts = new Counts(
                jdbc.sql("select count(*) from users").query(Long.class).single(),
                jdbc.sql("select count(*) from tickets").query(Long.class).single(),
                jdbc.sql("select count(*) from payments").query(Long.class).single(),
                jdbc.sql("select count(*) from notifications").query(Long.class).single(),
                jdbc.sql("select count(*) from ledger_entries")
                        .query(Long.class)
                        .single());
        log.warn("Seeded {} in {} s", counts, (System.nanoTime() - started) / 1_000_000_000);
        return counts;
    }

    /**
     * The money of tickets {@code lo}..{@code hi}: a verified top-up of the price just before payment,
     * the price into the ticket's escrow, the payout and fee when completed; plus a few more top-ups
     * and failed or pending payments per ticket. Credits are written before debits.
     */
    private void ledgerFor(String run, long lo, long hi, int extra) {
        jdbc.sql("""
                insert into ledger_accounts (kind, reference)
                select 'ESCROW', 'ticket:' || id from tickets where id between ? and ? and activated_at is not null""").params(lo, hi).update();
        jdbc.sql("""
                update tickets t set escrow_account_id = e.id from ledger_accounts e
                where e.kind = 'ESCROW' and e.reference = 'ticket:' || t.id and t.id between ? and ?""").params(lo, hi).update();
        // money moves: one row per ledger transaction with its legs as (account, amount) pairs
        jdbc.sql("""
                create temporary table if not exists seed_moves (key varchar(120), type varchar(32), at timestamptz,
                    credit1 bigint, amount1 bigint, credit2 bigint, amount2 bigint, debit bigint, total bigint,
                    payment_user bigint, payment_status varchar(16)) on commit drop""").update();
        jdbc.sql("""
                insert into seed_moves
                select 'seed-topup:' || t.id, 'TOP_UP', t.activated_at - interval '30 minutes', w.id, t.price, null::bigint, null::bigint,
                       (select id from ledger_accounts where kind = 'GATEWAY_CLEARING'), t.price, t.borrower_user_id, 'VERIFIED'
                from tickets t join ledger_accounts w on w.kind = 'USER_WALLET' and w.owner_user_id = t.borrower_user_id
                where t.id between :lo and :hi and t.activated_at is not null
                union all
                select 'seed-escrow:' || t.id, 'TICKET_ESCROW', t.activated_at, e.id, t.price, null::bigint, null::bigint, w.id, t.price, null::bigint, null::varchar
                from tickets t join ledger_accounts w on w.kind = 'USER_WALLET' and w.owner_user_id = t.borrower_user_id
                join ledger_accounts e on e.kind = 'ESCROW' and e.reference = 'ticket:' || t.id
                where t.id between :lo and :hi and t.activated_at is not null
                union all
                select 'seed-payout:' || t.id, 'TICKET_PAYOUT', t.ended_at, w.id, t.lender_payout,
                       (select id from ledger_accounts where kind = 'PLATFORM_FEES'), t.platform_fee, e.id, t.price, null, null
                from tickets t join ledger_accounts w on w.kind = 'USER_WALLET' and w.owner_user_id = t.lender_user_id
                join ledger_accounts e on e.kind = 'ESCROW' and e.reference = 'ticket:' || t.id
                where t.id between :lo and :hi and t.status = 'COMPLETED'
                union all
                select 'seed-more:' || t.id || ':' || x, 'TOP_UP', t.created_at + x * interval '1 hour', w.id, 10000 * (1 + (t.id + x) % 40),
                       null, null, (select id from ledger_accounts where kind = 'GATEWAY_CLEARING'), 10000 * (1 + (t.id + x) % 40),
                       t.lender_user_id, 'VERIFIED'
                from tickets t cross join generate_series(1, :extra) x
                join ledger_accounts w on w.kind = 'USER_WALLET' and w.owner_user_id = t.lender_user_id
                where t.id between :lo and :hi""").param("lo", lo).param("hi", hi).param("extra", extra).update();
        jdbc.sql("""
                insert into ledger_transactions (idempotency_key, content_hash, type, description, actor, created_at)
                select key, md5(key) || md5(key), type, 'seeded', 'seed', least(at, now()) from seed_moves""").update();
        // credits first, then debits: no wallet or escrow ever dips below zero
        jdbc.sql("""
                insert into ledger_entries (transaction_id, account_id, amount, balance_after, created_at)
                select tx.id, m.credit1, m.amount1, 0, tx.created_at from seed_moves m join ledger_transactions tx on tx.idempotency_key = m.key
                union all
                select tx.id, m.credit2, m.amount2, 0, tx.created_at from seed_moves m join ledger_transactions tx on tx.idempotency_key = m.key
                where m.credit2 is not null and m.amount2 > 0""").update();
        jdbc.sql("""
                insert into ledger_entries (transaction_id, account_id, amount, balance_after, created_at)
                select tx.id, m.debit, -m.total, 0, tx.created_at from seed_moves m join ledger_transactions tx on tx.idempotency_key = m.key""").update();
        jdbc.sql("""
                insert into payments (user_id, amount, purpose, status, nonce, authority, ref_id, created_at, updated_at, redirected_at,
                                      verified_at, closed_at, ledger_transaction_id)
                select m.payment_user, m.amount1, 'WALLET_TOP_UP', 'VERIFIED', m.key, m.key, '1', tx.created_at - interval '2 minutes',
                       tx.created_at, tx.created_at - interval '1 minute', tx.created_at, tx.created_at, tx.id
                from seed_moves m join ledger_transactions tx on tx.idempotency_key = m.key where m.payment_status is not null""").update();
        jdbc.sql("""
                insert into payments (user_id, amount, purpose, status, nonce, authority, created_at, updated_at, closed_at)
                select t.borrower_user_id, t.price, 'WALLET_TOP_UP', case when t.id % 3 = 0 then 'REDIRECTED' else 'FAILED' end,
                       'seed-fail:' || t.id, 'seed-fail:' || t.id, t.created_at, t.created_at,
                       case when t.id % 3 = 0 then null else t.created_at + interval '10 minutes' end
                from tickets t where t.id between ? and ? and t.id % 4 = 0""").params(lo, hi).update();
    }
}
