package app.assets.support;

import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of tests that run the whole application against real PostgreSQL and AMQP (see
 * {@link TestServices}). All subclasses with the same configuration share one Spring context and
 * one fresh database; {@link ContextGroupsOrderer} runs them one after another, so each context is
 * built once and closed before the next one starts.
 */
@SpringBootTest
// Tests fund the wallets and make the listings and loans they use (DemoCatalogueTest seeds the demo
// catalogue itself); a test class may turn the demo data on with a @TestPropertySource of its own
// (DemoLoansTest), which then gets a context and database of its own.
@TestPropertySource(
        properties = {
            "assets.wallet.demo-funds=0",
            "assets.listing.demo-catalogue=false",
            "assets.ticket.demo-loans=false",
            // As in any installation but a local development run: captured mail keeps single-use links redacted.
            "assets.notifications.capture-links=false",
            // Not the default (5), so WalletServiceTest shows the setting is what counts.
            "assets.wallet.transfer-pause.unknown-recipients=3"
        })
public abstract class IntegrationTest {

    @Autowired
    private UserDetailsService accountDetails;

    @Value("${spring.datasource.url}")
    private String databaseUrl;

    /**
     * Makes the current thread act as this account, the way a sign-in does: the account's real
     * permission codes from the database as authorities. For service tests; view tests sign in
     * through {@code KaribuTest.signIn}.
     */
    protected void actAs(String email) {
        var user = accountDetails.loadUserByUsername(email);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    /**
     * The schema owner's connection to this context's database, for fixtures the application's role
     * may not run: creating tables or triggers, locking the audit log, corrupting a balance behind the
     * ledger's back. Never for what a test means to prove the application can do.
     */
    protected DataSource ownerDataSource() {
        return new DriverManagerDataSource(databaseUrl, TestServices.OWNER_ROLE, "");
    }

    /** {@link #ownerDataSource()} as a JdbcClient; each statement runs in a transaction of its own. */
    protected JdbcClient ownerJdbc() {
        return JdbcClient.create(ownerDataSource());
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestServices.freshDatabase()::get);
        // The application's role, as in production; Flyway migrates as the schema's owner.
        registry.add("spring.datasource.username", () -> TestServices.APP_ROLE);
        registry.add("spring.flyway.user", () -> TestServices.OWNER_ROLE);
        registry.add("spring.rabbitmq.host", TestServices::amqpHost);
        registry.add("spring.rabbitmq.port", TestServices::amqpPort);
        // Own exchanges and queues per context on the shared RabbitMQ; RabbitMQ drops them once unused.
        registry.add("assets.notifications.amqp-prefix", TestServices.freshAmqpPrefix()::get);
        registry.add("assets.notifications.queue-expiry", () -> "10m");
        // Tests run the ticket timers themselves, so a scheduled run never races them.
        registry.add("assets.ticket.timer-delay", () -> "PT24H");
        // ... and the review publishing job.
        registry.add("assets.review.job-delay", () -> "PT24H");
        // ... and compute the daily aggregates themselves, so the job never empties a cache under them.
        registry.add("assets.report.today-cron", () -> "-");
        registry.add("assets.report.yesterday-cron", () -> "-");
        registry.add("assets.report.backfill-days", () -> "0");
        // The test database is dropped by a shutdown hook running beside the context's close: a
        // scheduled task caught waiting for a connection must not hold the close past Surefire's
        // 30-second exit limit.
        registry.add("spring.lifecycle.timeout-per-shutdown-phase", () -> "5s");
    }
}
