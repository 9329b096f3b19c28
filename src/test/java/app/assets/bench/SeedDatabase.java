package app.assets.bench;

import app.assets.base.infra.RetryingTransactions;
import app.assets.report.service.AggregateJob;
import app.assets.report.service.DashboardService;
import app.assets.support.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seeding command (bench/seed.sh): fills the database named by -Dseed.url (a fresh test
 * database when absent) with {@link BenchData} at -Dseed.scale (1 = 1,000,000 ledger entries and
 * 100,000 tickets) and computes the daily aggregates of the whole seeded year. Flyway migrates the
 * database first; run it against an empty one or one of this application.
 */
@Tag("benchmark")
@TestPropertySource(properties = {"logging.level.app.assets=WARN", "assets.identity.demo-accounts=true"})
class SeedDatabase extends IntegrationTest {

    @DynamicPropertySource
    static void target(DynamicPropertyRegistry registry) {
        String url = System.getProperty("seed.url", "");
        if (!url.isBlank()) {
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> System.getProperty("seed.user", "postgres"));
            registry.add("spring.datasource.password", () -> System.getProperty("seed.password", ""));
        }
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    RetryingTransactions transactions;
    @Autowired
    AggregateJob job;
    @Autowired
    DashboardService dashboards;

    @Test
    void seed() {
        double scale = Double.parseDouble(System.getProperty("seed.scale", "1"));
        var counts = new BenchData(jdbc, transactions).seed(scale);
        long started = System.nanoTime();
        var today = dashboards.today();
        job.recompute(today.minusDays(BenchData.DAYS), today);
        System.out.printf("%nSeeded %s; aggregates of %d days computed in %d s%n%n", counts, BenchData.DAYS + 1,
                (System.nanoTime() - started) / 1_000_000_000);
        assertThat(jdbc.sql("select count(*) from daily_aggregates where report_date >= ?").param(today.minusDays(BenchData.DAYS))
                .query(Long.class).single()).isEqualTo(BenchData.DAYS + 1);
    }
}
