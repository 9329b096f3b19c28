package app.assets.report.service;

import app.assets.identity.CurrentUser;
import app.assets.ledger.Balance;
import app.assets.ledger.Ledger;
import app.assets.ticket.TicketStatus;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in user's own dashboard: wallet balance, money in and out per day, tickets as
 * borrower and as lender, active loans and recent activity. Every query is bounded by the user's
 * own wallet or tickets, so it stays cheap however large the ledger grows.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class MyDashboard {

    /** Days of money flow the dashboard charts. */
    public static final int FLOW_DAYS = 30;
    /** Active loans and activity lines shown at most. */
    public static final int LIST_LIMIT = 8;

    /** Money into and out of the wallet on one day (out is a positive number). */
    public record DailyFlow(LocalDate day, long in, long out) {}

    /** A loan running now, from either side. */
    public record Loan(long ticketId, String title, boolean asBorrower, String otherParty, long price, Instant dueAt) {}

    /** One line of recent activity: a wallet entry (amount set) or a ticket step (ticket set). */
    public record Activity(Instant at, String kind, String title, Long amount, Long ticketId) {}

    /** Everything the dashboard shows, read in one transaction so the figures agree. */
    public record Overview(
            Balance balance,
            List<DailyFlow> flows,
            Map<TicketStatus, Long> asBorrower,
            Map<TicketStatus, Long> asLender,
            long activeLoanCount,
            List<Loan> activeLoans,
            List<Activity> recent) {}

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final CurrentUser currentUser;
    private final Clock clock;

    public MyDashboard(JdbcClient jdbc, Ledger ledger, CurrentUser currentUser, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** One snapshot (repeatable read), so the balance, the flows and the lists agree with each other. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Overview overview(ZoneId zone) {
        long userId = currentUser.require().id();
        long wallet = ledger.walletOf(userId);
        return new Overview(
                ledger.balance(wallet),
                flows(wallet, zone),
                ticketCounts(userId, "borrower_user_id"),
                ticketCounts(userId, "lender_user_id"),
                activeLoanCount(userId),
                activeLoans(userId),
                recent(userId, wallet));
    }

    private long activeLoanCount(long userId) {
        return jdbc.sql("select count(*) from tickets where status in ('ACTIVE', 'DISPUTED')"
                        + " and (borrower_user_id = :user or lender_user_id = :user)")
                .param("user", userId)
                .query(Long.class)
                .single();
    }

    private List<DailyFlow> flows(long wallet, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate first = today.minusDays(FLOW_DAYS - 1);
        Instant since = first.atStartOfDay(zone).toInstant();
        Map<LocalDate, long[]> byDay = new HashMap<>();
        jdbc.sql("""
                select (created_at at time zone :zone)::date as day,
                       coalesce(sum(amount) filter (where amount > 0), 0) as money_in,
                       coalesce(-sum(amount) filter (where amount < 0), 0) as money_out
                from ledger_entries
                where account_id = :wallet and created_at >= :since
                group by 1""")
                .param("zone", zone.getId())
                .param("wallet", wallet)
                .param("since", Timestamp.from(since))
                .query((rs, n) -> byDay.put(
                        rs.getObject("day", LocalDate.class),
                        new long[] {rs.getLong("money_in"), rs.getLong("money_out")}))
                .list();
        var flows = new ArrayList<DailyFlow>(FLOW_DAYS);
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            long[] v = byDay.getOrDefault(day, new long[2]);
            flows.add(new DailyFlow(day, v[0], v[1]));
        }
        return flows;
    }

    private Map<TicketStatus, Long> ticketCounts(long userId, String side) {
        var counts = new EnumMap<TicketStatus, Long>(TicketStatus.class);
        for (var status : TicketStatus.values()) {
            counts.put(status, 0L);
        }
        // side is one of two column names fixed in this class, never user input.
        jdbc.sql("select status, count(*) as n from tickets where " + side + " = :user group by status")
                .param("user", userId)
                .query((rs, n) -> counts.put(TicketStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list();
        return counts;
    }

    private List<Loan> activeLoans(long userId) {
        return jdbc.sql("""
                select t.id, t.listing_title, t.borrower_user_id = :user as as_borrower, t.price, t.due_at,
                       case when t.borrower_user_id = :user then l.display_name else b.display_name end as other
                from tickets t
                join users b on b.id = t.borrower_user_id
                join users l on l.id = t.lender_user_id
                where t.status in ('ACTIVE', 'DISPUTED') and (t.borrower_user_id = :user or t.lender_user_id = :user)
                order by t.due_at nulls last, t.id
                limit :limit""")
                .param("user", userId)
                .param("limit", LIST_LIMIT)
                .query((rs, n) -> new Loan(
                        rs.getLong("id"),
                        rs.getString("listing_title"),
                        rs.getBoolean("as_borrower"),
                        rs.getString("other"),
                        rs.getLong("price"),
                        rs.getTimestamp("due_at") == null
                                ? null
                                : rs.getTimestamp("due_at").toInstant()))
                .list();
    }

    private List<Activity> recent(long userId, long wallet) {
        return jdbc.sql("""
                (select e.created_at as at, x.type as kind, coalesce(x.description, '') as title,
                        e.amount, null::bigint as ticket_id
                 from ledger_entries e join ledger_transactions x on x.id = e.transaction_id
                 where e.account_id = :wallet
                 order by e.id desc limit :limit)
                union all
                (select ev.at, ev.kind, t.listing_title, null::bigint, t.id
                 from ticket_events ev join tickets t on t.id = ev.ticket_id
                 where t.id in (select id from tickets where borrower_user_id = :user
                                union all select id from tickets where lender_user_id = :user)
                 order by ev.id desc limit :limit)
                order by at desc
                limit :limit""")
                .param("wallet", wallet)
                .param("user", userId)
                .param("limit", LIST_LIMIT)
                .query((rs, n) -> new Activity(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("kind"),
                        rs.getString("title"),
                        (Long) rs.getObject("amount"),
                        (Long) rs.getObject("ticket_id")))
                .list();
    }
}
