package app.assets;

import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import app.assets.base.error.UserInputException;
import app.assets.identity.service.AccountService;
import app.assets.ledger.Ledger;
import app.assets.listing.ListingCategory;
import app.assets.listing.service.ListingService;
import app.assets.support.IntegrationTest;
import app.assets.support.TestFunds;
import app.assets.support.TestUsers;
import app.assets.wallet.service.WalletService;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What a visitor types is stored without control characters: one-line fields (names, titles,
 * notes) without line breaks either, multi-line fields (descriptions, reasons) with plain LF line
 * breaks only. Hostile input here carries CR LF, a made-up log line, NUL, BEL and an ANSI escape.
 */
class TypedTextStorageTest extends IntegrationTest {

    static final String FORGED =
            "\r\n2026-01-01T00:00:00.000Z  INFO 1 --- [main] app.assets.Audit : admin granted ADMIN";

    @Autowired
    AccountService accounts;

    @Autowired
    ListingService listings;

    @Autowired
    WalletService wallet;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void namesTitlesAndNotesAreStoredOnOneLineAndDescriptionsWithPlainLineBreaks() {
        String email = uniqueEmail("typist");
        long id = accounts.signUp(
                new AccountService.SignUp(email, TestUsers.PASSWORD, "Eve" + FORGED + "\u0000", null, Locale.ENGLISH));
        assertThat(column("select display_name from users where id = ?", id))
                .isEqualTo("Eve 2026-01-01T00:00:00.000Z  INFO 1 --- [main] app.assets.Audit : admin granted ADMIN");
        accounts.updateProfile(id, "Eve\tThe\u001b[31mRed\u0007", null, "en");
        assertThat(column("select display_name from users where id = ?", id)).isEqualTo("Eve The[31mRed");

        jdbc.sql("update users set email_verified = true where id = ?")
                .param(id)
                .update();
        actAs(email);
        long listing = listings.create(new ListingService.ListingForm(
                "Camera" + FORGED,
                ListingCategory.CAMERA,
                "First line\r\nSecond line\rThird\u0000 line\u2028Fourth",
                1_000L));
        assertThat(column("select title from listings where id = ?", listing))
                .doesNotContain("\r", "\n")
                .startsWith("Camera 2026-01-01");
        assertThat(column("select description from listings where id = ?", listing))
                .isEqualTo("First line\nSecond line\nThird line\nFourth");

        TestFunds.fund(ledger, id, 5_000);
        String friend = uniqueEmail("friend");
        new TestUsers(accounts, jdbc).verified(friend);
        long transfer = wallet.transfer(UUID.randomUUID(), friend, 1_000L, "Thanks" + FORGED);
        assertThat(column("select description from ledger_transactions where id = ?", transfer))
                .doesNotContain("\r", "\n")
                .startsWith("Thanks 2026-01-01");
    }

    @Test
    void anEmailWithAControlCharacterIsRefused() {
        var refused = catchThrowableOfType(
                UserInputException.class,
                () -> accounts.signUp(new AccountService.SignUp(
                        "eve\u0000@example.com", TestUsers.PASSWORD, "Eve", null, Locale.ENGLISH)));

        assertThat(refused).isNotNull();
        assertThat(refused.messageKey()).isEqualTo("email.invalid");
    }

    private String column(String sql, long id) {
        return jdbc.sql(sql).param(id).query(String.class).single();
    }
}
