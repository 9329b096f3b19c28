package app.assets.identity.ui.view;

import static com.github.mvysny.kaributesting.v10.HasValidationUtilsKt._expectInvalid;
import static com.github.mvysny.kaributesting.v10.HasValidationUtilsKt._expectValid;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.identity.service.AccountService;
import app.assets.support.KaribuTest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ProfileViewTest extends KaribuTest {

    private static final String PASSWORD = "a-long-unusual-passphrase";

    @Autowired
    AccountService accounts;

    private long userId;

    @BeforeEach
    void signedInAsAFreshUser() {
        String email = "profile." + System.nanoTime() + "@example.com";
        userId = accounts.signUp(new AccountService.SignUp(email, PASSWORD, "Profile Owner", null, Locale.ENGLISH));
        signIn(email);
        navigate("profile");
    }

    @Test
    void savesNameAndPhone() {
        _setValue(field("display-name"), "Renamed Owner");
        _setValue(field("phone"), "+98 912 111 2233");
        _click(button("profile-save"));
        expectNotifications("Profile saved");
        var profile = accounts.profile(userId);
        assertThat(profile.displayName()).isEqualTo("Renamed Owner");
        assertThat(profile.phone()).isEqualTo("+989121112233");
    }

    @Test
    void anInvalidPhoneIsShownOnTheFieldAndNothingIsSaved() {
        _setValue(field("display-name"), "Should Not Stick");
        _setValue(field("phone"), "12345");
        _click(button("profile-save"));
        _expectInvalid(field("phone"), "Enter the phone number in international format, for example +989121234567.");
        _expectValid(field("display-name"));
        assertThat(accounts.profile(userId).displayName()).isEqualTo("Profile Owner");
    }

    @Test
    void aWrongCurrentPasswordIsRefused() {
        _setValue(password("current-password"), "not-my-password-at-all");
        _setValue(password("new-password"), "a-brand-new-passphrase");
        _setValue(password("repeat-password"), "a-brand-new-passphrase");
        _click(button("change-password"));
        _expectInvalid(password("current-password"), "The current password is not right.");
    }

    private static TextField field(String id) {
        return _get(TextField.class, spec -> spec.withId(id));
    }

    private static PasswordField password(String id) {
        return _get(PasswordField.class, spec -> spec.withId(id));
    }

    private static Button button(String id) {
        return _get(Button.class, spec -> spec.withId(id));
    }
}
