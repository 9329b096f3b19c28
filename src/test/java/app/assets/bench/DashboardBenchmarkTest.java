package app.assets.bench;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.infra.RetryingTransactions;
import app.assets.listing.ListingCategory;
import app.assets.report.domain.DashboardFilter;
import app.assets.report.domain.Segment;
import app.assets.report.service.AggregateJob;
import app.assets.report.service.DashboardService;
import app.assets.report.ui.view.AdminDashboardView;
import app.assets.support.KaribuTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Admin dashboard server time over a seeded year (1,000,000 ledger entries and 100,000 tickets at
 * -Dbench.scale=1): the service read with an empty cache and with a warm one, and the whole view
 * built and rendered server-side (Karibu, no browser). Target: under 200 ms (judged in
 * docs/benchmarks.md, not asserted). Not part of the normal
 * test run: {@code ./mvnw -Pbench test -Dtest=DashboardBenchmarkTest} (see docs/benchmarks.md).
 * Writes target/benchmarks/dashboard.md.
 */
@Tag("benchmark")
@TestPropertySource(properties = {"logging.level.app.assets=WARN"})
class DashboardBenchmarkTest extends KaribuTest {

    private static final int ROUNDS = 15;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RetryingTransactions transactions;

    @Autowired
    AggregateJob job;

    @Autowired
    DashboardService dashboards;

    @Autowired
    CacheManager caches;

    @Test
    void adminDashboardServerTime() throws IOException {
        double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
        long t0 = System.nanoTime();
        var counts = new BenchData(jdbc, transactions).seed(scale);
        long seedSeconds = (System.nanoTime() - t0) / 1_000_000_000;
        LocalDate today = dashboards.today();
        t0 = System.nanoTime();
        job.recompute(today.minusDays(BenchData.DAYS), today);
        long aggregateSeconds = (System.nanoTime() - t0) / 1_000_000_000;
        t0 = System.nanoTime();
        job.recompute(today);
        double todayMs = (System.nanoTime() - t0) / 1e6;
        // as the owner: the application's role may not analyze tables it does not own
        ownerJdbc().sql("analyze").update();

        signIn("admin@assets.local");
        var rows = new ArrayList<String>();
        rows.add("| measurement | median (ms) | p90 (ms) | max (ms) |");
        rows.add("| --- | --- | --- | --- |");
        var filters = List.of(
                DashboardFilter.lastDays(today, 7),
                DashboardFilter.lastDays(today, 30),
                DashboardFilter.lastDays(today, 90),
                new DashboardFilter(today.minusDays(364), today, null, null),
                new DashboardFilter(today.minusDays(89), today, ListingCategory.CAMERA, Segment.NEW));
        var labels = List.of("7 days", "30 days", "90 days", "365 days", "90 days, CAMERA, NEW");
        for (int i = 0; i < filters.size(); i++) {
            var filter = filters.get(i);
            double[] cold = time(() -> {
                clearCache();
                return dashboards.adminDashboard(filter);
            });
            double[] warm = time(() -> dashboards.adminDashboard(filter));
            rows.add(row("service, cold cache, " + labels.get(i), cold));
            rows.add(row("service, warm cache, " + labels.get(i), warm));
        }
        double[] viewCold = time(() -> {
            clearCache();
            navigate("admin");
            return _get(AdminDashboardView.class);
        });
        double[] viewWarm = time(() -> {
            navigate("admin");
            return _get(AdminDashboardView.class);
        });
        rows.add(row("view /admin built (Karibu, 30 days), cold cache", viewCold));
        rows.add(row("view /admin built (Karibu, 30 days), warm cache", viewWarm));
        rows.add("");
        rows.add(String.format(
                Locale.ROOT,
                "Data: %s. Seeding took %d s; aggregates of %d days %d s; recomputing today %.0f ms. "
                        + "Run %s, %d cores, %d rounds per measurement.",
                counts,
                seedSeconds,
                BenchData.DAYS + 1,
                aggregateSeconds,
                todayMs,
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                ROUNDS));
        String table = String.join("\n", rows);
        System.out.println("\n" + table + "\n");
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/dashboard.md"), table + "\n");
        // timings are judged in docs/benchmarks.md, not asserted; what was timed must have been the real thing
        var year = dashboards.adminDashboard(filters.get(3));
        assertThat(year.missingDays()).isZero();
        assertThat(year.totalTickets()).isEqualTo(counts.tickets());
        assertThat(year.walletMatchesLedger()).isTrue();
    }

    private void clearCache() {
        caches.getCache(DashboardService.ADMIN_DASHBOARD_CACHE).clear();
    }

    /** Median, 90th percentile and maximum of {@link #ROUNDS} timed runs after two warm-up runs. */
    private static double[] time(Supplier<?> work) {
        work.get();
        work.get();
        double[] ms = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[ROUNDS / 2], ms[(int) Math.ceil(ROUNDS * 0.9) - 1], ms[ROUNDS - 1]};
    }

    private static String row(String what, double[] t) {
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |", what, t[0], t[1], t[2]);
    }
}
