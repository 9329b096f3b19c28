package app.assets.identity.ui.view;

import static com.github.mvysny.kaributesting.v10.HasValidationUtilsKt._expectInvalid;
import static com.github.mvysny.kaributesting.v10.HasValidationUtilsKt._expectValid;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.i18n.Languages;
import app.assets.base.i18n.Messages;
import app.assets.identity.domain.User;
import app.assets.support.KaribuTest;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SignupViewTest extends KaribuTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Messages messages;

    @Test
    void badEmailAndShortPasswordAreShownOnTheirFieldsInEnglish() {
        navigate("signup");
        var view = _get(SignupView.class);
        fill(view, "not-an-email", "a-long-unusual-passphrase");
        _expectInvalid(view.email, "This does not look like an email address.");

        fill(view, "short.password@example.com", "short");
        _expectValid(view.email);
        _expectInvalid(view.password, "The password needs at least " + User.PASSWORD_MIN + " characters.");
        assertThat(countUsers("short.password@example.com")).isZero();
    }

    @Test
    void inPersianTheFormIsRightToLeftAndItsErrorsArePersian() {
        useLanguage(Languages.PERSIAN);
        navigate("signup");
        assertThat(ui().getLocale().getLanguage()).isEqualTo("fa");
        assertThat(documentDirection()).isEqualTo("rtl");
        var view = _get(SignupView.class);
        assertThat(_get(H2.class).getText()).isEqualTo(fa("signup.title"));
        assertThat(view.email.getLabel()).isEqualTo("ایمیل");

        fill(view, "not-an-email", "a-long-unusual-passphrase");
        _expectInvalid(view.email, fa("email.invalid"));
        assertThat(view.email.getErrorMessage()).isEqualTo("این نشانی ایمیل معتبر به نظر نمی‌رسد.");

        fill(view, "persian.short@example.com", "short");
        _expectInvalid(
                view.password, messages.getTranslation("password.tooShort", Languages.PERSIAN, User.PASSWORD_MIN));
        assertThat(view.password.getErrorMessage()).startsWith("گذرواژه باید دست‌کم");
    }

    @Test
    void englishIsLeftToRight() {
        useLanguage(Languages.ENGLISH);
        navigate("signup");
        assertThat(ui().getLocale()).isEqualTo(Locale.ENGLISH);
        assertThat(documentDirection()).isEqualTo("ltr");
    }

    @Test
    void successSaysCheckYourEmailAndSendsTheVerificationLink() {
        navigate("signup");
        var view = _get(SignupView.class);
        fill(view, "  Signup.Success@Example.com ", "a-long-unusual-passphrase");
        var done = _get(Paragraph.class, spec -> spec.withId("signup-done"));
        assertThat(done.getText()).contains("Signup.Success@Example.com");
        assertThat(countUsers("signup.success@example.com")).isOne();
        assertThat(jdbc.sql(
                                "select count(*) from notifications where recipient = ? and body like '%/verify-email?token=%'")
                        .param("signup.success@example.com")
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    private static void fill(SignupView view, String email, String password) {
        _setValue(view.email, email);
        _setValue(view.password, password);
        _setValue(view.displayName, "Test Person");
        _click(view.submit);
    }

    private int countUsers(String email) {
        return jdbc.sql("select count(*) from users where lower(email) = ?")
                .param(email)
                .query(Integer.class)
                .single();
    }

    private String fa(String key) {
        return messages.getTranslation(key, Languages.PERSIAN);
    }
}
