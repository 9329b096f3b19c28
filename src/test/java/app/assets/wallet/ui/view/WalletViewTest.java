package app.assets.wallet.ui.view;

import static app.assets.support.TestUsers.uniqueEmail;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Languages;
import app.assets.base.ui.component.MoneyField;
import app.assets.identity.service.AccountService;
import app.assets.ledger.AccountKind;
import app.assets.ledger.Ledger;
import app.assets.ledger.LedgerCheck;
import app.assets.ledger.Posting;
import app.assets.ledger.StatementLine;
import app.assets.support.KaribuTest;
import app.assets.support.TestUsers;
import app.assets.wallet.service.WalletService.Withdrawal;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class WalletViewTest extends KaribuTest {

    record Person(long id, String email) {}

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerCheck check;

    TestUsers users;
    Person alice;
    Person bob;

    @BeforeEach
    void setUp() {
        users = new TestUsers(accounts, jdbc);
        alice = person("alice");
        bob = person("bob");
        fund(alice, 10_000);
    }

    @AfterEach
    void theLedgerIsStillConsistent() {
        assertThat(check.check().ok()).isTrue();
    }

    @Test
    void theWalletShowsAvailablePostedAndHeldBalances() {
        signIn(alice.email());
        navigate("wallet");

        assertThat(text("balance-available")).isEqualTo("10,000 IRR");
        assertThat(text("balance-posted")).isEqualTo("10,000 IRR");
        assertThat(text("balance-held")).isEqualTo("0 IRR");
        var view = _get(WalletView.class);
        assertThat(GridKt._size(view.statement.grid)).isOne();
        assertThat(GridKt._getFormattedRow(view.statement.grid, 0)).contains("Adjustment", "10,000 IRR", "test funds");
    }

    @Test
    void aTransferIsReviewedConfirmedAndShownInTheStatement() {
        signIn(alice.email());
        navigate("wallet");
        var view = _get(WalletView.class);

        _click(_get(Button.class, spec -> spec.withId("open-transfer")));
        _setValue(_get(EmailField.class, spec -> spec.withId("transfer-recipient")), bob.email());
        _setValue(_get(MoneyField.class, spec -> spec.withId("transfer-amount")), "2,500");
        _setValue(_get(TextArea.class, spec -> spec.withId("transfer-note")), "lens rental");
        _click(_get(Button.class, spec -> spec.withId("transfer-review")));

        assertThat(_get(Paragraph.class, spec -> spec.withId("transfer-confirm-text"))
                        .getText())
                .isEqualTo("Send 2,500 IRR to " + bob.email()
                        + "? Check the address: money sent to the wrong person cannot be called back."
                        + " Your available balance will be 7,500 IRR.");
        assertThat(balance(alice)).as("nothing moves before confirming").isEqualTo(10_000);
        _click(_get(Button.class, spec -> spec.withId("transfer-confirm")));

        assertThat(balance(alice)).isEqualTo(7_500);
        assertThat(balance(bob)).isEqualTo(2_500);
        assertThat(text("balance-available")).isEqualTo("7,500 IRR");
        assertThat(GridKt._size(view.statement.grid)).isEqualTo(2);
        StatementLine line = GridKt._get(view.statement.grid, 0);
        assertThat(line.counterparty()).isEqualTo(bob.email());
        assertThat(((Span) cell(view.statement.grid, 1, line)).getText()).isEqualTo("-2,500 IRR");
        assertThat(GridKt._getFormattedRow(view.statement.grid, 0))
                .contains("Transfer", bob.email(), "lens rental", "7,500 IRR");
    }

    @Test
    void aBadAmountIsShownOnTheFieldAndNothingMoves() {
        signIn(alice.email());
        navigate("wallet");
        _click(_get(Button.class, spec -> spec.withId("open-transfer")));
        _setValue(_get(EmailField.class, spec -> spec.withId("transfer-recipient")), bob.email());
        var amount = _get(MoneyField.class, spec -> spec.withId("transfer-amount"));
        var review = _get(Button.class, spec -> spec.withId("transfer-review"));

        _click(review);
        assertThat(amount.isInvalid()).isTrue();
        assertThat(amount.getErrorMessage()).isEqualTo("Enter an amount.");

        _setValue(amount, "0");
        _click(review);
        assertThat(amount.getErrorMessage()).isEqualTo("The amount must be more than zero.");

        _setValue(amount, "10,001");
        _click(review);
        assertThat(amount.getErrorMessage()).isEqualTo("The available balance is not enough for this.");

        _setValue(amount, "100");
        var recipient = _get(EmailField.class, spec -> spec.withId("transfer-recipient"));
        _setValue(recipient, "not-an-address");
        _click(review);
        assertThat(amount.isInvalid()).isFalse();
        assertThat(recipient.isInvalid()).isTrue();
        assertThat(recipient.getErrorMessage()).isEqualTo("This does not look like an email address.");

        _assertNone(Paragraph.class, spec -> spec.withId("transfer-confirm-text"));
        assertThat(balance(alice)).isEqualTo(10_000);
    }

    @Test
    void thePreviewCannotTellAnAddressWithoutAccountFromSomeoneElses() {
        signIn(alice.email());
        navigate("wallet");
        String nobody = uniqueEmail("nobody");

        String toBob = preview(bob.email());
        _click(_get(Button.class, spec -> spec.withText("Cancel")));
        String toNobody = preview(nobody);

        assertThat(toBob).doesNotContain("Test Person");
        assertThat(toNobody.replace(nobody, "ADDRESS")).isEqualTo(toBob.replace(bob.email(), "ADDRESS"));

        // Only sending tells, and it sends nothing to an address without an account. Karibu hands
        // the listener's exception to the test; in a browser the session's error handler shows it.
        Throwable cause = catchThrowable(() -> _click(_get(Button.class, spec -> spec.withId("transfer-confirm"))));
        while (cause != null && !(cause instanceof UserInputException)) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(UserInputException.class);
        assertThat(((UserInputException) cause).messageKey()).isEqualTo("transfer.unknownRecipient");
        assertThat(balance(alice)).isEqualTo(10_000);
        assertThat(jdbc.sql("select count(*) from transfer_misses where user_id = ?")
                        .param(alice.id())
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    /** Opens the transfer form, reviews 2,500 IRR to the address; returns the confirmation's text. */
    private static String preview(String recipient) {
        _click(_get(Button.class, spec -> spec.withId("open-transfer")));
        _setValue(_get(EmailField.class, spec -> spec.withId("transfer-recipient")), recipient);
        _setValue(_get(MoneyField.class, spec -> spec.withId("transfer-amount")), "2,500");
        _click(_get(Button.class, spec -> spec.withId("transfer-review")));
        return _get(Paragraph.class, spec -> spec.withId("transfer-confirm-text"))
                .getText();
    }

    @Test
    void aWithdrawalRequestHoldsTheMoneyAndIsListedAsWaiting() {
        signIn(alice.email());
        navigate("wallet");
        var view = _get(WalletView.class);
        assertThat(GridKt._size(view.withdrawals)).isZero();

        _click(_get(Button.class, spec -> spec.withId("open-withdrawal")));
        assertThat(_get(MoneyField.class, spec -> spec.withId("withdrawal-amount"))
                        .getHelperText())
                .startsWith("Available: 10,000 IRR.");
        _setValue(_get(MoneyField.class, spec -> spec.withId("withdrawal-amount")), "3,000");
        _click(_get(Button.class, spec -> spec.withId("withdrawal-submit")));

        assertThat(text("balance-available")).isEqualTo("7,000 IRR");
        assertThat(text("balance-posted")).isEqualTo("10,000 IRR");
        assertThat(text("balance-held")).isEqualTo("3,000 IRR");
        assertThat(GridKt._size(view.withdrawals)).isOne();
        Withdrawal request = GridKt._get(view.withdrawals, 0);
        assertThat(request.amount()).isEqualTo(3_000);
        assertThat(GridKt._getFormattedRow(view.withdrawals, 0)).contains("3,000 IRR", "Waiting for approval");
    }

    @Test
    void inPersianAmountsUsePersianDigitsAndRials() {
        signIn(alice.email());
        useLanguage(Languages.PERSIAN);
        navigate("wallet");
        var view = _get(WalletView.class);

        assertThat(text("balance-available")).isEqualTo("۱۰٬۰۰۰ ریال");
        _click(_get(Button.class, spec -> spec.withId("open-transfer")));
        _setValue(_get(EmailField.class, spec -> spec.withId("transfer-recipient")), bob.email());
        _setValue(_get(MoneyField.class, spec -> spec.withId("transfer-amount")), "۲٬۵۰۰");
        _click(_get(Button.class, spec -> spec.withId("transfer-review")));
        assertThat(_get(Paragraph.class, spec -> spec.withId("transfer-confirm-text"))
                        .getText())
                .startsWith("۲٬۵۰۰ ریال به " + bob.email())
                .endsWith("موجودی در دسترس شما ۷٬۵۰۰ ریال خواهد شد.");
        _click(_get(Button.class, spec -> spec.withId("transfer-confirm")));

        assertThat(text("balance-available")).isEqualTo("۷٬۵۰۰ ریال");
        StatementLine line = GridKt._get(view.statement.grid, 0);
        // ICU marks the sign left-to-right so it stays beside the digits in a right-to-left page
        assertThat(((Span) cell(view.statement.grid, 1, line)).getText()).isEqualTo("\u200E\u2212۲٬۵۰۰ ریال");
        assertThat(GridKt._getFormattedRow(view.statement.grid, 0)).contains("انتقال", "۷٬۵۰۰ ریال");
        assertThat(balance(bob)).isEqualTo(2_500);
    }

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

    private long balance(Person person) {
        return ledger.balance(ledger.walletOf(person.id())).posted();
    }

    private static String text(String id) {
        return _get(Span.class, spec -> spec.withId(id)).getText();
    }
}
