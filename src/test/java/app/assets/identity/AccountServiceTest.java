package app.assets.identity;

import app.assets.base.error.UserInputException;
import app.assets.identity.service.AccountService;
import app.assets.support.IntegrationTest;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountServiceTest extends IntegrationTest {

    @Autowired
    AccountService accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void signUpStoresAnUnverifiedUserAndEmailsAVerificationLink() {
        long id = accounts.signUp(new AccountService.SignUp("New.Person@Example.com", "a-long-unusual-passphrase",
                "New Person", "+989121234567", Locale.ENGLISH));
        assertThat(jdbc.sql("select email_verified from users where id = ?").param(id).query(Boolean.class).single()).isFalse();
        String body = jdbc.sql("select body from captured_mail where recipient = ? order by id desc limit 1")
                .param("new.person@example.com").query(String.class).single();
        assertThat(body).contains("/verify-email?token=");
    }

    @Test
    void duplicateEmailIsRefusedAndLeavesNothingBehind() {
        int before = jdbc.sql("select count(*) from users").query(Integer.class).single();
        assertThatThrownBy(() -> accounts.signUp(new AccountService.SignUp("ADMIN@assets.local", "a-long-unusual-passphrase",
                "Someone", null, Locale.ENGLISH)))
                .isInstanceOf(UserInputException.class).hasMessageContaining("signup.emailTaken");
        assertThat(jdbc.sql("select count(*) from users").query(Integer.class).single()).isEqualTo(before);
    }
}
