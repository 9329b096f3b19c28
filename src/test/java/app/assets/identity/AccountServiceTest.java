package app.assets.identity;

import static app.assets.support.TestUsers.PASSWORD;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.error.UserInputException;
import app.assets.identity.service.AccountService;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

class AccountServiceTest extends IntegrationTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwordEncoder;

    TestUsers users;

    @BeforeEach
    void setUp() {
        users = new TestUsers(accounts, jdbc);
    }

    @Test
    void signUpStoresAnUnverifiedUserAndEmailsAVerificationLink() {
        long id = accounts.signUp(new AccountService.SignUp(
                "New.Person@Example.com", "a-long-unusual-passphrase", "New Person", "+989121234567", Locale.ENGLISH));
        assertThat(jdbc.sql("select email_verified from users where id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        String body = jdbc.sql("select body from notifications where recipient = ? order by id desc limit 1")
                .param("new.person@example.com")
                .query(String.class)
                .single();
        assertThat(body).contains("/verify-email?token=");
    }

    @Test
    void signingUpWithARegisteredAddressRevealsNothingCreatesNothingAndMailsTheOwnerAResetLink() {
        String email = uniqueEmail("registered");
        long owner = users.verified(email);
        int before = jdbc.sql("select count(*) from users").query(Integer.class).single();

        long answer = accounts.signUp(new AccountService.SignUp(
                email.toUpperCase(Locale.ROOT), "a-long-unusual-passphrase", "Someone", null, Locale.ENGLISH));

        assertThat(answer)
                .as("no error a stranger could tell apart from a new sign-up")
                .isEqualTo(owner);
        assertThat(jdbc.sql("select count(*) from users").query(Integer.class).single())
                .isEqualTo(before);
        assertThat(users.lastToken(email, "/reset-password"))
                .as("the owner can reset their password")
                .isNotBlank();
    }

    @Test
    void verificationLinkWorksOnce() {
        String email = uniqueEmail("verify");
        long id = users.unverified(email);
        String token = users.lastToken(email, "/verify-email");

        accounts.verifyEmail(token);
        assertThat(emailVerified(id)).isTrue();

        assertThatThrownBy(() -> accounts.verifyEmail(token))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("token.used");
    }

    @Test
    void expiredVerificationLinkIsRefusedAndLeavesTheAccountUnverified() {
        String email = uniqueEmail("late");
        long id = users.unverified(email);
        String token = users.lastToken(email, "/verify-email");
        expireLinks(id, "VERIFY_EMAIL");

        assertThatThrownBy(() -> accounts.verifyEmail(token))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("token.expired");
        assertThat(emailVerified(id)).isFalse();
    }

    @Test
    void anUnknownVerificationLinkIsRefused() {
        assertThatThrownBy(() -> accounts.verifyEmail("not-a-token-we-sent"))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("token.invalid");
    }

    @Test
    void resendingVerificationMakesTheEarlierLinkUnusable() {
        String email = uniqueEmail("resend");
        long id = users.unverified(email);
        String first = users.lastToken(email, "/verify-email");
        accounts.resendVerification(email);
        String second = users.lastToken(email, "/verify-email");

        assertThat(second).isNotEqualTo(first);
        assertThatThrownBy(() -> accounts.verifyEmail(first)).isInstanceOf(UserInputException.class);
        accounts.verifyEmail(second);
        assertThat(emailVerified(id)).isTrue();
    }

    @Test
    void resetLinkSetsTheNewPasswordAndWorksOnce() {
        String email = uniqueEmail("reset");
        long id = users.verified(email);
        accounts.requestPasswordReset(email);
        String token = users.lastToken(email, "/reset-password");
        assertThat(accounts.isResetTokenUsable(token)).isTrue();

        accounts.resetPassword(token, "another-long-passphrase");

        assertThat(passwordEncoder.matches("another-long-passphrase", passwordHash(id)))
                .isTrue();
        assertThat(accounts.isResetTokenUsable(token)).isFalse();
        assertThatThrownBy(() -> accounts.resetPassword(token, "yet-another-passphrase"))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("token.used");
        assertThat(passwordEncoder.matches("another-long-passphrase", passwordHash(id)))
                .isTrue();
    }

    @Test
    void expiredResetLinkIsRefusedAndKeepsTheOldPassword() {
        String email = uniqueEmail("slow");
        long id = users.verified(email);
        accounts.requestPasswordReset(email);
        String token = users.lastToken(email, "/reset-password");
        expireLinks(id, "RESET_PASSWORD");

        assertThat(accounts.isResetTokenUsable(token)).isFalse();
        assertThatThrownBy(() -> accounts.resetPassword(token, "another-long-passphrase"))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("token.expired");
        assertThat(passwordEncoder.matches(PASSWORD, passwordHash(id))).isTrue();
    }

    @Test
    void resetRefusesAWeakPasswordAndLeavesTheLinkUsable() {
        String email = uniqueEmail("weak");
        long id = users.verified(email);
        accounts.requestPasswordReset(email);
        String token = users.lastToken(email, "/reset-password");

        assertThatThrownBy(() -> accounts.resetPassword(token, "short"))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("password.tooShort");
        assertThat(accounts.isResetTokenUsable(token)).isTrue();
        assertThat(passwordEncoder.matches(PASSWORD, passwordHash(id))).isTrue();

        accounts.resetPassword(token, "a-strong-new-passphrase");
        assertThat(passwordEncoder.matches("a-strong-new-passphrase", passwordHash(id)))
                .isTrue();
    }

    @Test
    void resetForAnUnknownEmailSendsNothing() {
        int mails = jdbc.sql("select count(*) from notifications")
                .query(Integer.class)
                .single();
        accounts.requestPasswordReset("nobody-" + uniqueEmail("x"));
        assertThat(jdbc.sql("select count(*) from notifications")
                        .query(Integer.class)
                        .single())
                .isEqualTo(mails);
    }

    @Test
    void passwordPolicyRefusesShortCommonAndEmailLikePasswords() {
        String email = uniqueEmail("policy");
        assertThat(signUpRefusal(email, "nine-char")).isEqualTo("password.tooShort");
        assertThat(signUpRefusal(email, "x".repeat(129))).isEqualTo("password.tooLong");
        assertThat(signUpRefusal(email, "MyPassword123")).isEqualTo("password.common");
        assertThat(signUpRefusal(email, email.toUpperCase(Locale.ROOT))).isEqualTo("password.likeEmail");
        assertThat(signUpRefusal(email, "   ")).isEqualTo("password.required");
        assertThat(jdbc.sql("select count(*) from users where email = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void malformedInputsAreRefusedWithTheirMessageKeys() {
        assertThat(signUpRefusal(new AccountService.SignUp("not-an-email", PASSWORD, "Name", null, Locale.ENGLISH)))
                .isEqualTo("email.invalid");
        assertThat(signUpRefusal(new AccountService.SignUp(" ", PASSWORD, "Name", null, Locale.ENGLISH)))
                .isEqualTo("email.required");
        assertThat(signUpRefusal(
                        new AccountService.SignUp(uniqueEmail("phone"), PASSWORD, "Name", "0912 123", Locale.ENGLISH)))
                .isEqualTo("phone.invalid");
        assertThat(signUpRefusal(new AccountService.SignUp(uniqueEmail("name"), PASSWORD, "   ", null, Locale.ENGLISH)))
                .isEqualTo("displayName.required");
        assertThat(signUpRefusal(new AccountService.SignUp(
                        uniqueEmail("long"), PASSWORD, "n".repeat(101), null, Locale.ENGLISH)))
                .isEqualTo("displayName.tooLong");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne() {
        String email = uniqueEmail("change");
        long id = users.verified(email);

        assertThatThrownBy(() -> accounts.changePassword(id, "not-the-current-one", "a-brand-new-passphrase"))
                .isInstanceOf(UserInputException.class)
                .extracting(e -> ((UserInputException) e).messageKey())
                .isEqualTo("password.currentWrong");
        assertThat(passwordEncoder.matches(PASSWORD, passwordHash(id))).isTrue();
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'password.change' and outcome = 'FAILURE' and entity_id = ?")
                        .param(String.valueOf(id))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        accounts.changePassword(id, PASSWORD, "a-brand-new-passphrase");
        assertThat(passwordEncoder.matches("a-brand-new-passphrase", passwordHash(id)))
                .isTrue();
    }

    @Test
    void profilePhoneIsEncryptedAtRestAndReadBackInPlain() {
        String email = uniqueEmail("profile");
        long id = users.verified(email);

        accounts.updateProfile(id, "Renamed Person", "+98 912 765 4321", "fa");

        String stored = jdbc.sql("select phone_encrypted from users where id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(stored).isNotBlank().doesNotContain("9127654321").doesNotContain("765");
        var profile = accounts.profile(id);
        assertThat(profile.phone()).isEqualTo("+989127654321");
        assertThat(profile.displayName()).isEqualTo("Renamed Person");
        assertThat(profile.language()).isEqualTo("fa");
    }

    @Test
    void persianDigitsInAPhoneNumberAreAccepted() {
        long id = users.verified(uniqueEmail("digits"));
        accounts.updateProfile(id, "Persian Digits", "+۹۸۹۱۲۱۲۳۴۵۶۷", null);
        assertThat(accounts.profile(id).phone()).isEqualTo("+989121234567");
    }

    private String signUpRefusal(String email, String password) {
        return signUpRefusal(new AccountService.SignUp(email, password, "Policy Person", null, Locale.ENGLISH));
    }

    private String signUpRefusal(AccountService.SignUp form) {
        try {
            accounts.signUp(form);
        } catch (UserInputException e) {
            return e.messageKey();
        }
        throw new AssertionError("sign-up was accepted: " + form.email());
    }

    private boolean emailVerified(long id) {
        return jdbc.sql("select email_verified from users where id = ?")
                .param(id)
                .query(Boolean.class)
                .single();
    }

    private String passwordHash(long id) {
        return jdbc.sql("select password_hash from users where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private void expireLinks(long userId, String purpose) {
        jdbc.sql("update user_tokens set expires_at = now() - interval '1 minute' where user_id = ? and purpose = ?")
                .params(userId, purpose)
                .update();
    }
}
