package app.assets.ticket;

import static app.assets.ticket.TicketFixtures.LENDER;
import static app.assets.ticket.TicketFixtures.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.error.UserInputException;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.AccountUserDetailsService;
import app.assets.ledger.Hold;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import app.assets.ticket.domain.Deposit;
import app.assets.ticket.service.ConditionReportService;
import app.assets.ticket.service.DepositService;
import app.assets.ticket.service.DepositTimers;
import app.assets.ticket.service.TicketLifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Racing decisions on one deposit, on real threads against PostgreSQL, several rounds each: exactly
 * one wins, the hold ends in the state the winner chose, and the ledger check passes.
 */
class DepositRacesTest extends IntegrationTest {

    static final int ROUNDS = 5;

    @Autowired
    DepositService deposits;

    @Autowired
    ConditionReportService reports;

    @Autowired
    DepositTimers timers;

    @Autowired
    LedgerCheck ledgerCheck;

    @Autowired
    Ledger ledger;

    @Autowired
    TicketLifecycle lifecycle;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountUserDetailsService users;

    static ExecutorService pool;

    @Autowired
    AccountService accounts;

    TicketFixtures f;
    DepositFixtures d;
    String borrower;

    @BeforeAll
    static void threads() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopThreads() {
        pool.shutdownNow();
    }

    @BeforeEach
    void fixtures() {
        f = new TicketFixtures(jdbc, ledger, users);
        borrower = TestUsers.uniqueEmail("deposit-borrower");
        new TestUsers(accounts, jdbc).verified(borrower);
        d = new DepositFixtures(borrower, f, jdbc, ledger, lifecycle, deposits, reports);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void twoClaimsAtOnceFileOne() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = d.returned(20_000);
            long report = d.returnReport(id);
            int won = race(
                    LENDER, () -> deposits.claim(id, 5_000L, "first", List.of(report)),
                    LENDER, () -> deposits.claim(id, 7_000L, "second", List.of(report)));
            assertThat(won).isEqualTo(1);
            var deposit = d.deposit(id);
            assertThat(deposit.status()).isEqualTo(Deposit.Status.CLAIMED);
            assertThat(deposit.claimAmount()).isIn(5_000L, 7_000L);
            assertThat(deposit.evidence()).containsExactly(report);
            assertThat(d.hold(id).status()).isEqualTo(Hold.Status.ACTIVE);
            ledgerIsConsistent();
        }
    }

    @Test
    void aReleaseRacingAClaimEndsInOneOutcome() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = d.returned(20_000);
            long report = d.returnReport(id);
            int won = race(
                    LENDER, () -> deposits.release(id),
                    LENDER, () -> deposits.claim(id, 5_000L, "damage", List.of(report)));
            assertThat(won).isEqualTo(1);
            var deposit = d.deposit(id);
            assertThat(deposit.status()).isIn(Deposit.Status.RELEASED, Deposit.Status.CLAIMED);
            assertThat(d.hold(id).status())
                    .isEqualTo(deposit.status() == Deposit.Status.RELEASED ? Hold.Status.RELEASED : Hold.Status.ACTIVE);
            ledgerIsConsistent();
        }
    }

    @Test
    void theAutomaticReleaseRacingTheLendersClaimEndsInOneOutcome() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = d.returned(20_000);
            long report = d.returnReport(id);
            // The timer runs as if the deadline had passed; the lender claims while it has not.
            Instant deadline = d.deposit(id).decideBy().plus(Duration.ofSeconds(1));
            var outcome = new int[1];
            int won = race(
                    null,
                    () -> outcome[0] = timers.releaseUndecided(deadline),
                    LENDER,
                    () -> deposits.claim(id, 5_000L, "damage", List.of(report)));
            var deposit = d.deposit(id);
            assertThat(deposit.status()).isIn(Deposit.Status.RELEASED, Deposit.Status.CLAIMED);
            if (deposit.status() == Deposit.Status.RELEASED) {
                assertThat(deposit.resolution()).isEqualTo(Deposit.Resolution.AUTO_RELEASED);
                assertThat(d.hold(id).status()).isEqualTo(Hold.Status.RELEASED);
            } else {
                assertThat(d.hold(id).status()).isEqualTo(Hold.Status.ACTIVE);
            }
            // The timer "wins" only when it released this deposit (it may also release others due by then).
            assertThat(won).isGreaterThanOrEqualTo(1);
            assertThat(jdbc.sql(
                                    "select count(*) from ticket_events where ticket_id = ? and kind in ('DEPOSIT_RELEASED', 'CLAIM_FILED')")
                            .param(id)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            ledgerIsConsistent();
        }
    }

    @Test
    void theBorrowerAcceptingRacingSupportsDecisionEndsInOneOutcome() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            long id = d.disputed(20_000, 12_000);
            long lenderBefore = f.posted(LENDER);
            int won = race(
                    borrower, () -> deposits.accept(id),
                    SUPPORT, () -> deposits.decide(id, 3_000L, "Only the strap"));
            assertThat(won).isEqualTo(1);
            var deposit = d.deposit(id);
            assertThat(deposit.status()).isEqualTo(Deposit.Status.SETTLED);
            long captured = deposit.resolution() == Deposit.Resolution.ACCEPTED ? 12_000 : 3_000;
            assertThat(deposit.capturedAmount()).isEqualTo(captured);
            assertThat(d.capturedOf(id)).isEqualTo(captured);
            assertThat(d.hold(id).status()).isEqualTo(Hold.Status.CAPTURED);
            assertThat(f.posted(LENDER) - lenderBefore).isEqualTo(captured);
            ledgerIsConsistent();
        }
    }

    void ledgerIsConsistent() {
        var result = ledgerCheck.check();
        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    /** Runs two actions at once, each as its user (null: the system); how many of them were not refused. */
    int race(String firstUser, Runnable first, String secondUser, Runnable second) throws Exception {
        var barrier = new CyclicBarrier(2);
        var futures = new ArrayList<Future<Boolean>>();
        futures.add(pool.submit(() -> attempt(barrier, firstUser, first)));
        futures.add(pool.submit(() -> attempt(barrier, secondUser, second)));
        int won = 0;
        for (var future : futures) {
            won += future.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        return won;
    }

    private boolean attempt(CyclicBarrier barrier, String email, Runnable action) throws Exception {
        if (email != null) {
            f.as(email);
        }
        try {
            barrier.await(10, TimeUnit.SECONDS);
            action.run();
            return true;
        } catch (UserInputException refused) {
            assertThat(refused.messageKey()).startsWith("deposit.");
            return false;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
