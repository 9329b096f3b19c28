package app.assets.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Formats;
import app.assets.base.infra.RetryingTransactions;
import app.assets.listing.ListingCategory;
import app.assets.report.domain.AdminDashboard;
import app.assets.report.domain.DashboardFilter;
import app.assets.report.domain.Segment;
import app.assets.report.service.AggregateJob;
import app.assets.report.service.DailyAggregates;
import app.assets.report.service.DashboardService;
import app.assets.support.BackdatedDataContext;
import app.assets.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithUserDetails;

/**
 * The daily aggregates against a direct computation over a known dataset, recomputation, the
 * dashboard cache and who may read and recompute. Runs as the demo ADMIN unless a test says otherwise.
 */
@BackdatedDataContext
@WithUserDetails("admin@assets.local")
class DailyAggregatesTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DashboardService dashboards;

    @Autowired
    DailyAggregates aggregates;

    @Autowired
    AggregateJob job;

    @Autowired
    RetryingTransactions transactions;

    @Autowired
    CacheManager caches;

    @Autowired
    Clock clock;

    static boolean seeded;
    LocalDate today;

    @BeforeEach
    void aKnownDataset() {
        today = dashboards.today();
        if (!seeded) {
            transactions.run(() -> new AggregateFixtures(jdbc, Formats.ZONE).seed(clock.instant()));
            seeded = true;
        }
    }

    @Test
    void everyDayEqualsADirectComputationOfTheSourceTables() {
        var direct = new DirectComputation(jdbc, Formats.ZONE);
        for (int back = AggregateFixtures.DAYS + 1; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            dashboards.recompute(day);
            assertThat(stored(day)).as("daily_aggregates of " + day).isEqualTo(direct.day(day, back == 0));
            assertThat(storedTickets(day))
                    .as("daily_ticket_aggregates of " + day)
                    .isEqualTo(direct.ticketDay(day));
        }
        // the dataset is varied enough for the comparison to mean something
        var yesterday = direct.day(today.minusDays(1), false);
        assertThat((long) yesterday.get("new_tickets")).isPositive();
        assertThat((long) yesterday.get("fees")).isPositive();
        assertThat(direct.ticketDay(today.minusDays(1))).hasSizeGreaterThanOrEqualTo(4);
        assertThat((long) direct.day(today, true).get("wallet_balance_sum"))
                .isEqualTo(direct.day(today, true).get("ledger_wallet_sum"));
        assertThat(jdbc.sql(
                                "select count(*) from payments where status = 'REFUNDED' and verified_at < ? and closed_at >= ?")
                        .params(
                                Timestamp.from(today.minusDays(1)
                                        .atStartOfDay(Formats.ZONE)
                                        .toInstant()),
                                Timestamp.from(today.atStartOfDay(Formats.ZONE).toInstant()))
                        .query(Long.class)
                        .single())
                .as("a payment verified days before its refund, so never pending in between")
                .isPositive();
    }

    @Test
    void twoRecomputationsOfTheSameDayAtOnceBothSucceedAndWriteTheDirectComputation() throws Exception {
        LocalDate day = today.minusDays(2);
        var expected = new DirectComputation(jdbc, Formats.ZONE).day(day, false);
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                var start = new CountDownLatch(1);
                Callable<Void> recompute = () -> {
                    start.await();
                    aggregates.compute(day);
                    return null;
                };
                var both = List.of(pool.submit(recompute), pool.submit(recompute));
                start.countDown();
                for (var run : both) {
                    run.get(60, TimeUnit.SECONDS); // throws if that recomputation failed
                }
                assertThat(stored(day)).as("round " + round).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDashboardAddsUpTheDaysOfItsRangeAndFiltersTicketsByCategoryAndSegment() {
        LocalDate from = today.minusDays(AggregateFixtures.DAYS);
        for (var day = from; !day.isAfter(today); day = day.plusDays(1)) {
            dashboards.recompute(day);
        }
        var direct = new DirectComputation(jdbc, Formats.ZONE);
        AdminDashboard all = dashboards.adminDashboard(new DashboardFilter(from, today, null, null));
        long fees = 0;
        long volume = 0;
        long completed = 0;
        for (var day = from; !day.isAfter(today); day = day.plusDays(1)) {
            var row = direct.day(day, day.equals(today));
            fees += (long) row.get("fees");
            volume += (long) row.get("total_volume");
            completed += (long) row.get("completed_tickets");
        }
        var now = direct.day(today, true);
        assertThat(all.missingDays()).isZero();
        assertThat(all.revenue()).isEqualTo(fees);
        assertThat(all.volume()).isEqualTo(volume);
        assertThat(all.completed()).isEqualTo(completed);
        assertThat(all.totalUsers()).isEqualTo(now.get("total_users"));
        assertThat(all.activeLoans()).isEqualTo(now.get("active_loans"));
        assertThat(all.walletMatchesLedger()).isTrue();
        assertThat(all.days()).hasSize(AggregateFixtures.DAYS + 1);

        var cameras = dashboards.adminDashboard(new DashboardFilter(from, today, ListingCategory.CAMERA, Segment.NEW));
        long cameraTickets =
                direct.ticketDay(today).getOrDefault("CAMERA/NEW", List.of(0L)).getFirst();
        long cameraVolume = 0;
        for (var day = from; !day.isAfter(today); day = day.plusDays(1)) {
            cameraVolume += direct.ticketDay(day)
                    .getOrDefault("CAMERA/NEW", List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L))
                    .get(6);
        }
        assertThat(cameras.totalTickets()).isEqualTo(cameraTickets).isLessThan(all.totalTickets());
        assertThat(cameras.volume()).isEqualTo(cameraVolume);
        assertThat(cameras.totalUsers()).as("users are not split by category").isEqualTo(all.totalUsers());
    }

    @Test
    void revenueIsLendingFeesWithAndWithoutFiltersAndGatewayFeesAreReportedApart() {
        var direct = new DirectComputation(jdbc, Formats.ZONE);
        int daysWithBoth = 0;
        for (var day = today.minusDays(AggregateFixtures.DAYS); !day.isAfter(today); day = day.plusDays(1)) {
            dashboards.recompute(day);
            var oneDay = new DashboardFilter(day, day, null, null);
            AdminDashboard all = dashboards.adminDashboard(oneDay);
            long byCategory = 0;
            for (var category : ListingCategory.values()) {
                byCategory += dashboards
                        .adminDashboard(new DashboardFilter(day, day, category, null))
                        .revenue();
            }
            long bySegment = 0;
            for (var segment : Segment.values()) {
                bySegment += dashboards
                        .adminDashboard(new DashboardFilter(day, day, null, segment))
                        .revenue();
            }
            var expected = direct.day(day, day.equals(today));
            assertThat(all.revenue())
                    .as("revenue of " + day)
                    .isEqualTo(expected.get("fees"))
                    .isEqualTo(byCategory)
                    .isEqualTo(bySegment);
            assertThat(all.payments().gatewayFees())
                    .as("gateway fees of " + day)
                    .isEqualTo(expected.get("gateway_fees"));
            if (all.revenue() > 0 && all.payments().gatewayFees() > 0) {
                daysWithBoth++;
            }
        }
        assertThat(daysWithBoth)
                .as("days with both a ticket payout and a top-up with a gateway fee")
                .isPositive();
    }

    @Test
    void theBackfillComputesEveryMissingDayItCanAndReportsTheOneThatFailed() {
        LocalDate broken = today.minusDays(12);
        jdbc.sql("delete from daily_aggregates where report_date between ? and ?")
                .params(today.minusDays(15), today.minusDays(10))
                .update();
        ownerJdbc().sql("""
                create function agg_test_refuse_day() returns trigger language plpgsql as $$
                begin
                    if new.report_date = '%s'::date then raise exception 'refused for the test'; end if;
                    return new;
                end $$""".formatted(broken)).update();
        ownerJdbc()
                .sql(
                        "create trigger agg_test_refuse_day before insert on daily_aggregates for each row execute function agg_test_refuse_day()")
                .update();
        try {
            assertThat(job.backfill(15)).containsExactly(broken);
        } finally {
            ownerJdbc()
                    .sql("drop trigger agg_test_refuse_day on daily_aggregates")
                    .update();
            ownerJdbc().sql("drop function agg_test_refuse_day()").update();
        }
        assertThat(dashboards
                        .adminDashboard(new DashboardFilter(today.minusDays(15), today.minusDays(10), null, null))
                        .missingDays())
                .as("the other days of the gap are computed")
                .isOne();
    }

    @Test
    void recomputingADayIsIdempotentAndAPastDayPicksUpWhatChanged() {
        LocalDate past = today.minusDays(3);
        dashboards.recompute(past);
        var first = stored(past);
        var firstTickets = storedTickets(past);
        dashboards.recompute(past);
        assertThat(stored(past)).isEqualTo(first);
        assertThat(storedTickets(past)).isEqualTo(firstTickets);
        assertThat(jdbc.sql("select count(*) from daily_aggregates where report_date = ?")
                        .param(past)
                        .query(Long.class)
                        .single())
                .isOne();

        // a ticket cancelled on that day that the first computation did not see
        jdbc.sql("""
                        insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price, status,
                                             created_at, ended_at)
                        select gen_random_uuid()::text, l.id, 'late', b.id, l.owner_user_id, 1, 1000, 'CANCELLED', ?::timestamptz, ?::timestamptz
                        from listings l, users b where l.title = 'Agg listing 0' and b.email = 'borrower@assets.local'""").params(noonOf(past), noonOf(past)).update();
        dashboards.recompute(past);
        assertThat((long) stored(past).get("cancelled_tickets")).isEqualTo((long) first.get("cancelled_tickets") + 1);
        assertThat((long) stored(past).get("new_tickets")).isEqualTo((long) first.get("new_tickets") + 1);
    }

    @Test
    void theDashboardIsServedFromTheCacheUntilADayIsRecomputed() {
        dashboards.recompute(today);
        var filter = DashboardFilter.lastDays(today, 7);
        AdminDashboard first = dashboards.adminDashboard(filter);
        assertThat(dashboards.adminDashboard(filter)).isSameAs(first);
        jdbc.sql("""
                        insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id, days, price)
                        select gen_random_uuid()::text, l.id, 'new', b.id, l.owner_user_id, 1, 1000
                        from listings l, users b where l.title = 'Agg listing 1' and b.email = 'borrower@assets.local'""").update();
        dashboards.recompute(today.minusDays(1)); // a past day: the cache is emptied all the same
        assertThat(caches.getCache(DashboardService.ADMIN_DASHBOARD_CACHE))
                .isInstanceOfSatisfying(
                        CaffeineCache.class,
                        cache -> assertThat(cache.getNativeCache().asMap()).isEmpty());
        AdminDashboard second = dashboards.adminDashboard(filter);
        assertThat(dashboards.adminDashboard(filter)).isSameAs(second);
        assertThat(second.totalTickets()).as("today not recomputed yet").isEqualTo(first.totalTickets());
        dashboards.recompute(today);
        assertThat(dashboards.adminDashboard(filter).totalTickets()).isEqualTo(first.totalTickets() + 1);
    }

    @Test
    void aDayComputedOnAnotherNodeIsNotServedStaleFromThisNodesCache() {
        dashboards.recompute(today);
        var filter = DashboardFilter.lastDays(today, 7);
        AdminDashboard cached = dashboards.adminDashboard(filter);
        assertThat(dashboards.adminDashboard(filter)).isSameAs(cached);
        // what another node's computation of today does to the table; it empties its own cache, not this one
        jdbc.sql("update daily_aggregates set total_users = total_users + 5, computed_at = now() where report_date = ?")
                .param(today)
                .update();
        assertThat(dashboards.adminDashboard(filter).totalUsers()).isEqualTo(cached.totalUsers() + 5);
    }

    @Test
    void aDayThatHasNotComeCannotBeComputed() {
        assertThatThrownBy(() -> dashboards.recompute(today.plusDays(1)))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("adminDashboard.futureDay");
        assertThatThrownBy(() -> new DashboardFilter(today, today.minusDays(1), null, null))
                .isInstanceOf(UserInputException.class);
    }

    @Test
    @WithUserDetails("borrower@assets.local")
    void aUserNeitherReadsNorRecomputesTheDashboard() {
        assertThatThrownBy(() -> dashboards.adminDashboard(DashboardFilter.lastDays(today, 7)))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> dashboards.recompute(today)).isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    @WithUserDetails("auditor@assets.local")
    void anAuditorReadsTheDashboardButDoesNotRecompute() {
        assertThat(dashboards
                        .adminDashboard(DashboardFilter.lastDays(today, 30))
                        .filter()
                        .days())
                .isEqualTo(30);
        long before = jdbc.sql("select count(*) from daily_aggregates")
                .query(Long.class)
                .single();
        assertThatThrownBy(() -> dashboards.recompute(today.minusDays(20)))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThat(jdbc.sql("select count(*) from daily_aggregates")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    private String noonOf(LocalDate day) {
        return day.atTime(12, 0).atZone(Formats.ZONE).toOffsetDateTime().toString();
    }

    private Map<String, Object> stored(LocalDate day) {
        var row = new LinkedHashMap<>(jdbc.sql("select * from daily_aggregates where report_date = ?")
                .param(day)
                .query()
                .singleRow());
        row.remove("report_date");
        row.remove("computed_at");
        return row;
    }

    private Map<String, List<Long>> storedTickets(LocalDate day) {
        var rows = new TreeMap<String, List<Long>>();
        jdbc.sql("""
                        select category, segment, total_tickets, new_tickets, activated, completed, cancelled, active_at_end, volume, fees
                        from daily_ticket_aggregates where report_date = ?""")
                .param(day)
                .query((rs, n) -> rows.put(
                        rs.getString(1) + "/" + rs.getString(2),
                        List.of(
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getLong(7),
                                rs.getLong(8),
                                rs.getLong(9),
                                rs.getLong(10))))
                .list();
        return rows;
    }
}
