package app.assets.identity.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Languages;
import app.assets.base.ui.component.LanguageSwitch;
import app.assets.base.ui.component.Toasts;
import app.assets.identity.CurrentUser;
import app.assets.identity.domain.User;
import app.assets.identity.service.AccountService;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.Map;

/** Everyone's own profile: name, phone, language, and a password change. */
@Route("profile")
@PageTitle("Assets")
@Menu(order = 90, icon = "vaadin:user", title = "nav.profile")
@PermitAll
public class ProfileView extends VerticalLayout {

    public ProfileView(AccountService accounts, CurrentUser currentUser) {
        addClassName("page");
        setMaxWidth("48rem");
        long userId = currentUser.require().id();
        var profile = accounts.profile(userId);

        var email = new TextField(getTranslation("signup.email"));
        email.setValue(profile.email());
        email.setReadOnly(true);
        var name = new TextField(getTranslation("signup.displayName"));
        name.setId("display-name");
        name.setMaxLength(User.DISPLAY_NAME_MAX);
        name.setValue(profile.displayName());
        var phone = new TextField(getTranslation("signup.phone"));
        phone.setId("phone");
        phone.setHelperText(getTranslation("signup.phoneHelp"));
        phone.setValue(profile.phone() == null ? "" : profile.phone());
        var language = new Select<String>();
        language.setId("language");
        language.setLabel(getTranslation("profile.language"));
        language.setItems("en", "fa");
        language.setItemLabelGenerator(l -> "fa".equals(l) ? "فارسی" : "English");
        language.setValue(profile.language());
        var profileMessage = Forms.formMessage();
        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("displayName.", name);
        fields.put("phone.", phone);
        var save = new Button(getTranslation("profile.save"), e -> {
            Forms.clear(fields, profileMessage);
            try {
                accounts.updateProfile(userId, name.getValue(), phone.getValue(), language.getValue());
                if (!language.getValue().equals(getLocale().getLanguage())) {
                    LanguageSwitch.remember(Languages.of(language.getValue()));
                    getUI().ifPresent(ui -> ui.getPage().reload());
                } else {
                    Toasts.success(getTranslation("profile.saved"));
                }
            } catch (UserInputException ex) {
                Forms.showError(this, ex, fields, profileMessage);
            }
        });
        save.setId("profile-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var profileForm = new FormLayout(email, name, phone, language);

        var current = new PasswordField(getTranslation("profile.currentPassword"));
        current.setId("current-password");
        var next = new PasswordField(getTranslation("reset.newPassword"));
        next.setId("new-password");
        next.setHelperText(getTranslation("signup.passwordHelp", User.PASSWORD_MIN));
        var repeat = new PasswordField(getTranslation("reset.repeat"));
        repeat.setId("repeat-password");
        var passwordMessage = Forms.formMessage();
        Map<String, HasValidation> passwordFields = new LinkedHashMap<>();
        passwordFields.put("password.currentWrong", current);
        passwordFields.put("password.", next);
        var change = new Button(getTranslation("profile.changePassword"), e -> {
            Forms.clear(passwordFields, passwordMessage);
            repeat.setInvalid(false);
            if (!next.getValue().equals(repeat.getValue())) {
                repeat.setErrorMessage(getTranslation("password.mismatch"));
                repeat.setInvalid(true);
                return;
            }
            try {
                accounts.changePassword(userId, current.getValue(), next.getValue());
                current.clear();
                next.clear();
                repeat.clear();
                Toasts.success(getTranslation("profile.passwordChanged"));
            } catch (UserInputException ex) {
                Forms.showError(this, ex, passwordFields, passwordMessage);
            }
        });
        change.setId("change-password");
        var passwordForm = new FormLayout(current, next, repeat);

        add(
                new H2(getTranslation("nav.profile")),
                profileForm,
                profileMessage,
                save,
                new H3(getTranslation("profile.password")),
                passwordForm,
                passwordMessage,
                change,
                new Paragraph(getTranslation("profile.phoneNote")));
    }
}
