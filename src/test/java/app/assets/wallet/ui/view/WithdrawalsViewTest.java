package app.assets.wallet.ui.view;

import static app.assets.support.TestUsers.uniqueEmail;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Languages;
import app.assets.identity.service.AccountService;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Balance;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.support.KaribuTest;
import app.assets.support.TestFunds;
import app.assets.support.TestUsers;
import app.assets.wallet.service.WalletService;
import app.assets.wallet.service.WalletService.Withdrawal;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class WithdrawalsViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck check;

    @Autowired
    WalletService wallet;

    /** The queue is the whole platform's: staff first decide what other tests left waiting in it. */
    @BeforeEach
    void anEmptyQueue() {
        actAs("admin@assets.local");
        for (var waiting : wallet.pendingWithdrawals(0, 1000)) {
            wallet.rejectWithdrawal(waiting.id(), "Cleared before this test.");
        }
        assertThat(wallet.pendingWithdrawalCount()).isZero();
    }

    @AfterEach
    void theLedgerIsStillConsistent() {
        assertThat(check.check().ok()).isTrue();
    }

    @Test
    void anAdminApprovesOneWithdrawalAndRejectsAnotherWithAReasonUntilTheQueueIsEmpty() {
        long alice = requester("alice", 10_000, 3_000);
        long bob = requester("bob", 5_000, 2_000);
        long paidOutBefore =
                ledger.balance(ledger.systemAccount(AccountKind.WITHDRAWALS)).posted();
        signIn("admin@assets.local");
        navigate("admin/withdrawals");
        var view = _get(WithdrawalsView.class);
        assertThat(GridKt._size(view.grid)).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(view.grid, 0)).contains("2,000 IRR");

        _click(actions(view, alice).get(0));
        assertThat(GridKt._size(view.grid)).isOne();
        assertThat(wallet(alice)).isEqualTo(new Balance(ledger.walletOf(alice), 7_000, 0));
        assertThat(ledger.balance(ledger.systemAccount(AccountKind.WITHDRAWALS)).posted())
                .isEqualTo(paidOutBefore + 3_000);

        _click(actions(view, bob).get(1));
        var reason = _get(TextArea.class, spec -> spec.withId("reject-reason"));
        var reject = _get(Button.class, spec -> spec.withId("reject-confirm"));
        _click(reject);
        assertThat(reason.isInvalid()).isTrue();
        assertThat(reason.getErrorMessage()).isEqualTo("Write a reason.");
        assertThat(GridKt._size(view.grid)).as("still waiting").isOne();

        _setValue(reason, "The IBAN does not match your name.");
        _click(reject);
        assertThat(GridKt._size(view.grid)).isZero();
        assertThat(wallet(bob)).isEqualTo(new Balance(ledger.walletOf(bob), 5_000, 0));
        assertThat(jdbc.sql("select status || ': ' || reason from withdrawals where user_id = ?")
                        .param(bob)
                        .query(String.class)
                        .single())
                .isEqualTo("REJECTED: The IBAN does not match your name.");
    }

    @Test
    void aStaffMembersOwnWithdrawalIsRefusedWithAMessageInTheirLanguage() {
        String email = uniqueEmail("staff");
        long staff = new TestUsers(accounts, jdbc).verified(email);
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, 'ADMIN')")
                .param(staff)
                .update();
        TestFunds.fund(ledger, staff, 10_000);
        signIn(email);
        long id = wallet.requestWithdrawal(UUID.randomUUID(), 4_000L);
        useLanguage(Languages.PERSIAN);
        navigate("admin/withdrawals");
        var view = _get(WithdrawalsView.class);

        _click(actions(view, staff).get(0));

        expectNotifications("نمی‌توانید برداشتِ خودتان را تأیید کنید؛ یکی دیگر از کارکنان باید درباره‌اش تصمیم بگیرد.");
        assertThat(jdbc.sql("select status from withdrawals where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING");
        assertThat(wallet(staff)).isEqualTo(new Balance(ledger.walletOf(staff), 10_000, 4_000));
        signIn("admin@assets.local"); // another staff member decides it, and the queue is empty again
        wallet.rejectWithdrawal(id, "Test over");
    }

    /** Signs up a person with money who asks to withdraw part of it. */
    private long requester(String who, long funds, long amount) {
        String email = uniqueEmail(who);
        long id = new TestUsers(accounts, jdbc).verified(email);
        TestFunds.fund(ledger, id, funds);
        signIn(email);
        wallet.requestWithdrawal(UUID.randomUUID(), amount);
        return id;
    }

    private List<Button> actions(WithdrawalsView view, long userId) {
        for (int row = 0; row < GridKt._size(view.grid); row++) {
            Withdrawal w = GridKt._get(view.grid, row);
            if (w.userId() == userId) {
                var cell = (HorizontalLayout)
                        cell(view.grid, view.grid.getColumns().size() - 1, w);
                return cell.getChildren().map(Button.class::cast).toList();
            }
        }
        throw new AssertionError("no withdrawal of user " + userId + " in the queue");
    }

    private Balance wallet(long userId) {
        return ledger.balance(ledger.walletOf(userId));
    }
}
