package app.assets.report.service;

import app.assets.base.i18n.Formats;
import app.assets.base.infra.RetryingTransactions;
import app.assets.report.domain.Segment;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes one calendar day's aggregates from the system of record (users, tickets, listings,
 * payments, notifications, ledger) and writes them over whatever the day had: an idempotent upsert
 * in one transaction that reads one consistent snapshot (repeatable read). Days are calendar days of
 * {@link Formats#ZONE}, like every date the UI and the exports show. A transaction-scoped PostgreSQL
 * advisory lock per day keeps two nodes from computing the same day at once. The snapshot of a
 * repeatable-read transaction is taken when its first statement starts, so before the lock is
 * granted: a computation that waited for another one of the same day fails with a serialization
 * failure when it writes, and is tried again in a new transaction (a new snapshot, which sees the
 * other's row). Not gated: callers are the scheduled {@link AggregateJob} and
 * {@link DashboardService#recompute}, which is.
 */
@Service
public class DailyAggregates {

    /** First key of the advisory locks (the second is the day's epoch day): "rprt". */
    static final int LOCK_SPACE = 0x72707274;

    /**
     * Ledger transaction types whose PLATFORM_FEES credits are lending revenue ("fees"): a ticket's
     * payout and a dispute's settlement. The gateway's fee on a top-up is booked on the same account
     * (as a debit, type TOP_UP) and reported apart as "gateway_fees".
     */
    static final List<String> LENDING_FEE_TYPES = List.of("TICKET_PAYOUT", "TICKET_SETTLEMENT");

    private final JdbcClient jdbc;
    private final RetryingTransactions transactions;
    private final Clock clock;

    public DailyAggregates(JdbcClient jdbc, RetryingTransactions transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(Formats.ZONE));
    }

    /** Computes the day, waiting for another node (or thread) that computes it right now. */
    public void compute(LocalDate day) {
        transactions.executeRepeatableRead(() -> {
            jdbc.sql("select pg_advisory_xact_lock(?, ?)")
                    .params(LOCK_SPACE, (int) day.toEpochDay())
                    .query()
                    .singleRow();
            write(day);
            return null;
        });
    }

    /** Computes the day unless another node is computing it right now; says whether it did. */
    public boolean computeUnlessBusy(LocalDate day) {
        return transactions.executeRepeatableRead(() -> {
            boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(?, ?)")
                    .params(LOCK_SPACE, (int) day.toEpochDay())
                    .query(Boolean.class)
                    .single();
            if (locked) {
                write(day);
            }
            return locked;
        });
    }

    /** The days between {@code from} and {@code to} (included) that have no aggregates yet, oldest first. */
    @Transactional(readOnly = true)
    public List<LocalDate> missingDays(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        select d::date from generate_series(?::date, ?::date, interval '1 day') d
                        where not exists (select 1 from daily_aggregates a where a.report_date = d::date) order by 1""").params(from, to).query(LocalDate.class).list();
    }

    private void write(LocalDate day) {
        ZonedDateTime start = day.atStartOfDay(Formats.ZONE);
        var s = Timestamp.from(start.toInstant());
        var e = Timestamp.from(start.plusDays(1).toInstant());
        boolean today = day.equals(today());
        jdbc.sql("""
                insert into daily_aggregates (report_date, total_users, new_users, total_tickets, new_tickets, active_loans,
                    completed_tickets, cancelled_tickets, total_volume, fees, gateway_fees, top_up_volume, payments_verified, payments_failed,
                    payments_pending, email_sent, email_failed, sms_sent, sms_failed, whatsapp_sent, whatsapp_failed,
                    wallet_balance_sum, ledger_wallet_sum, computed_at)
                select :day,
                    (select count(*) from users where created_at < :e),
                    (select count(*) from users where created_at >= :s and created_at < :e),
                    (select count(*) from tickets where created_at < :e),
                    (select count(*) from tickets where created_at >= :s and created_at < :e),
                    (select count(*) from tickets where activated_at < :e and (ended_at is null or ended_at >= :e)),
                    (select count(*) from tickets where status = 'COMPLETED' and ended_at >= :s and ended_at < :e),
                    (select count(*) from tickets where status = 'CANCELLED' and ended_at >= :s and ended_at < :e),
                    (select coalesce(sum(price), 0) from tickets where activated_at >= :s and activated_at < :e),
                    (select coalesce(sum(le.amount), 0) from ledger_entries le join ledger_accounts la on la.id = le.account_id
                      join ledger_transactions lt on lt.id = le.transaction_id
                      where la.kind = 'PLATFORM_FEES' and lt.type in (:lending) and le.created_at >= :s and le.created_at < :e),
                    (select coalesce(-sum(le.amount), 0) from ledger_entries le join ledger_accounts la on la.id = le.account_id
                      join ledger_transactions lt on lt.id = le.transaction_id
                      left join ledger_transactions reversed on reversed.id = lt.reverses_id
                      where la.kind = 'PLATFORM_FEES' and (lt.type = 'TOP_UP' or reversed.type = 'TOP_UP')
                        and le.created_at >= :s and le.created_at < :e),
                    p.top_up_volume, p.verified, p.failed, p.pending,
                    n.email_sent, n.email_failed, n.sms_sent, n.sms_failed, n.whatsapp_sent, n.whatsapp_failed,
                    (select coalesce(sum(le.amount), 0) from ledger_entries le join ledger_accounts la on la.id = le.account_id
                      where la.kind = 'USER_WALLET' and le.created_at < :e),
                    case when :today then (select coalesce(sum(posted), 0) from ledger_accounts where kind = 'USER_WALLET') end,
                    now()
                from (select coalesce(sum(amount) filter (where verified_at >= :s and verified_at < :e), 0) as top_up_volume,
                             count(*) filter (where verified_at >= :s and verified_at < :e) as verified,
                             count(*) filter (where status in ('FAILED', 'CANCELLED', 'EXPIRED') and closed_at >= :s and closed_at < :e) as failed,
                             count(*) filter (where coalesce(verified_at, closed_at) is null
                                                    or coalesce(verified_at, closed_at) >= :e) as pending
                      from payments
                      -- verified_at first: a refund later sets closed_at again, but the payment stopped pending when verified
                      where created_at < :e and (coalesce(verified_at, closed_at) is null or coalesce(verified_at, closed_at) >= :s)) p,
                     (select count(*) filter (where channel = 'EMAIL' and status = 'SENT') as email_sent,
                             count(*) filter (where channel = 'EMAIL' and status = 'FAILED') as email_failed,
                             count(*) filter (where channel = 'SMS' and status = 'SENT') as sms_sent,
                             count(*) filter (where channel = 'SMS' and status = 'FAILED') as sms_failed,
                             count(*) filter (where channel = 'WHATSAPP' and status = 'SENT') as whatsapp_sent,
                             count(*) filter (where channel = 'WHATSAPP' and status = 'FAILED') as whatsapp_failed
                      from notifications where created_at >= :s and created_at < :e) n
                on conflict (report_date) do update set total_users = excluded.total_users, new_users = excluded.new_users,
                    total_tickets = excluded.total_tickets, new_tickets = excluded.new_tickets, active_loans = excluded.active_loans,
                    completed_tickets = excluded.completed_tickets, cancelled_tickets = excluded.cancelled_tickets,
                    total_volume = excluded.total_volume, fees = excluded.fees,
                    gateway_fees = excluded.gateway_fees, top_up_volume = excluded.top_up_volume,
                    payments_verified = excluded.payments_verified, payments_failed = excluded.payments_failed,
                    payments_pending = excluded.payments_pending, email_sent = excluded.email_sent,
                    email_failed = excluded.email_failed, sms_sent = excluded.sms_sent, sms_failed = excluded.sms_failed,
                    whatsapp_sent = excluded.whatsapp_sent, whatsapp_failed = excluded.whatsapp_failed,
                    wallet_balance_sum = excluded.wallet_balance_sum, ledger_wallet_sum = excluded.ledger_wallet_sum,
                    computed_at = excluded.computed_at""")
                .param("day", day)
                .param("s", s)
                .param("e", e)
                .param("today", today)
                .param("lending", LENDING_FEE_TYPES)
                .update();
        jdbc.sql("delete from daily_ticket_aggregates where report_date = ?")
                .param(day)
                .update();
        jdbc.sql("""
                insert into daily_ticket_aggregates (report_date, category, segment, total_tickets, new_tickets, activated,
                    completed, cancelled, active_at_end, volume, fees)
                select :day, l.category,
                    case when t.created_at - u.created_at < make_interval(days => :newDays) then 'NEW' else 'ESTABLISHED' end,
                    count(*),
                    count(*) filter (where t.created_at >= :s),
                    count(*) filter (where t.activated_at >= :s and t.activated_at < :e),
                    count(*) filter (where t.status = 'COMPLETED' and t.ended_at >= :s and t.ended_at < :e),
                    count(*) filter (where t.status = 'CANCELLED' and t.ended_at >= :s and t.ended_at < :e),
                    count(*) filter (where t.activated_at < :e and (t.ended_at is null or t.ended_at >= :e)),
                    coalesce(sum(t.price) filter (where t.activated_at >= :s and t.activated_at < :e), 0),
                    coalesce(sum(f.fee), 0)
                from tickets t
                join listings l on l.id = t.listing_id
                join users u on u.id = t.borrower_user_id
                -- the day's lending fees of each ticket: fee entries of the payout or settlement that emptied its escrow
                left join (select esc.account_id as escrow_account_id, sum(fee.amount) as fee
                           from ledger_entries fee
                           join ledger_accounts fa on fa.id = fee.account_id and fa.kind = 'PLATFORM_FEES'
                           join ledger_transactions lt on lt.id = fee.transaction_id and lt.type in (:lending)
                           join ledger_entries esc on esc.transaction_id = fee.transaction_id
                           join ledger_accounts ea on ea.id = esc.account_id and ea.kind = 'ESCROW'
                           where fee.created_at >= :s and fee.created_at < :e
                           group by esc.account_id) f on f.escrow_account_id = t.escrow_account_id
                where t.created_at < :e
                group by 2, 3""")
                .param("day", day)
                .param("s", s)
                .param("e", e)
                .param("newDays", (int) Segment.NEW_ACCOUNT_AGE.toDays())
                .param("lending", LENDING_FEE_TYPES)
                .update();
    }
}
