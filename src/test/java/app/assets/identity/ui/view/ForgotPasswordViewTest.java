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
import com.vaadin.flow.component.textfield.EmailField;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ForgotPasswordViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMalformedEmailIsShownOnTheField() {
        navigate("forgot-password");
        submit("nobody-at-all");
        _expectInvalid(
                _get(EmailField.class, spec -> spec.withId("email")), "This does not look like an email address.");
        _assertNone(Paragraph.class, spec -> spec.withId("forgot-done"));
    }

    @Test
    void aKnownEmailGetsAResetLink() {
        String email = "forgot.known@example.com";
        accounts.signUp(
                new AccountService.SignUp(email, "a-long-unusual-passphrase", "Forgot Known", null, Locale.ENGLISH));
        navigate("forgot-password");
        submit(email);
        assertThat(done()).startsWith("If an account uses that email");
        assertThat(TokenLinks.latestLink(jdbc, email, "reset-password")).startsWith("reset-password?token=");
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerAndNoMail() {
        String email = "forgot.unknown@example.com";
        navigate("forgot-password");
        submit(email);
        assertThat(done()).startsWith("If an account uses that email");
        assertThat(jdbc.sql("select count(*) from notifications where recipient = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aRegisteredAndAnUnknownAddressGetTheSamePage() {
        String registered = "forgot.same.known@example.com";
        accounts.signUp(new AccountService.SignUp(
                registered, "a-long-unusual-passphrase", "Forgot Same", null, Locale.ENGLISH));
        String unknown = "forgot.same.unknown@example.com";

        navigate("forgot-password");
        submit(registered);
        String toRegistered = _get(ForgotPasswordView.class).getElement().getTextRecursively();
        navigate("login");
        navigate("forgot-password");
        submit(unknown);
        String toUnknown = _get(ForgotPasswordView.class).getElement().getTextRecursively();

        assertThat(toUnknown).isEqualTo(toRegistered).contains("If an account uses that email");
        _assertNone(EmailField.class);
    }

    private static void submit(String email) {
        _setValue(_get(EmailField.class, spec -> spec.withId("email")), email);
        _click(_get(Button.class, spec -> spec.withId("forgot-submit")));
    }

    private static String done() {
        return _get(Paragraph.class, spec -> spec.withId("forgot-done")).getText();
    }
}
