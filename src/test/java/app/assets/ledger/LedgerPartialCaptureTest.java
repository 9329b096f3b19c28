package app.assets.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.support.IntegrationTest;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Capturing part of a hold: the part moves, the rest is released, once, whatever repeats or races. */
class LedgerPartialCaptureTest extends IntegrationTest {

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck check;

    @Autowired
    RetryingTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    long alice;
    long bob;

    @BeforeEach
    void accounts() {
        alice = ledger.escrowAccount("test-alice-" + UUID.randomUUID());
        bob = ledger.escrowAccount("test-bob-" + UUID.randomUUID());
        ledger.post(Posting.move(
                key(), "ADJUSTMENT", "test", ledger.systemAccount(AccountKind.ADJUSTMENTS), alice, 10_000));
    }

    @AfterEach
    void ledgerStaysConsistent() {
        var result = check.check();
        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    @Test
    void capturingPartOfAHoldMovesThePartAndReleasesTheRest() {
        var hold = ledger.placeHold(alice, 4_000, key(), "deposit");
        assertThat(ledger.balance(alice).available()).isEqualTo(6_000);
        String key = key();
        var result = ledger.captureHoldInPart(hold.id(), 1_500, bob, key, "DEPOSIT_CLAIM", "damage");
        assertThat(result.replayed()).isFalse();
        assertThat(ledger.balance(alice).posted()).isEqualTo(8_500);
        assertThat(ledger.balance(alice).held()).isZero();
        assertThat(ledger.balance(alice).available()).isEqualTo(8_500);
        assertThat(ledger.balance(bob).posted()).isEqualTo(1_500);
        assertThat(ledger.hold(hold.id()).status()).isEqualTo(Hold.Status.CAPTURED);
        assertThat(capturedAmount(hold.id())).isEqualTo(1_500);

        var again = ledger.captureHoldInPart(hold.id(), 1_500, bob, key, "DEPOSIT_CLAIM", "damage");
        assertThat(again.replayed()).isTrue();
        assertThat(again.transactionId()).isEqualTo(result.transactionId());
        assertThat(ledger.balance(bob).posted()).isEqualTo(1_500);
    }

    @Test
    void capturingAllOfAHoldIsAWholeCapture() {
        var hold = ledger.placeHold(alice, 4_000, key(), "deposit");
        ledger.captureHoldInPart(hold.id(), 4_000, bob, key(), "DEPOSIT_CLAIM", "damage");
        assertThat(ledger.balance(alice).posted()).isEqualTo(6_000);
        assertThat(ledger.balance(bob).posted()).isEqualTo(4_000);
        assertThat(capturedAmount(hold.id())).isEqualTo(4_000);
    }

    @Test
    void aWholeCaptureRecordsTheCapturedAmountToo() {
        var hold = ledger.placeHold(alice, 3_000, key(), "price");
        ledger.captureHold(hold.id(), bob, key(), "TRANSFER", "price");
        assertThat(capturedAmount(hold.id())).isEqualTo(3_000);
    }

    @Test
    void anAmountOutsideTheHoldOrAnotherAmountOnACapturedHoldOrAReleasedHoldIsRefused() {
        var hold = ledger.placeHold(alice, 4_000, key(), "deposit");
        assertThatThrownBy(() -> ledger.captureHoldInPart(hold.id(), 0, bob, key(), "DEPOSIT_CLAIM", "x"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("ledger.captureRange");
        assertThatThrownBy(() -> ledger.captureHoldInPart(hold.id(), 4_001, bob, key(), "DEPOSIT_CLAIM", "x"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("ledger.captureRange");
        assertThat(ledger.hold(hold.id()).status()).isEqualTo(Hold.Status.ACTIVE);

        String key = key();
        ledger.captureHoldInPart(hold.id(), 1_000, bob, key, "DEPOSIT_CLAIM", "x");
        assertThatThrownBy(() -> ledger.captureHoldInPart(hold.id(), 2_000, bob, key, "DEPOSIT_CLAIM", "x"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("ledger.keyConflict");
        assertThatThrownBy(() -> ledger.releaseHold(hold.id()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("ledger.holdNotActive");

        var released = ledger.placeHold(alice, 500, key(), "deposit");
        ledger.releaseHold(released.id());
        assertThatThrownBy(() -> ledger.captureHoldInPart(released.id(), 100, bob, key(), "DEPOSIT_CLAIM", "x"))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("ledger.holdNotActive");
        assertThat(ledger.balance(bob).posted()).isEqualTo(1_000);
    }

    @Test
    void aPartialCaptureRacingAReleaseEndsInOneOutcome() throws Exception {
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                var hold = ledger.placeHold(alice, 1_000, key(), "deposit");
                long bobBefore = ledger.balance(bob).posted();
                var barrier = new CyclicBarrier(2);
                String key = key();
                var futures = new ArrayList<Future<Boolean>>();
                futures.add(pool.submit(() -> attempt(
                        barrier,
                        () -> transactions.run(
                                () -> ledger.captureHoldInPart(hold.id(), 400, bob, key, "DEPOSIT_CLAIM", "race")))));
                futures.add(pool.submit(() ->
                        attempt(barrier, () -> transactions.run(() -> ledger.releaseHold(hold.id())))));
                int succeeded = 0;
                for (var f : futures) {
                    succeeded += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(succeeded).isEqualTo(1);
                var status = ledger.hold(hold.id()).status();
                assertThat(status).isIn(Hold.Status.CAPTURED, Hold.Status.RELEASED);
                assertThat(ledger.balance(bob).posted() - bobBefore)
                        .isEqualTo(status == Hold.Status.CAPTURED ? 400 : 0);
                assertThat(ledger.balance(alice).held()).isZero();
                assertThat(check.check().ok()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static boolean attempt(CyclicBarrier barrier, Runnable action) throws Exception {
        barrier.await(10, TimeUnit.SECONDS);
        try {
            action.run();
            return true;
        } catch (UserInputException refused) {
            return false;
        }
    }

    long capturedAmount(long holdId) {
        return jdbc.sql("select captured_amount from ledger_holds where id = ?")
                .param(holdId)
                .query(Long.class)
                .single();
    }

    static String key() {
        return "test:" + UUID.randomUUID();
    }
}
