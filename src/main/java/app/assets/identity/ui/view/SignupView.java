package app.assets.identity.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.ui.view.PublicLayout;
import app.assets.identity.domain.User;
import app.assets.identity.service.AccountService;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sign-up: email, password, display name and an optional phone number; then a verification email. */
@Route(value = "signup", layout = PublicLayout.class)
@PageTitle("Assets")
@AnonymousAllowed
public class SignupView extends VerticalLayout {

    final EmailField email = new EmailField();
    final PasswordField password = new PasswordField();
    final TextField displayName = new TextField();
    final TextField phone = new TextField();
    final Button submit = new Button();
    private final Paragraph message = Forms.formMessage();

    public SignupView(AccountService accounts) {
        setPadding(false);
        setAlignItems(Alignment.STRETCH);
        email.setLabel(getTranslation("signup.email"));
        email.setId("email");
        email.setMaxLength(User.EMAIL_MAX);
        email.setRequiredIndicatorVisible(true);
        password.setLabel(getTranslation("signup.password"));
        password.setId("password");
        password.setHelperText(getTranslation("signup.passwordHelp", User.PASSWORD_MIN));
        password.setMaxLength(User.PASSWORD_MAX);
        password.setRequiredIndicatorVisible(true);
        displayName.setLabel(getTranslation("signup.displayName"));
        displayName.setId("display-name");
        displayName.setMaxLength(User.DISPLAY_NAME_MAX);
        displayName.setRequiredIndicatorVisible(true);
        phone.setLabel(getTranslation("signup.phone"));
        phone.setId("phone");
        phone.setHelperText(getTranslation("signup.phoneHelp"));
        submit.setText(getTranslation("signup.submit"));
        submit.setId("signup-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);

        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("email.", email);
        fields.put("password.", password);
        fields.put("displayName.", displayName);
        fields.put("phone.", phone);
        submit.addClickListener(e -> {
            Forms.clear(fields, message);
            try {
                accounts.signUp(new AccountService.SignUp(
                        email.getValue(), password.getValue(), displayName.getValue(), phone.getValue(), getLocale()));
                removeAll();
                var done = new Paragraph(
                        getTranslation("signup.done", email.getValue().trim()));
                done.setId("signup-done");
                add(
                        new H2(getTranslation("signup.doneTitle")),
                        done,
                        new RouterLink(getTranslation("nav.toLogin"), LoginView.class));
            } catch (UserInputException ex) {
                Forms.showError(this, ex, fields, message);
            }
        });
        add(
                new H2(getTranslation("signup.title")),
                email,
                password,
                displayName,
                phone,
                message,
                submit,
                new RouterLink(getTranslation("nav.toLogin"), LoginView.class));
    }
}
