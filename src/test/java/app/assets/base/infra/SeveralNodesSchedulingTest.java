package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.Application;
import app.assets.support.TestServices;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * Two nodes of Assets (two application contexts) on one PostgreSQL database and one broker, with the cron jobs and
 * the ticket timers firing every three seconds: each tick of a locked job runs on exactly one node, none is lost, each
 * due-soon reminder goes out once, and when one node stops the other carries on. A third node started with
 * {@code assets.scheduling.enabled=false} schedules nothing.
 */
class SeveralNodesSchedulingTest {

    /** Ticks of the ledger check (seconds 0, 3, ...) and of the pending payment reconciliation (1, 4, ...). */
    private static final int PERIOD_SECONDS = 3;

    private static final int DUE_SOON_TICKETS = 5;

    private static final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private static JdbcClient jdbc;

    @BeforeAll
    static void startTwoNodes() {
        nodes.add(startNode(true));
        nodes.add(startNode(true));
        jdbc = nodes.getFirst().getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void eachTickOfALockedJobRunsOnOneNodeOnlyAndTheOtherNodeTakesOverWhenOneStops() throws InterruptedException {
        activeTicketsDueWithinTheHour();
        var bothFrom = Instant.now();
        Thread.sleep(13_000);
        var bothTo = Instant.now();

        assertEachTickRanOnce(
                "select ran_at from ledger_check_runs where triggered_by = 'schedule' and ran_at between ? and ?",
                bothFrom,
                bothTo,
                3);
        assertEachTickRanOnce(
                "select ran_at from payment_reconciliation_runs where kind = 'PENDING' and triggered_by = 'schedule'"
                        + " and ran_at between ? and ?",
                bothFrom,
                bothTo,
                3);
        assertThat(jdbc.sql("select name from shedlock").query(String.class).list())
                .contains(
                        "ledger-check",
                        "payment-reconcile-pending",
                        "report-aggregates-today",
                        "ticket-timers",
                        "review-publisher");
        assertThat(jdbc.sql("select count(*) from ticket_events where kind = 'DUE_SOON' group by ticket_id")
                        .query(Integer.class)
                        .list())
                .as("due-soon reminders per ticket")
                .hasSize(DUE_SOON_TICKETS)
                .containsOnly(1);
        assertThat(jdbc.sql("select count(*) from notifications where event = 'LOAN_DUE_SOON' and channel = 'EMAIL'")
                        .query(Integer.class)
                        .single())
                .as("due-soon emails")
                .isEqualTo(DUE_SOON_TICKETS);
        assertThat(jdbc.sql("select count(*) from notifications where status = 'FAILED'")
                        .query(Integer.class)
                        .single())
                .isZero();

        nodes.getFirst().close();
        var aloneFrom = Instant.now();
        Thread.sleep(8_000);
        var aloneTo = Instant.now();
        jdbc = nodes.getLast().getBean(JdbcClient.class);

        assertEachTickRanOnce(
                "select ran_at from ledger_check_runs where triggered_by = 'schedule' and ran_at between ? and ?",
                aloneFrom,
                aloneTo,
                2);
    }

    @Test
    void aWebOnlyNodeSchedulesNothing() {
        var webOnly = startNode(false);
        nodes.add(webOnly);

        assertThat(webOnly.getBeansOfType(ScheduledTaskHolder.class)).isEmpty();
        assertThat(nodes.get(1).getBeansOfType(ScheduledTaskHolder.class).values())
                .flatMap(ScheduledTaskHolder::getScheduledTasks)
                .hasSizeGreaterThanOrEqualTo(7);
    }

    /** A lender's listing lent to a borrower several times, each loan ending within the hour (due-soon reminders due). */
    private static void activeTicketsDueWithinTheHour() {
        String user = "insert into users (email, display_name, email_verified) values (?, ?, true) returning id";
        long lender = jdbc.sql(user)
                .params("lender@nodes.test", "Lender")
                .query(Long.class)
                .single();
        long borrower = jdbc.sql(user)
                .params("borrower@nodes.test", "Borrower")
                .query(Long.class)
                .single();
        long listing = jdbc.sql("insert into listings (owner_user_id, title, category, daily_price, moderation)"
                        + " values (?, 'Camera', 'CAMERA', 1000, 'APPROVED') returning id")
                .param(lender)
                .query(Long.class)
                .single();
        for (int i = 0; i < DUE_SOON_TICKETS; i++) {
            jdbc.sql("""
                            insert into tickets (request_key, listing_id, listing_title, borrower_user_id, lender_user_id,
                                                 days, price, status, activated_at, due_at)
                            values (?, ?, 'Camera', ?, ?, 1, 1000, 'ACTIVE',
                                    now() - interval '23 hours', now() + interval '1 hour')""").params("nodes-" + i, listing, borrower, lender).update();
        }
    }

    /**
     * The runs the query finds between from and to, by tick: every tick from the first to the last ran exactly once
     * (none doubled, none lost), and there were at least {@code minTicks}.
     */
    private static void assertEachTickRanOnce(String sql, Instant from, Instant to, int minTicks) {
        var runsPerTick = new TreeMap<Long, Integer>();
        jdbc.sql(sql)
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .list()
                .forEach(ranAt -> runsPerTick.merge(ranAt.getEpochSecond() / PERIOD_SECONDS, 1, Integer::sum));
        assertThat(runsPerTick.values()).as("runs per tick").containsOnly(1);
        assertThat(runsPerTick.size())
                .as("ticks run")
                .isGreaterThanOrEqualTo(minTicks)
                .isEqualTo((int) (runsPerTick.lastKey() - runsPerTick.firstKey() + 1));
    }

    /** A node as production starts one, against the test database and broker, with its jobs firing every 3 s. */
    private static ConfigurableApplicationContext startNode(boolean scheduling) {
        var properties = Map.ofEntries(
                Map.entry("spring.datasource.url", TestServices.jdbcUrl()),
                Map.entry("spring.datasource.username", "postgres"),
                Map.entry("spring.rabbitmq.host", TestServices.amqpHost()),
                Map.entry("spring.rabbitmq.port", String.valueOf(TestServices.amqpPort())),
                Map.entry("assets.notifications.amqp-prefix", TestServices.amqpPrefix()),
                Map.entry("assets.notifications.queue-expiry", "10m"),
                Map.entry("server.port", "0"),
                Map.entry("vaadin.productionMode", "true"),
                Map.entry("assets.identity.demo-accounts", "false"),
                Map.entry("assets.scheduling.enabled", String.valueOf(scheduling)),
                // a second below the 3-second period, so no tick is swallowed by the previous tick's lock, and a node
                // whose scheduler fires up to 2 s late (a busy machine) still finds the tick taken
                Map.entry("assets.scheduling.lock-at-least-for", "2s"),
                Map.entry("assets.ledger.check-cron", "0/3 * * * * *"),
                Map.entry("assets.payment.pending-cron", "1/3 * * * * *"),
                Map.entry("assets.report.today-cron", "2/3 * * * * *"),
                Map.entry("assets.report.backfill-days", "0"),
                Map.entry("assets.ticket.timer-delay", "PT3S"),
                Map.entry("assets.review.job-delay", "PT3S"),
                // jobs of one node do not wait for each other (Spring Boot's scheduler has one thread by default)
                Map.entry("spring.task.scheduling.pool.size", "4"),
                Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "5s"));
        // as command-line arguments, which win over application.properties
        var args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(Application.class).run(args);
    }
}
