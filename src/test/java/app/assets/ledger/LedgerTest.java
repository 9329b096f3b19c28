package app.assets.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

class LedgerTest extends IntegrationTest {

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck check;

    @Autowired
    RetryingTransactions transactions;

    @Autowired
    JdbcClient jdbc;

    long adjustments;
    long alice;
    long bob;

    @BeforeEach
    void accounts() {
        adjustments = ledger.systemAccount(AccountKind.ADJUSTMENTS);
        alice = ledger.escrowAccount("test-alice-" + UUID.randomUUID());
        bob = ledger.escrowAccount("test-bob-" + UUID.randomUUID());
        fund(alice, 10_000);
    }

    @AfterEach
    void ledgerStaysConsistent() {
        var result = check.check();
        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    @Test
    void postingMovesBalancesAndRecordsTheBalanceAfterEachEntry() {
        var result = ledger.post(Posting.move(key(), "TRANSFER", "rent", alice, bob, 2_500));
        assertThat(result.replayed()).isFalse();
        assertThat(ledger.balance(alice).posted()).isEqualTo(7_500);
        assertThat(ledger.balance(bob).posted()).isEqualTo(2_500);
        var line = ledger.statement(bob, StatementFilter.all(), 0, 10).getFirst();
        assertThat(line.amount()).isEqualTo(2_500);
        assertThat(line.balanceAfter()).isEqualTo(2_500);
        assertThat(line.type()).isEqualTo("TRANSFER");
        assertThat(line.description()).isEqualTo("rent");
    }

    @Test
    void theSameKeyAndContentReturnsTheFirstResultWithoutPostingAgain() {
        String key = key();
        var first = ledger.post(Posting.move(key, "TRANSFER", null, alice, bob, 1_000));
        var again = ledger.post(Posting.move(key, "TRANSFER", null, alice, bob, 1_000));
        assertThat(again.transactionId()).isEqualTo(first.transactionId());
        assertThat(again.replayed()).isTrue();
        assertThat(ledger.balance(bob).posted()).isEqualTo(1_000);
    }

    @Test
    void theSameKeyWithOtherContentIsRefusedAsAConflict() {
        String key = key();
        ledger.post(Posting.move(key, "TRANSFER", null, alice, bob, 1_000));
        assertThatThrownBy(() -> ledger.post(Posting.move(key, "TRANSFER", null, alice, bob, 1_001)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("ledger.keyConflict");
        assertThat(ledger.balance(bob).posted()).isEqualTo(1_000);
    }

    @Test
    void aDebitBeyondTheAvailableBalanceIsRefusedAndWritesNothing() {
        int before = transactionCount();
        assertThatThrownBy(() -> ledger.post(Posting.move(key(), "TRANSFER", null, alice, bob, 10_001)))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("money.insufficient");
        assertThat(transactionCount()).isEqualTo(before);
        assertThat(ledger.balance(alice).posted()).isEqualTo(10_000);
    }

    @Test
    void unbalancedOrDegenerateLegsAreRefused() {
        assertThatThrownBy(() -> ledger.post(
                        new Posting(key(), "X", null, List.of(new Posting.Leg(alice, -5), new Posting.Leg(bob, 4)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.post(
                        new Posting(key(), "X", null, List.of(new Posting.Leg(alice, 0), new Posting.Leg(bob, 0)))))
                .isInstanceOf(UserInputException.class);
        assertThatThrownBy(() -> ledger.post(
                        new Posting(key(), "X", null, List.of(new Posting.Leg(alice, -5), new Posting.Leg(alice, 5)))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("ledger.sameAccount");
    }

    @Test
    void theDatabaseRefusesAnUnbalancedTransactionEvenWhenJavaIsBypassed() {
        assertThatThrownBy(() -> transactions.run(() -> {
                    long tx = jdbc.sql(
                                    "insert into ledger_transactions (idempotency_key, content_hash, type) values (?, repeat('0', 64), 'RAW') returning id")
                            .param(key())
                            .query(Long.class)
                            .single();
                    jdbc.sql(
                                    "insert into ledger_entries (transaction_id, account_id, amount, balance_after) values (?, ?, ?, 0)")
                            .params(tx, bob, 100)
                            .update();
                    jdbc.sql(
                                    "insert into ledger_entries (transaction_id, account_id, amount, balance_after) values (?, ?, ?, 0)")
                            .params(tx, adjustments, -99)
                            .update();
                }))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("unbalanced");
        assertThat(ledger.balance(bob).posted()).isZero();
    }

    @Test
    void theDatabaseRefusesAWalletOrEscrowBelowZeroEvenWhenJavaIsBypassed() {
        assertThatThrownBy(() -> transactions.run(() -> {
                    long tx = jdbc.sql(
                                    "insert into ledger_transactions (idempotency_key, content_hash, type) values (?, repeat('0', 64), 'RAW') returning id")
                            .param(key())
                            .query(Long.class)
                            .single();
                    jdbc.sql(
                                    "insert into ledger_entries (transaction_id, account_id, amount, balance_after) values (?, ?, ?, 0)")
                            .params(tx, bob, -100)
                            .update();
                    jdbc.sql(
                                    "insert into ledger_entries (transaction_id, account_id, amount, balance_after) values (?, ?, ?, 0)")
                            .params(tx, adjustments, 100)
                            .update();
                }))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("ledger_accounts_available_not_negative");
    }

    @Test
    void entriesAndTransactionsCanNeverBeEditedOrDeleted() {
        var result = ledger.post(Posting.move(key(), "TRANSFER", null, alice, bob, 10));
        assertThatThrownBy(() -> jdbc.sql("update ledger_entries set amount = 11 where transaction_id = ?")
                        .param(result.transactionId())
                        .update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("delete from ledger_entries where transaction_id = ?")
                        .param(result.transactionId())
                        .update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("delete from ledger_transactions where id = ?")
                        .param(result.transactionId())
                        .update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("truncate ledger_entries cascade").update())
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void aHoldReservesMoneyThatCaptureMovesAndNothingElseCanSpend() {
        var hold = ledger.placeHold(alice, 6_000, key(), "ticket 1");
        assertThat(ledger.balance(alice)).isEqualTo(new Balance(alice, 10_000, 6_000));
        assertThatThrownBy(() -> ledger.post(Posting.move(key(), "TRANSFER", null, alice, bob, 4_001)))
                .hasMessageContaining("money.insufficient");
        assertThatThrownBy(() -> ledger.placeHold(alice, 4_001, key(), "too much"))
                .hasMessageContaining("money.insufficient");

        String captureKey = key();
        var captured = ledger.captureHold(hold.id(), bob, captureKey, "ESCROW_CAPTURE", null);
        var again = ledger.captureHold(hold.id(), bob, captureKey, "ESCROW_CAPTURE", null);
        assertThat(again.transactionId()).isEqualTo(captured.transactionId());
        assertThat(ledger.balance(alice)).isEqualTo(new Balance(alice, 4_000, 0));
        assertThat(ledger.balance(bob).posted()).isEqualTo(6_000);
        assertThat(ledger.hold(hold.id()).status()).isEqualTo(Hold.Status.CAPTURED);
        assertThatThrownBy(() -> ledger.releaseHold(hold.id())).hasMessageContaining("ledger.holdNotActive");
    }

    @Test
    void aReleasedHoldGivesTheMoneyBackAndReleasingTwiceIsHarmless() {
        String holdKey = key();
        var hold = ledger.placeHold(alice, 3_000, holdKey, "withdrawal");
        assertThat(ledger.placeHold(alice, 3_000, holdKey, "withdrawal").id()).isEqualTo(hold.id());
        ledger.releaseHold(hold.id());
        ledger.releaseHold(hold.id());
        assertThat(ledger.balance(alice)).isEqualTo(new Balance(alice, 10_000, 0));
        assertThatThrownBy(() -> ledger.captureHold(hold.id(), bob, key(), "X", null))
                .hasMessageContaining("ledger.holdNotActive");
    }

    @Test
    void aReversalNegatesEveryEntryOnceAndReferencesTheOriginal() {
        var original = ledger.post(Posting.move(key(), "TRANSFER", null, alice, bob, 1_500));
        var reversal = ledger.reverse(original.transactionId(), key(), "entered twice");
        assertThat(ledger.balance(alice).posted()).isEqualTo(10_000);
        assertThat(ledger.balance(bob).posted()).isZero();
        assertThat(jdbc.sql("select reverses_id from ledger_transactions where id = ?")
                        .param(reversal.transactionId())
                        .query(Long.class)
                        .single())
                .isEqualTo(original.transactionId());
        assertThatThrownBy(() -> ledger.reverse(original.transactionId(), key(), "again"))
                .hasMessageContaining("ledger.alreadyReversed");
    }

    @Test
    void aFailureInTheMiddleOfAUseCaseLeavesNoPartialTransaction() {
        int before = transactionCount();
        assertThatThrownBy(() -> transactions.run(() -> {
                    ledger.post(Posting.move(key(), "TRANSFER", null, alice, bob, 700));
                    ledger.placeHold(alice, 100, key(), "second step");
                    throw new IllegalStateException("the next step failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(transactionCount()).isEqualTo(before);
        assertThat(ledger.balance(alice)).isEqualTo(new Balance(alice, 10_000, 0));
        assertThat(ledger.balance(bob).posted()).isZero();
    }

    @Test
    void theCheckFindsABalanceThatDisagreesWithItsEntries() {
        // The check must be able to fail: corrupt a maintained balance behind the ledger's back, then repair it.
        // Only the schema's owner can, by switching the balance guard (V36) off for its own transaction.
        corruptPosted(bob, +1);
        var result = check.check();
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).anyMatch(p -> p.startsWith("account " + bob + ": posted"));
        corruptPosted(bob, -1);
    }

    @Test
    void aBalanceCannotBeChangedExceptThroughEntriesAndHolds() {
        fund(alice, 500);
        var before = ledger.balance(alice);
        for (var sql : new String[] {
            "update ledger_accounts set posted = posted + 1000000 where id = ?",
            "update ledger_accounts set held = held + 5000 where id = ?",
            "update ledger_accounts set posted = posted + 1 where id = ?"
        }) {
            assertThatThrownBy(() -> jdbc.sql(sql).param(alice).update())
                    .as(sql)
                    .isInstanceOf(DataAccessException.class)
                    .rootCause()
                    .hasMessageContaining("balances change only through ledger entries and holds");
            assertThatThrownBy(() -> ownerJdbc().sql(sql).param(alice).update())
                    .as("even the owner: " + sql)
                    .rootCause()
                    .hasMessageContaining("balances change only through ledger entries and holds");
        }
        assertThatThrownBy(() -> jdbc.sql(
                                "insert into ledger_accounts (kind, reference, posted) values ('ESCROW', ?, 1000000)")
                        .param("forged-" + key())
                        .update())
                .rootCause()
                .hasMessageContaining("balances change only through ledger entries and holds");
        assertThat(ledger.balance(alice)).isEqualTo(before);
        var hold = ledger.placeHold(alice, 200, key(), "still works");
        assertThat(ledger.balance(alice).held()).isEqualTo(before.held() + 200);
        assertThatThrownBy(() -> jdbc.sql("delete from ledger_holds where id = ?")
                        .param(hold.id())
                        .update())
                .rootCause()
                .hasMessageContaining("a hold is never deleted");
        assertThatThrownBy(() -> jdbc.sql("update ledger_holds set amount = 1 where id = ?")
                        .param(hold.id())
                        .update())
                .rootCause()
                .hasMessageContaining("never change");
        ledger.releaseHold(hold.id());
        assertThat(ledger.balance(alice)).isEqualTo(before);
        assertThatThrownBy(() -> jdbc.sql("update ledger_holds set status = 'ACTIVE' where id = ?")
                        .param(hold.id())
                        .update())
                .rootCause()
                .hasMessageContaining("stays so");
        assertThat(check.check().ok()).isTrue();
    }

    private void corruptPosted(long account, long by) {
        ownerJdbc().sql("""
                        do $$ begin
                            alter table ledger_accounts disable trigger ledger_accounts_balances_from_entries;
                            update ledger_accounts set posted = posted + (%d) where id = %d;
                            alter table ledger_accounts enable trigger ledger_accounts_balances_from_entries;
                        end $$""".formatted(by, account)).update();
    }

    private void fund(long account, long amount) {
        ledger.post(Posting.move(key(), "ADJUSTMENT", "test funds", adjustments, account, amount));
    }

    private int transactionCount() {
        return jdbc.sql("select count(*) from ledger_transactions")
                .query(Integer.class)
                .single();
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }
}
