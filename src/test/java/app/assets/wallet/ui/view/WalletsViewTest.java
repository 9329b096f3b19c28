package app.assets.wallet.ui.view;

import static app.assets.support.TestUsers.uniqueEmail;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.ui.component.MoneyField;
import app.assets.identity.UserDirectory.Person;
import app.assets.identity.service.AccountService;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.ledger.Posting;
import app.assets.ledger.StatementLine;
import app.assets.support.KaribuTest;
import app.assets.support.TestUsers;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class WalletsViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck check;

    Person owner;

    @BeforeEach
    void setUp() {
        String email = uniqueEmail("owner");
        owner = new Person(new TestUsers(accounts, jdbc).verified(email), email, "Test Person");
        ledger.post(Posting.move(
                "test-funds:" + UUID.randomUUID(),
                "ADJUSTMENT",
                "test funds",
                ledger.systemAccount(AccountKind.ADJUSTMENTS),
                ledger.walletOf(owner.id()),
                1_000));
    }

    @AfterEach
    void theLedgerIsStillConsistent() {
        assertThat(check.check().ok()).isTrue();
    }

    @Test
    void anAuditorSeesTheStatementOfTheOwnerTheyPickButNoAdjustButton() {
        signIn("auditor@assets.local");
        navigate("admin/wallets");
        var view = _get(WalletsView.class);
        assertThat(view.adjust.isVisible()).isFalse();
        assertThat(GridKt._size(view.statement.grid)).as("nobody picked yet").isZero();

        _setValue(view.owner, owner);

        assertThat(_get(Span.class, spec -> spec.withId("balance-available")).getText())
                .isEqualTo("1,000 IRR");
        assertThat(GridKt._size(view.statement.grid)).isOne();
        StatementLine line = GridKt._get(view.statement.grid, 0);
        assertThat(line.amount()).isEqualTo(1_000);
        assertThat(GridKt._getFormattedRow(view.statement.grid, 0)).contains("Adjustment", "adjustments", "test funds");
    }

    @Test
    void anAdminCreditsAndDebitsAWalletWithAReason() {
        signIn("admin@assets.local");
        navigate("admin/wallets");
        var view = _get(WalletsView.class);
        assertThat(view.adjust.isVisible()).isTrue();
        assertThat(view.adjust.isEnabled()).as("until an owner is picked").isFalse();
        _setValue(view.owner, owner);

        _click(view.adjust);
        _setValue(_get(MoneyField.class, spec -> spec.withId("adjust-amount")), "5,000");
        _setValue(_get(TextArea.class, spec -> spec.withId("adjust-reason")), "Refund of a failed payment");
        _click(_get(Button.class, spec -> spec.withId("adjust-save")));

        assertThat(_get(Span.class, spec -> spec.withId("balance-posted")).getText())
                .isEqualTo("6,000 IRR");
        assertThat(GridKt._getFormattedRow(view.statement.grid, 0)).contains("Refund of a failed payment", "6,000 IRR");

        _click(view.adjust);
        @SuppressWarnings("unchecked")
        RadioButtonGroup<String> direction = _get(RadioButtonGroup.class);
        _setValue(direction, "debit");
        _setValue(_get(MoneyField.class, spec -> spec.withId("adjust-amount")), "2,000");
        var reason = _get(TextArea.class, spec -> spec.withId("adjust-reason"));
        _click(_get(Button.class, spec -> spec.withId("adjust-save")));
        assertThat(reason.isInvalid()).isTrue();
        assertThat(reason.getErrorMessage()).isEqualTo("Write a reason.");
        assertThat(ledger.balance(ledger.walletOf(owner.id())).posted()).isEqualTo(6_000);

        _setValue(reason, "Credited twice by mistake");
        _click(_get(Button.class, spec -> spec.withId("adjust-save")));
        assertThat(_get(Span.class, spec -> spec.withId("balance-posted")).getText())
                .isEqualTo("4,000 IRR");
        assertThat(ledger.balance(ledger.walletOf(owner.id())).posted()).isEqualTo(4_000);
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'wallet.adjust' and actor = 'admin@assets.local' and details like ?")
                        .param("%" + owner.email() + "%")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void anAdministratorPickingTheirOwnWalletIsToldToAskAnother() {
        String email = uniqueEmail("staff");
        long staff = new TestUsers(accounts, jdbc).verified(email);
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, 'ADMIN')")
                .param(staff)
                .update();
        signIn(email);
        navigate("admin/wallets");
        var view = _get(WalletsView.class);
        _setValue(view.owner, new Person(staff, email, "Test Person"));

        _click(view.adjust);
        var amount = _get(MoneyField.class, spec -> spec.withId("adjust-amount"));
        _setValue(amount, "5,000,000");
        _setValue(_get(TextArea.class, spec -> spec.withId("adjust-reason")), "Bonus");
        _click(_get(Button.class, spec -> spec.withId("adjust-save")));

        assertThat(amount.isInvalid()).isTrue();
        assertThat(amount.getErrorMessage()).isEqualTo("You cannot adjust your own wallet: ask another administrator.");
        assertThat(ledger.balance(ledger.walletOf(staff)).posted()).isZero();
    }

    @Test
    void aLargeAdjustmentWaitsInTheQueueUntilASecondAdministratorApprovesIt() {
        String email = uniqueEmail("staff");
        long staff = new TestUsers(accounts, jdbc).verified(email);
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, 'ADMIN')")
                .param(staff)
                .update();
        signIn(email);
        navigate("admin/wallets");
        var view = _get(WalletsView.class);
        _setValue(view.owner, owner);
        _click(view.adjust);
        _setValue(_get(MoneyField.class, spec -> spec.withId("adjust-amount")), "20,000,000");
        _setValue(_get(TextArea.class, spec -> spec.withId("adjust-reason")), "Insurance payout for the stolen bike");
        _click(_get(Button.class, spec -> spec.withId("adjust-save")));

        expectNotifications(
                "Above 10,000,000 IRR an adjustment needs a second administrator: it now waits under Adjustments to approve.");
        assertThat(ledger.balance(ledger.walletOf(owner.id())).posted()).isEqualTo(1_000);
        navigate("admin/adjustments");
        var queue = _get(AdjustmentsView.class);
        int row = rowOf(queue);
        _click(approveButton(queue, row));
        expectNotifications("You cannot approve an adjustment you asked for: another administrator must decide it.");

        signIn("admin@assets.local");
        useLanguage(app.assets.base.i18n.Languages.PERSIAN);
        navigate("admin/adjustments");
        queue = _get(AdjustmentsView.class);
        _click(approveButton(queue, rowOf(queue)));
        expectNotifications("اصلاح تأیید و ثبت شد.");
        assertThat(ledger.balance(ledger.walletOf(owner.id())).posted()).isEqualTo(20_001_000);
        assertThat(GridKt._findAll(queue.grid)).noneMatch(r -> r.userId() == owner.id());
    }

    private int rowOf(AdjustmentsView queue) {
        for (int row = 0; row < GridKt._size(queue.grid); row++) {
            if (GridKt._get(queue.grid, row).userId() == owner.id()) {
                return row;
            }
        }
        throw new AssertionError("no adjustment for " + owner.email() + " in the queue");
    }

    private Button approveButton(AdjustmentsView queue, int row) {
        var request = GridKt._get(queue.grid, row);
        var cell = (com.vaadin.flow.component.orderedlayout.HorizontalLayout)
                cell(queue.grid, queue.grid.getColumns().size() - 1, request);
        return (Button) cell.getChildren().findFirst().orElseThrow();
    }
}
