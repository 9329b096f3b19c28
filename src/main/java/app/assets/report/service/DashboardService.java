package app.assets.report.service;

import app.assets.audit.AuditLog;
import app.assets.base.error.UserInputException;
import app.assets.base.security.Permissions;
import app.assets.report.domain.AdminDashboard;
import app.assets.report.domain.DashboardFilter;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin dashboard's read side. It reads daily_aggregates and daily_ticket_aggregates only (at
 * most a few hundred rows a visit, never the ledger or the tickets) and caches each filter's answer
 * in {@link #ADMIN_DASHBOARD_CACHE}, keyed by the filter and the version of its rows; computing a
 * day also empties that cache (on this node, or everywhere with Redis).
 */
@Service
public class DashboardService {

    /** Spring Cache name of the admin dashboard, keyed by {@link DashboardFilter}. */
    public static final String ADMIN_DASHBOARD_CACHE = "report.adminDashboard";

    /** Most days one click of Recompute computes. */
    public static final int MAX_RECOMPUTE_DAYS = 31;

    private final JdbcClient jdbc;
    private final DailyAggregates aggregates;
    private final AggregateJob job;
    private final AuditLog audit;
    private final CacheManager caches;

    public DashboardService(
            JdbcClient jdbc, DailyAggregates aggregates, AggregateJob job, AuditLog audit, CacheManager caches) {
        this.jdbc = jdbc;
        this.aggregates = aggregates;
        this.job = job;
        this.audit = audit;
        this.caches = caches;
    }

    /** Today in Tehran (Formats.ZONE): the last day a preset range ends on. */
    public LocalDate today() {
        return aggregates.today();
    }

    /**
     * The dashboard of a filter, from the cache when its entry is as new as the range's aggregates.
     * The key holds the filter and the version of the range's rows (how many there are and the
     * latest computed_at, a primary-key range read): a day computed on another node changes the
     * key, so even a cache local to each node (Caffeine) never serves figures older than the rows.
     */
    @PreAuthorize("hasAuthority('" + Permissions.REPORT_READ_ALL + "')")
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public AdminDashboard adminDashboard(DashboardFilter filter) {
        var key = jdbc.sql("select count(*), max(computed_at) from daily_aggregates where report_date between ? and ?")
                .params(filter.from(), filter.to())
                .query((rs, n) -> new CacheKey(filter, rs.getLong(1), instant(rs.getTimestamp(2))))
                .single();
        Cache cache = caches.getCache(ADMIN_DASHBOARD_CACHE);
        return cache == null ? read(filter) : cache.get(key, () -> read(filter));
    }

    /**
     * Security deposits now (live, not from the daily aggregates; docs/deposits.md): how many holds
     * are still on borrowers' wallets and their sum, and the damage claims still open (filed and not
     * settled) and among them those waiting for SUPPORT.
     */
    public record DepositFigures(long held, long heldAmount, long openClaims, long disputedClaims) {}

    @PreAuthorize("hasAuthority('" + Permissions.REPORT_READ_ALL + "')")
    @Transactional(readOnly = true)
    public DepositFigures deposits() {
        return jdbc.sql("""
                        select count(*) filter (where status not in ('RELEASED', 'SETTLED')),
                               coalesce(sum(amount) filter (where status not in ('RELEASED', 'SETTLED')), 0),
                               count(*) filter (where status in ('CLAIMED', 'DISPUTED')),
                               count(*) filter (where status = 'DISPUTED')
                        from ticket_deposits""")
                .query((rs, n) -> new DepositFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    /** Key of {@link #ADMIN_DASHBOARD_CACHE}: the filter and the version of its days' rows. */
    public record CacheKey(DashboardFilter filter, long rows, Instant latestComputedAt) implements Serializable {}

    private AdminDashboard read(DashboardFilter filter) {
        var totals = jdbc.sql("""
                        select count(*) as computed, min(computed_at) as oldest, max(report_date) as latest,
                               coalesce(sum(new_users), 0) as new_users, coalesce(sum(total_volume), 0) as volume,
                               coalesce(sum(fees), 0) as fees, coalesce(sum(completed_tickets), 0) as completed,
                               coalesce(sum(cancelled_tickets), 0) as cancelled,
                               coalesce(sum(payments_verified), 0) as verified, coalesce(sum(payments_failed), 0) as failed,
                               coalesce(sum(top_up_volume), 0) as top_up, coalesce(sum(gateway_fees), 0) as gateway_fees,
                               coalesce(sum(email_sent), 0) as email_sent, coalesce(sum(email_failed), 0) as email_failed,
                               coalesce(sum(sms_sent), 0) as sms_sent, coalesce(sum(sms_failed), 0) as sms_failed,
                               coalesce(sum(whatsapp_sent), 0) as whatsapp_sent, coalesce(sum(whatsapp_failed), 0) as whatsapp_failed
                        from daily_aggregates where report_date between ? and ?""")
                .params(filter.from(), filter.to())
                .query((rs, n) -> new Totals(
                        rs.getInt("computed"),
                        instant(rs.getTimestamp("oldest")),
                        rs.getObject("latest", LocalDate.class),
                        rs.getLong("new_users"),
                        rs.getLong("volume"),
                        rs.getLong("fees"),
                        rs.getLong("completed"),
                        rs.getLong("cancelled"),
                        new AdminDashboard.Payments(
                                rs.getLong("verified"),
                                rs.getLong("failed"),
                                0,
                                rs.getLong("top_up"),
                                rs.getLong("gateway_fees")),
                        List.of(
                                new AdminDashboard.ChannelDelivery(
                                        "EMAIL", rs.getLong("email_sent"), rs.getLong("email_failed")),
                                new AdminDashboard.ChannelDelivery(
                                        "SMS", rs.getLong("sms_sent"), rs.getLong("sms_failed")),
                                new AdminDashboard.ChannelDelivery(
                                        "WHATSAPP", rs.getLong("whatsapp_sent"), rs.getLong("whatsapp_failed")))))
                .single();
        int missing = (int) (filter.days() - totals.computed());
        if (totals.latest() == null) {
            return new AdminDashboard(
                    filter,
                    null,
                    null,
                    null,
                    missing,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    null,
                    0,
                    0,
                    0,
                    new AdminDashboard.Payments(0, 0, 0, 0, 0),
                    totals.channels(),
                    List.of());
        }
        var end = jdbc.sql("""
                        select total_users, total_tickets, active_loans, wallet_balance_sum, ledger_wallet_sum, payments_pending,
                               computed_at
                        from daily_aggregates where report_date = ?""")
                .param(totals.latest())
                .query((rs, n) -> new End(
                        rs.getLong("total_users"),
                        rs.getLong("total_tickets"),
                        rs.getLong("active_loans"),
                        rs.getLong("wallet_balance_sum"),
                        rs.getObject("ledger_wallet_sum", Long.class),
                        rs.getLong("payments_pending"),
                        instant(rs.getTimestamp("computed_at"))))
                .single();
        List<AdminDashboard.Day> days = filter.filtersTickets() ? filteredDays(filter) : allDays(filter);
        var payments = new AdminDashboard.Payments(
                totals.payments().verified(),
                totals.payments().failed(),
                end.pendingPayments(),
                totals.payments().topUpVolume(),
                totals.payments().gatewayFees());
        long activated = days.stream().mapToLong(AdminDashboard.Day::activated).sum();
        if (!filter.filtersTickets()) {
            return new AdminDashboard(
                    filter,
                    totals.latest(),
                    end.computedAt(),
                    totals.oldest(),
                    missing,
                    end.users(),
                    totals.newUsers(),
                    end.tickets(),
                    end.activeLoans(),
                    totals.volume(),
                    totals.fees(),
                    end.walletSum(),
                    end.ledgerWalletSum(),
                    activated,
                    totals.completed(),
                    totals.cancelled(),
                    payments,
                    totals.channels(),
                    days);
        }
        var ticketEnd = jdbc.sql("""
                        select coalesce(sum(total_tickets), 0)
                        from daily_ticket_aggregates
                        where report_date = :latest and (cast(:category as varchar) is null or category = :category)
                          and (cast(:segment as varchar) is null or segment = :segment)""")
                .param("latest", totals.latest())
                .param("category", name(filter.category()))
                .param("segment", name(filter.segment()))
                .query(Long.class)
                .single();
        long cancelled = jdbc.sql("""
                        select coalesce(sum(cancelled), 0) from daily_ticket_aggregates
                        where report_date between :from and :to and (cast(:category as varchar) is null or category = :category)
                          and (cast(:segment as varchar) is null or segment = :segment)""")
                .param("from", filter.from())
                .param("to", filter.to())
                .param("category", name(filter.category()))
                .param("segment", name(filter.segment()))
                .query(Long.class)
                .single();
        long activeAtEnd = days.isEmpty() ? 0 : days.getLast().activeAtEnd();
        return new AdminDashboard(
                filter,
                totals.latest(),
                end.computedAt(),
                totals.oldest(),
                missing,
                end.users(),
                totals.newUsers(),
                ticketEnd,
                activeAtEnd,
                days.stream().mapToLong(AdminDashboard.Day::volume).sum(),
                days.stream().mapToLong(AdminDashboard.Day::fees).sum(),
                end.walletSum(),
                end.ledgerWalletSum(),
                activated,
                days.stream().mapToLong(AdminDashboard.Day::completed).sum(),
                cancelled,
                payments,
                totals.channels(),
                days);
    }

    /** Recomputes one day (a past day or today) at once and empties the dashboard cache. */
    @PreAuthorize("hasAuthority('" + Permissions.REPORT_RECOMPUTE + "')")
    public void recompute(LocalDate day) {
        if (day.isAfter(today())) {
            throw new UserInputException("adminDashboard.futureDay");
        }
        job.recompute(day);
        audit.success("report.recompute", "daily_aggregates", null, day.toString());
    }

    /**
     * What the dashboard's Recompute button does for a range: computes its last day and every day of
     * it that has no aggregates yet, at most {@link #MAX_RECOMPUTE_DAYS} days (it runs in the
     * request, so a click stays short; older gaps are for the startup backfill or the seeder), then
     * audits once. Answers how many days it computed.
     */
    @PreAuthorize("hasAuthority('" + Permissions.REPORT_RECOMPUTE + "')")
    public int recompute(DashboardFilter range) {
        if (range.to().isAfter(today())) {
            throw new UserInputException("adminDashboard.futureDay");
        }
        var days = new ArrayList<>(aggregates.missingDays(range.from(), range.to()));
        if (!days.contains(range.to())) {
            days.add(range.to());
        }
        if (days.size() > MAX_RECOMPUTE_DAYS) {
            throw new UserInputException("adminDashboard.recomputeTooMany", MAX_RECOMPUTE_DAYS, days.size());
        }
        job.recompute(days);
        audit.success(
                "report.recompute",
                "daily_aggregates",
                null,
                range.from() + ".." + range.to() + ": " + days.size() + " days");
        return days.size();
    }

    private List<AdminDashboard.Day> allDays(DashboardFilter filter) {
        return jdbc.sql("""
                        select d.report_date, d.new_tickets, d.total_volume, d.fees, d.completed_tickets, d.active_loans,
                               (select coalesce(sum(t.activated), 0) from daily_ticket_aggregates t where t.report_date = d.report_date) as activated
                        from daily_aggregates d where d.report_date between ? and ? order by d.report_date""")
                .params(filter.from(), filter.to())
                .query((rs, n) -> new AdminDashboard.Day(
                        rs.getObject("report_date", LocalDate.class),
                        rs.getLong("new_tickets"),
                        rs.getLong("activated"),
                        rs.getLong("completed_tickets"),
                        rs.getLong("active_loans"),
                        rs.getLong("total_volume"),
                        rs.getLong("fees")))
                .list();
    }

    private List<AdminDashboard.Day> filteredDays(DashboardFilter filter) {
        // Days with aggregates but no matching ticket rows still get a point (all zero).
        Map<LocalDate, AdminDashboard.Day> byDay = new TreeMap<>();
        jdbc.sql("select report_date from daily_aggregates where report_date between ? and ?")
                .params(filter.from(), filter.to())
                .query(LocalDate.class)
                .list()
                .forEach(d -> byDay.put(d, new AdminDashboard.Day(d, 0, 0, 0, 0, 0, 0)));
        jdbc.sql("""
                        select report_date, sum(new_tickets) as new_tickets, sum(activated) as activated, sum(completed) as completed,
                               sum(active_at_end) as active_at_end, sum(volume) as volume, sum(fees) as fees
                        from daily_ticket_aggregates
                        where report_date between :from and :to and (cast(:category as varchar) is null or category = :category)
                          and (cast(:segment as varchar) is null or segment = :segment)
                        group by report_date""")
                .param("from", filter.from())
                .param("to", filter.to())
                .param("category", name(filter.category()))
                .param("segment", name(filter.segment()))
                .query((rs, n) -> new AdminDashboard.Day(
                        rs.getObject("report_date", LocalDate.class),
                        rs.getLong("new_tickets"),
                        rs.getLong("activated"),
                        rs.getLong("completed"),
                        rs.getLong("active_at_end"),
                        rs.getLong("volume"),
                        rs.getLong("fees")))
                .list()
                .forEach(d -> byDay.put(d.date(), d));
        return List.copyOf(new ArrayList<>(byDay.values()));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Totals(
            int computed,
            Instant oldest,
            LocalDate latest,
            long newUsers,
            long volume,
            long fees,
            long completed,
            long cancelled,
            AdminDashboard.Payments payments,
            List<AdminDashboard.ChannelDelivery> channels) {}

    private record End(
            long users,
            long tickets,
            long activeLoans,
            long walletSum,
            Long ledgerWalletSum,
            long pendingPayments,
            Instant computedAt) {}
}
