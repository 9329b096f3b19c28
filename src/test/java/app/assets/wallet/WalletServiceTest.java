package app.assets.wallet;

import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.base.infra.RetryingTransactions;
import app.assets.identity.UserDirectory;
import app.assets.identity.service.AccountService;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Balance;
import app.assets.ledger.Hold;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.ledger.Posting;
import app.assets.ledger.StatementFilter;
import app.assets.ledger.StatementLine;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import app.assets.wallet.service.WalletProperties;
import app.assets.wallet.service.WalletService;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Wallet use cases against the real ledger: transfers, withdrawals and adjustments move money
 * exactly once, refuse bad input without writing anything, and are open only to those whose
 * permissions allow them. After every test the ledger check still finds the ledger consistent.
 */
class WalletServiceTest extends IntegrationTest {

    static final String ADMIN = "admin@assets.local";
    static final String AUDITOR = "auditor@assets.local";

    record Person(long id, String email) {}

    @Autowired
    WalletService wallet;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck check;

    @Autowired
    RetryingTransactions transactions;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserDirectory directory;

    @Autowired
    WalletProperties properties;

    TestUsers users;

    @BeforeEach
    void setUp() {
        users = new TestUsers(accounts, jdbc);
        SecurityContextHolder.clearContext();
    }

    @AfterEach
    void theLedgerIsStillConsistent() {
        SecurityContextHolder.clearContext();
        var result = check.check();
        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
    }

    // ---- transfers --------------------------------------------------------------------------

    @Test
    void transferMovesMoneyAndBothStatementsShowIt() {
        var alice = person("alice");
        var bob = person("bob");
        fund(alice, 10_000);

        actAs(alice);
        long transaction = wallet.transfer(UUID.randomUUID(), bob.email(), 2_500L, "  for the drill ");

        assertThat(balance(alice)).isEqualTo(new Balance(ledger.walletOf(alice.id()), 7_500, 0));
        assertThat(balance(bob).posted()).isEqualTo(2_500);

        StatementLine sent = wallet.myStatement(StatementFilter.all(), 0, 10).getFirst();
        assertThat(sent.transactionId()).isEqualTo(transaction);
        assertThat(sent.type()).isEqualTo("TRANSFER");
        assertThat(sent.counterparty()).isEqualTo(bob.email());
        assertThat(sent.amount()).isEqualTo(-2_500);
        assertThat(sent.balanceAfter()).isEqualTo(7_500);
        assertThat(sent.description()).isEqualTo("for the drill");
        assertThat(wallet.myStatementSize(StatementFilter.all())).isEqualTo(2);

        actAs(bob);
        var received = wallet.myStatement(StatementFilter.all(), 0, 10);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().counterparty()).isEqualTo(alice.email());
        assertThat(received.getFirst().type()).isEqualTo("TRANSFER");
        assertThat(received.getFirst().amount()).isEqualTo(2_500);
        assertThat(received.getFirst().balanceAfter()).isEqualTo(2_500);

        assertThat(audited("wallet.transfer", transaction, alice.email())).isOne();
        String aliceName = directory.byId(alice.id()).orElseThrow().displayName();
        assertThat(jdbc.sql("select body from notifications where user_id = ? and event = 'TRANSFER_RECEIVED'")
                        .param(bob.id())
                        .query(String.class)
                        .list())
                .as("bob is told, in the transfer's transaction, who sent it")
                .isNotEmpty()
                .allSatisfy(body -> assertThat(body).contains(aliceName));
    }

    @Test
    void theSameTransferRequestSubmittedTwicePostsOnce() {
        var alice = person("alice");
        var bob = person("bob");
        fund(alice, 10_000);
        actAs(alice);
        var requestId = UUID.randomUUID();

        // more than half the balance: a second posting could not even be paid for
        long first = wallet.transfer(requestId, bob.email(), 6_000L, null);
        long second = wallet.transfer(requestId, bob.email(), 6_000L, null);

        assertThat(second).isEqualTo(first);
        assertThat(balance(alice).posted()).isEqualTo(4_000);
        assertThat(balance(bob).posted()).isEqualTo(6_000);
        assertThat(jdbc.sql("select count(*) from ledger_transactions where idempotency_key = ?")
                        .param("transfer:" + requestId)
                        .query(Integer.class)
                        .single())
                .isOne();
        assertThat(audited("wallet.transfer", first, alice.email())).isOne();
    }

    @Test
    void anAddressWithoutAccountLooksLikeAnyOtherUntilMoneyWouldMoveAndThenNothingIsSent() {
        var alice = person("alice");
        var bob = person("bob");
        fund(alice, 10_000);
        actAs(alice);
        String nobody = uniqueEmail("nobody");

        assertThat(wallet.previewTransfer(nobody, 100L, null))
                .isEqualTo(new WalletService.TransferPreview(nobody, 100, 9_900));
        assertThat(wallet.previewTransfer(bob.email(), 100L, null))
                .isEqualTo(new WalletService.TransferPreview(bob.email(), 100, 9_900));
        // More than the balance: the same refusal for both, so a sender with no money learns nothing.
        assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), nobody, 20_000L, null)))
                .isEqualTo("money.insufficient");
        assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), bob.email(), 20_000L, null)))
                .isEqualTo("money.insufficient");
        int transactionsBefore = count("ledger_transactions");

        assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), nobody, 100L, null)))
                .isEqualTo("transfer.unknownRecipient");

        assertThat(count("ledger_transactions")).isEqualTo(transactionsBefore);
        assertThat(balance(alice).posted()).isEqualTo(10_000);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'wallet.transfer.refused' and actor = ?")
                        .param(alice.email())
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void theConfiguredNumberOfDistinctAddressesWithoutAccountPausesTheSendersTransfersToEveryAddress() {
        // IntegrationTest sets 3 (the default is 5) in 24 hours.
        int pauseAfter = properties.transferPause().unknownRecipients();
        assertThat(pauseAfter).isEqualTo(3);
        var alice = person("alice");
        var bob = person("bob");
        fund(alice, 10_000);
        actAs(alice);
        String first = uniqueEmail("nobody");
        assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), first, 100L, null)))
                .isEqualTo("transfer.unknownRecipient");
        // the same mistyped address again is one miss, not two
        assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), first.toUpperCase(), 100L, null)))
                .isEqualTo("transfer.unknownRecipient");
        for (int i = 0; i < pauseAfter - 2; i++) {
            assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), uniqueEmail("nobody"), 100L, null)))
                    .isEqualTo("transfer.unknownRecipient");
        }
        wallet.transfer(UUID.randomUUID(), bob.email(), 100L, null);
        assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), uniqueEmail("nobody"), 100L, null)))
                .isEqualTo("transfer.unknownRecipient");

        // From then on, the answer is the same for every address, registered or not.
        assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), bob.email(), 100L, null)))
                .isEqualTo("transfer.paused");
        assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), uniqueEmail("nobody"), 100L, null)))
                .isEqualTo("transfer.paused");
        assertThat(refusal(() -> wallet.previewTransfer(bob.email(), 100L, null)))
                .isEqualTo("transfer.paused");
        assertThat(balance(bob).posted()).isEqualTo(100);

        // a day later the pause has passed
        jdbc.sql("update transfer_misses set missed_at = missed_at - interval '25 hours' where user_id = ?")
                .param(alice.id())
                .update();
        wallet.transfer(UUID.randomUUID(), bob.email(), 100L, null);
        assertThat(balance(bob).posted()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "null", textBlock = """
            zero amount,          BOB,    0,      short, money.positive
            negative amount,      BOB,    -5,     short, money.positive
            no amount,            BOB,    null,   short, money.required
            more than available,  BOB,    10001,  short, money.insufficient
            malformed recipient,  BAD,    100,    short, email.invalid
            transfer to oneself,  SELF,   100,    short, transfer.toSelf
            note too long,        BOB,    100,    long,  transfer.noteTooLong
            blank recipient,      BLANK,  100,    short, transfer.recipientRequired
            """)
    void aBadTransferIsRefusedWithItsMessageAndWritesNothing(
            String what, String to, Long amount, String note, String key) {
        var alice = person("alice");
        var bob = person("bob");
        fund(alice, 10_000);
        actAs(alice);
        String recipient = switch (to) {
            case "BOB" -> bob.email();
            case "SELF" -> alice.email();
            case "BAD" -> "not-an-address";
            default -> "   ";
        };
        String text = "short".equals(note) ? "thanks" : "x".repeat(WalletService.NOTE_MAX + 1);
        int transactionsBefore = count("ledger_transactions");

        assertThat(refusal(() -> wallet.previewTransfer(recipient, amount, text)))
                .isEqualTo(key);
        assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), recipient, amount, text)))
                .isEqualTo(key);

        assertThat(count("ledger_transactions")).isEqualTo(transactionsBefore);
        assertThat(balance(alice).posted()).isEqualTo(10_000);
        assertThat(balance(bob).posted()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'wallet.transfer' and actor = ?")
                        .param(alice.email())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void moneyOnHoldCannotBeTransferred() {
        var alice = person("alice");
        var bob = person("bob");
        fund(alice, 10_000);
        actAs(alice);
        wallet.requestWithdrawal(UUID.randomUUID(), 8_000L);

        assertThat(wallet.previewTransfer(bob.email(), 2_000L, null).availableAfter())
                .isZero();
        assertThat(refusal(() -> wallet.transfer(UUID.randomUUID(), bob.email(), 2_001L, null)))
                .isEqualTo("money.insufficient");
        assertThat(balance(bob).posted()).isZero();
    }

    // ---- withdrawals ------------------------------------------------------------------------

    @Test
    void aWithdrawalRequestHoldsTheAmountWithoutPostingIt() {
        var alice = person("alice");
        fund(alice, 10_000);
        actAs(alice);
        var requestId = UUID.randomUUID();

        long id = wallet.requestWithdrawal(requestId, 3_000L);
        assertThat(wallet.requestWithdrawal(requestId, 3_000L))
                .as("a double submit")
                .isEqualTo(id);

        var balance = wallet.myBalance();
        assertThat(balance.posted()).isEqualTo(10_000);
        assertThat(balance.held()).isEqualTo(3_000);
        assertThat(balance.available()).isEqualTo(7_000);
        var mine = wallet.myWithdrawals(0, 10);
        assertThat(mine).extracting(WalletService.Withdrawal::id).containsExactly(id);
        assertThat(mine.getFirst().status()).isEqualTo("PENDING");
        assertThat(mine.getFirst().amount()).isEqualTo(3_000);
        assertThat(hold(id).status()).isEqualTo(Hold.Status.ACTIVE);
    }

    @Test
    void aWithdrawalAboveTheAvailableBalanceIsRefused() {
        var alice = person("alice");
        fund(alice, 1_000);
        actAs(alice);

        assertThat(refusal(() -> wallet.requestWithdrawal(UUID.randomUUID(), 1_001L)))
                .isEqualTo("money.insufficient");
        assertThat(refusal(() -> wallet.requestWithdrawal(UUID.randomUUID(), 0L)))
                .isEqualTo("money.positive");
        assertThat(refusal(() -> wallet.requestWithdrawal(UUID.randomUUID(), null)))
                .isEqualTo("money.required");
        assertThat(wallet.myWithdrawals(0, 10)).isEmpty();
        assertThat(wallet.myBalance().held()).isZero();
    }

    @Test
    void anApprovedWithdrawalIsCapturedIntoTheWithdrawalsAccount() {
        var alice = person("alice");
        fund(alice, 10_000);
        actAs(alice);
        long id = wallet.requestWithdrawal(UUID.randomUUID(), 3_000L);
        long paidOutBefore =
                ledger.balance(ledger.systemAccount(AccountKind.WITHDRAWALS)).posted();

        actAs(ADMIN);
        assertThat(wallet.pendingWithdrawals(0, 100))
                .extracting(WalletService.Withdrawal::id)
                .contains(id);
        wallet.approveWithdrawal(id);

        assertThat(balance(alice)).isEqualTo(new Balance(ledger.walletOf(alice.id()), 7_000, 0));
        assertThat(ledger.balance(ledger.systemAccount(AccountKind.WITHDRAWALS)).posted())
                .isEqualTo(paidOutBefore + 3_000);
        assertThat(hold(id).status()).isEqualTo(Hold.Status.CAPTURED);
        assertThat(wallet.pendingWithdrawals(0, 100))
                .extracting(WalletService.Withdrawal::id)
                .doesNotContain(id);
        var paidOut =
                wallet.statementOf(alice.id(), StatementFilter.all(), 0, 10).getFirst();
        assertThat(paidOut.type()).isEqualTo("WITHDRAWAL");
        assertThat(paidOut.amount()).isEqualTo(-3_000);
        assertThat(paidOut.balanceAfter()).isEqualTo(7_000);
        assertThat(audited("withdrawal.approve", id, ADMIN)).isOne();

        actAs(alice);
        assertThat(wallet.myWithdrawals(0, 10).getFirst().status()).isEqualTo("APPROVED");
    }

    @Test
    void approvingTwiceIsHarmlessAndRejectingAnApprovedWithdrawalIsRefused() {
        var alice = person("alice");
        fund(alice, 10_000);
        actAs(alice);
        long id = wallet.requestWithdrawal(UUID.randomUUID(), 3_000L);

        actAs(ADMIN);
        wallet.approveWithdrawal(id);
        wallet.approveWithdrawal(id);
        assertThat(refusal(() -> wallet.rejectWithdrawal(id, "changed my mind")))
                .isEqualTo("withdrawal.notPending");

        assertThat(balance(alice).posted()).isEqualTo(7_000);
        assertThat(balance(alice).held()).isZero();
        assertThat(jdbc.sql(
                                "select count(*) from ledger_entries e join ledger_transactions t on t.id = e.transaction_id"
                                        + " where t.type = 'WITHDRAWAL' and e.account_id = ?")
                        .param(ledger.walletOf(alice.id()))
                        .query(Integer.class)
                        .single())
                .isOne();
        assertThat(audited("withdrawal.approve", id, ADMIN)).isOne();
        assertThat(status(id)).isEqualTo("APPROVED");
    }

    @Test
    void aRejectedWithdrawalReleasesTheHoldAndTellsTheReason() {
        var alice = person("alice");
        fund(alice, 10_000);
        actAs(alice);
        long id = wallet.requestWithdrawal(UUID.randomUUID(), 3_000L);

        actAs(ADMIN);
        wallet.rejectWithdrawal(id, "  The IBAN does not match your name. ");

        assertThat(balance(alice)).isEqualTo(new Balance(ledger.walletOf(alice.id()), 10_000, 0));
        assertThat(hold(id).status()).isEqualTo(Hold.Status.RELEASED);
        assertThat(audited("withdrawal.reject", id, ADMIN)).isOne();
        actAs(alice);
        var rejected = wallet.myWithdrawals(0, 10).getFirst();
        assertThat(rejected.status()).isEqualTo("REJECTED");
        assertThat(rejected.reason()).isEqualTo("The IBAN does not match your name.");
        assertThat(rejected.decidedAt()).isNotNull();
        assertThat(wallet.myStatementSize(StatementFilter.all()))
                .as("only the funding")
                .isOne();
    }

    @Test
    void rejectingNeedsAReason() {
        var alice = person("alice");
        fund(alice, 10_000);
        actAs(alice);
        long id = wallet.requestWithdrawal(UUID.randomUUID(), 3_000L);

        actAs(ADMIN);
        assertThat(refusal(() -> wallet.rejectWithdrawal(id, "   "))).isEqualTo("reason.required");
        assertThat(refusal(() -> wallet.rejectWithdrawal(id, null))).isEqualTo("reason.required");
        assertThat(refusal(() -> wallet.rejectWithdrawal(id, "x".repeat(WalletService.REASON_MAX + 1))))
                .isEqualTo("reason.tooLong");

        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(balance(alice).held()).isEqualTo(3_000);
        assertThat(hold(id).status()).isEqualTo(Hold.Status.ACTIVE);
    }

    // ---- four eyes -------------------------------------------------------------------------

    @Test
    void aStaffMemberCannotApproveTheirOwnWithdrawalButAnotherCan() {
        var staff = person("staff");
        grant(staff, "ADMIN");
        fund(staff, 10_000);
        actAs(staff);
        long id = wallet.requestWithdrawal(UUID.randomUUID(), 4_000L);

        assertThat(refusal(() -> wallet.approveWithdrawal(id))).isEqualTo("withdrawal.ownRequest");

        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(hold(id).status()).isEqualTo(Hold.Status.ACTIVE);
        assertThat(balance(staff).posted()).isEqualTo(10_000);
        assertThat(deniedAudits("withdrawal.approve", id, staff.email())).isOne();
        actAs(ADMIN);
        wallet.approveWithdrawal(id);
        assertThat(status(id)).isEqualTo("APPROVED");
        assertThat(balance(staff).posted()).isEqualTo(6_000);
    }

    @Test
    void anAdministratorCannotAdjustTheirOwnWalletButAnotherCan() {
        var staff = person("staff");
        grant(staff, "ADMIN");
        actAs(staff);
        long transactionsBefore = count("ledger_transactions");

        assertThat(refusal(() -> wallet.adjust(UUID.randomUUID(), staff.id(), 1_000_000L, "bonus")))
                .isEqualTo("wallets.ownWallet");
        assertThat(refusal(() -> wallet.adjust(UUID.randomUUID(), staff.id(), -1L, "fix")))
                .isEqualTo("wallets.ownWallet");

        assertThat(count("ledger_transactions")).isEqualTo(transactionsBefore);
        assertThat(balance(staff).posted()).isZero();
        assertThat(deniedAudits("wallet.adjust", staff.id(), staff.email())).isEqualTo(2);
        actAs(ADMIN);
        wallet.adjust(UUID.randomUUID(), staff.id(), 1_000L, "goodwill");
        assertThat(balance(staff).posted()).isEqualTo(1_000);
    }

    @Test
    void anAdjustmentAboveTheLimitWaitsForASecondAdministratorWhoIsNeitherRequesterNorOwner() {
        var alice = person("alice");
        var staff = person("staff");
        grant(staff, "ADMIN");
        long above = wallet.adjustmentApprovalAbove() + 1;
        long transactionsBefore = count("ledger_transactions");
        actAs(staff);
        UUID requestId = UUID.randomUUID();

        var requested = wallet.adjust(requestId, alice.id(), above, "Compensation for the lost camera");
        assertThat(wallet.adjust(requestId, alice.id(), above, "Compensation for the lost camera"))
                .as("a double click asks once")
                .isEqualTo(requested);

        assertThat(requested.pending()).isTrue();
        assertThat(count("ledger_transactions")).as("nothing moves yet").isEqualTo(transactionsBefore);
        assertThat(balance(alice).posted()).isZero();
        assertThat(wallet.pendingAdjustments(0, 100))
                .extracting(WalletService.AdjustmentRequest::id)
                .contains(requested.requestId());
        assertThat(refusal(() -> wallet.approveAdjustment(requested.requestId())))
                .isEqualTo("adjustment.ownRequest");
        assertThat(wallet.adjust(UUID.randomUUID(), alice.id(), wallet.adjustmentApprovalAbove(), "At the limit")
                        .pending())
                .as("up to the limit one ADMIN is enough")
                .isFalse();

        actAs(ADMIN);
        long posted = wallet.approveAdjustment(requested.requestId());
        assertThat(wallet.approveAdjustment(requested.requestId()))
                .as("approving twice posts once")
                .isEqualTo(posted);
        assertThat(balance(alice).posted()).isEqualTo(above + wallet.adjustmentApprovalAbove());
        assertThat(wallet.pendingAdjustments(0, 100))
                .extracting(WalletService.AdjustmentRequest::id)
                .doesNotContain(requested.requestId());
        assertThat(audited("wallet.adjust", posted, ADMIN)).isOne();
        assertThat(wallet.statementOf(alice.id(), StatementFilter.all(), 0, 1)
                        .getFirst()
                        .description())
                .isEqualTo("Compensation for the lost camera");
    }

    @Test
    void theOwnerOfTheWalletCannotApproveItsLargeAdjustmentAndARejectionMovesNothing() {
        var staff = person("staff");
        grant(staff, "ADMIN");
        actAs(ADMIN);
        long above = wallet.adjustmentApprovalAbove() + 1;
        var forStaff = wallet.adjust(UUID.randomUUID(), staff.id(), above, "Bonus");
        var forStaffAgain = wallet.adjust(UUID.randomUUID(), staff.id(), -above, "Take it back");
        long transactionsBefore = count("ledger_transactions");

        actAs(staff);
        assertThat(refusal(() -> wallet.approveAdjustment(forStaff.requestId())))
                .isEqualTo("wallets.ownWallet");
        assertThat(refusal(() -> wallet.rejectAdjustment(forStaffAgain.requestId(), " ")))
                .isEqualTo("reason.required");
        wallet.rejectAdjustment(forStaffAgain.requestId(), "Never requested");
        assertThat(refusal(() -> wallet.approveAdjustment(forStaffAgain.requestId())))
                .isEqualTo("adjustment.notPending");

        assertThat(count("ledger_transactions")).isEqualTo(transactionsBefore);
        assertThat(balance(staff).posted()).isZero();
        assertThat(jdbc.sql("select status from adjustment_requests where id = ?")
                        .param(forStaff.requestId())
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING");
        assertThat(jdbc.sql("select status || ': ' || decision_reason from adjustment_requests where id = ?")
                        .param(forStaffAgain.requestId())
                        .query(String.class)
                        .single())
                .isEqualTo("REJECTED: Never requested");
        actAs(ADMIN);
        wallet.rejectAdjustment(forStaff.requestId(), "Test over");
    }

    // ---- adjustments ------------------------------------------------------------------------

    @Test
    void adjustmentsCreditAndDebitAWalletWithTheirReason() {
        var alice = person("alice");
        actAs(ADMIN);

        long credit = wallet.adjust(UUID.randomUUID(), alice.id(), 5_000L, " goodwill for the outage ")
                .transactionId();
        wallet.adjust(UUID.randomUUID(), alice.id(), -2_000L, "duplicate credit");

        assertThat(wallet.balanceOf(alice.id()).posted()).isEqualTo(3_000);
        var lines = wallet.statementOf(alice.id(), new StatementFilter(null, null, "ADJUSTMENT"), 0, 10);
        assertThat(lines).extracting(StatementLine::amount).containsExactly(-2_000L, 5_000L);
        assertThat(lines)
                .extracting(StatementLine::description)
                .containsExactly("duplicate credit", "goodwill for the outage");
        assertThat(lines).extracting(StatementLine::balanceAfter).containsExactly(3_000L, 5_000L);
        assertThat(audited("wallet.adjust", credit, ADMIN)).isOne();
    }

    @Test
    void anAdjustmentNeedsAReasonAndCannotDebitBeyondTheBalance() {
        var alice = person("alice");
        fund(alice, 1_000);
        actAs(ADMIN);
        int transactionsBefore = count("ledger_transactions");

        assertThat(refusal(() -> wallet.adjust(UUID.randomUUID(), alice.id(), 500L, "  ")))
                .isEqualTo("reason.required");
        assertThat(refusal(() -> wallet.adjust(UUID.randomUUID(), alice.id(), 500L, null)))
                .isEqualTo("reason.required");
        assertThat(refusal(() -> wallet.adjust(UUID.randomUUID(), alice.id(), 0L, "zero")))
                .isEqualTo("money.positive");
        assertThat(refusal(() -> wallet.adjust(UUID.randomUUID(), alice.id(), null, "nothing")))
                .isEqualTo("money.positive");
        assertThat(refusal(() -> wallet.adjust(UUID.randomUUID(), alice.id(), -1_001L, "too much")))
                .isEqualTo("money.insufficient");

        assertThat(count("ledger_transactions")).isEqualTo(transactionsBefore);
        assertThat(wallet.balanceOf(alice.id()).posted()).isEqualTo(1_000);
    }

    // ---- who may do what --------------------------------------------------------------------

    @Test
    void aPlainUserIsRefusedEveryStaffOperation() {
        var alice = person("alice");
        var bob = person("bob");
        fund(bob, 1_000);
        actAs(bob);
        long withdrawal = wallet.requestWithdrawal(UUID.randomUUID(), 500L);
        actAs(alice);

        assertRefused(() -> wallet.pendingWithdrawals(0, 10));
        assertRefused(() -> wallet.pendingWithdrawalCount());
        assertRefused(() -> wallet.approveWithdrawal(withdrawal));
        assertRefused(() -> wallet.rejectWithdrawal(withdrawal, "no"));
        assertRefused(() -> wallet.balanceOf(bob.id()));
        assertRefused(() -> wallet.statementOf(bob.id(), StatementFilter.all(), 0, 10));
        assertRefused(() -> wallet.findOwners("bob", 0, 10));
        assertRefused(() -> wallet.adjust(UUID.randomUUID(), alice.id(), 1_000_000L, "free money"));
        assertRefused(() -> wallet.pendingAdjustments(0, 10));
        assertRefused(() -> wallet.approveAdjustment(1L));
        assertRefused(() -> wallet.rejectAdjustment(1L, "no"));

        assertThat(status(withdrawal)).isEqualTo("PENDING");
        assertThat(balance(alice).posted()).isZero();
        assertThat(balance(bob)).isEqualTo(new Balance(ledger.walletOf(bob.id()), 1_000, 500));
    }

    @Test
    void anAuditorReadsAnyWalletButCannotAdjustOrDecideWithdrawals() {
        var alice = person("alice");
        fund(alice, 4_000);
        actAs(alice);
        long withdrawal = wallet.requestWithdrawal(UUID.randomUUID(), 1_000L);
        actAs(AUDITOR);

        assertThat(wallet.balanceOf(alice.id()).available()).isEqualTo(3_000);
        assertThat(wallet.statementOf(alice.id(), StatementFilter.all(), 0, 10))
                .extracting(StatementLine::amount)
                .containsExactly(4_000L);
        assertThat(wallet.findOwners(alice.email(), 0, 10))
                .extracting(p -> p.id())
                .containsExactly(alice.id());

        assertRefused(() -> wallet.adjust(UUID.randomUUID(), alice.id(), 1_000L, "audit"));
        assertRefused(() -> wallet.pendingAdjustments(0, 10));
        assertRefused(() -> wallet.approveAdjustment(1L));
        assertRefused(() -> wallet.rejectAdjustment(1L, "no"));
        assertRefused(() -> wallet.approveWithdrawal(withdrawal));
        assertThat(balance(alice).posted()).isEqualTo(4_000);
        assertThat(status(withdrawal)).isEqualTo("PENDING");
    }

    // ---- atomicity --------------------------------------------------------------------------

    @Test
    void anExceptionInTheMiddleOfAUseCaseLeavesNothingHalfWritten() {
        var alice = person("alice");
        var bob = person("bob");
        fund(alice, 1_000);
        int transactionsBefore = count("ledger_transactions");
        int entriesBefore = count("ledger_entries");
        String key = "half-written:" + UUID.randomUUID();

        assertThatThrownBy(() -> transactions.execute(() -> {
                    ledger.post(Posting.move(
                            key,
                            "TRANSFER",
                            "never finished",
                            ledger.walletOf(alice.id()),
                            ledger.walletOf(bob.id()),
                            400));
                    throw new IllegalStateException("the use case fails after posting");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.sql("select count(*) from ledger_transactions where idempotency_key = ?")
                        .param(key)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(count("ledger_transactions")).isEqualTo(transactionsBefore);
        assertThat(count("ledger_entries")).isEqualTo(entriesBefore);
        assertThat(balance(alice).posted()).isEqualTo(1_000);
        assertThat(balance(bob).posted()).isZero();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Person person(String who) {
        String email = uniqueEmail(who);
        return new Person(users.verified(email), email);
    }

    private void fund(Person person, long amount) {
        ledger.post(Posting.move(
                "test-funds:" + UUID.randomUUID(),
                "ADJUSTMENT",
                "test funds",
                ledger.systemAccount(AccountKind.ADJUSTMENTS),
                ledger.walletOf(person.id()),
                amount));
    }

    private void grant(Person person, String role) {
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, ?)")
                .params(person.id(), role)
                .update();
    }

    private int deniedAudits(String action, long entityId, String actor) {
        return jdbc.sql(
                        "select count(*) from audit_log where action = ? and entity_id = ? and actor = ? and outcome = 'DENIED'")
                .params(action, String.valueOf(entityId), actor)
                .query(Integer.class)
                .single();
    }

    private void actAs(Person person) {
        actAs(person.email());
    }

    private Balance balance(Person person) {
        return ledger.balance(ledger.walletOf(person.id()));
    }

    private Hold hold(long withdrawalId) {
        return ledger.hold(jdbc.sql("select hold_id from withdrawals where id = ?")
                .param(withdrawalId)
                .query(Long.class)
                .single());
    }

    private String status(long withdrawalId) {
        return jdbc.sql("select status from withdrawals where id = ?")
                .param(withdrawalId)
                .query(String.class)
                .single();
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    private int audited(String action, long entityId, String actor) {
        return jdbc.sql(
                        "select count(*) from audit_log where action = ? and entity_id = ? and actor = ? and outcome = 'SUCCESS'")
                .params(action, String.valueOf(entityId), actor)
                .query(Integer.class)
                .single();
    }

    private static String refusal(ThrowingCallable call) {
        var thrown = org.assertj.core.api.Assertions.catchThrowableOfType(UserInputException.class, call);
        assertThat(thrown).as("refused with a message for the user").isNotNull();
        return thrown.messageKey();
    }

    private static void assertRefused(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(AccessDeniedException.class);
    }
}
