package app.assets.bench;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.infra.RetryingTransactions;
import app.assets.report.service.AggregateJob;
import app.assets.report.service.DashboardService;
import app.assets.support.TestServices;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The seeding command (bench/seed.sh): fills the database named by -Dseed.url (a fresh test
 * database when absent) with {@link BenchData} at -Dseed.scale (1 = 1,000,000 ledger entries and
 * 100,000 tickets) and computes the daily aggregates of the whole seeded year. Flyway migrates the
 * database first; run it against an empty one or one of this application. Demo accounts are turned
 * on only in the throw-away test database, never in a database named by -Dseed.url.
 */
@Tag("benchmark")
@TestPropertySource(properties = "logging.level.app.assets=WARN")
@SpringBootTest
class SeedDatabase {

    /** Not an IntegrationTest: its database would win over the one named here. */
    @DynamicPropertySource
    static void target(DynamicPropertyRegistry registry) {
        String url = System.getProperty("seed.url", "");
        registry.add("spring.datasource.url", () -> url.isBlank() ? TestServices.jdbcUrl() : url);
        // Demo accounts (admin@assets.local with the published password) only in a throw-away test
        // database: seeding a database one names must not open it to anyone who read the README.
        registry.add("assets.identity.demo-accounts", () -> String.valueOf(url.isBlank()));
        registry.add("spring.datasource.username", () -> System.getProperty("seed.user", "postgres"));
        registry.add("spring.datasource.password", () -> System.getProperty("seed.password", ""));
        registry.add("spring.rabbitmq.host", TestServices::amqpHost);
        registry.add("spring.rabbitmq.port", TestServices::amqpPort);
        registry.add("assets.notifications.amqp-prefix", TestServices::amqpPrefix);
        registry.add("assets.notifications.queue-expiry", () -> "10m");
        registry.add("assets.ticket.timer-delay", () -> "PT24H");
        registry.add("assets.report.today-cron", () -> "-");
        registry.add("assets.report.yesterday-cron", () -> "-");
        registry.add("assets.report.backfill-days", () -> "0");
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
        System.out.printf(
                "%nSeeded %s; aggregates of %d days computed in %d s%n%n",
                counts, BenchData.DAYS + 1, (System.nanoTime() - started) / 1_000_000_000);
        assertThat(jdbc.sql("select count(*) from daily_aggregates where report_date >= ?")
                        .param(today.minusDays(BenchData.DAYS))
                        .query(Long.class)
                        .single())
                .isEqualTo(BenchData.DAYS + 1);
    }
}
