package app.assets.identity.ui.view;

import static com.github.mvysny.kaributesting.v10.HasValidationUtilsKt._expectInvalid;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.identity.service.AccountService;
import app.assets.support.KaribuTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

class ResetPasswordViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void anInvalidTokenSaysSoAndOffersNoPasswordFields() {
        navigate("reset-password?token=made-up");
        assertThat(result())
                .isEqualTo(
                        "This reset link is not valid any more: it was used, has expired, or is incomplete. Ask for a new one.");
        _assertNone(PasswordField.class);
    }

    @Test
    void theEmailedLinkSetsANewPassword() {
        String email = "reset.flow@example.com";
        long id = accounts.signUp(
                new AccountService.SignUp(email, "a-long-unusual-passphrase", "Reset Flow", null, Locale.ENGLISH));
        accounts.requestPasswordReset(email);
        navigate(TokenLinks.latestLink(jdbc, email, "reset-password"));

        var password = _get(PasswordField.class, spec -> spec.withId("new-password"));
        var repeat = _get(PasswordField.class, spec -> spec.withId("repeat-password"));
        _setValue(password, "another-unusual-passphrase");
        _setValue(repeat, "something-else-entirely");
        _click(_get(Button.class, spec -> spec.withId("reset-submit")));
        _expectInvalid(repeat, "The two passwords are not the same.");

        _setValue(repeat, "another-unusual-passphrase");
        _click(_get(Button.class, spec -> spec.withId("reset-submit")));
        assertThat(result()).isEqualTo("Your password is changed. Sign in with the new one.");
        String hash = jdbc.sql("select password_hash from users where id = ?")
                .param(id)
                .query(String.class)
                .single();
        assertThat(encoder.matches("another-unusual-passphrase", hash)).isTrue();
    }

    private static String result() {
        return _get(Paragraph.class, spec -> spec.withId("reset-result")).getText();
    }
}
