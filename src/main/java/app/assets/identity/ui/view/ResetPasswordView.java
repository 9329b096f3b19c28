package app.assets.identity.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.ui.view.PublicLayout;
import app.assets.identity.domain.User;
import app.assets.identity.service.AccountService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Sets a new password from an emailed reset link. */
@Route(value = "reset-password", layout = PublicLayout.class)
@PageTitle("Assets")
@AnonymousAllowed
public class ResetPasswordView extends VerticalLayout implements BeforeEnterObserver {

    private final AccountService accounts;

    public ResetPasswordView(AccountService accounts) {
        this.accounts = accounts;
        setPadding(false);
        setAlignItems(Alignment.STRETCH);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String token = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("token")
                .orElse("");
        add(new H2(getTranslation("reset.title")));
        if (!accounts.isResetTokenUsable(token)) {
            var invalid = new Paragraph(getTranslation("reset.invalid"));
            invalid.setId("reset-result");
            add(invalid, new RouterLink(getTranslation("forgot.title"), ForgotPasswordView.class));
            return;
        }
        var password = new PasswordField(getTranslation("reset.newPassword"));
        password.setId("new-password");
        password.setHelperText(getTranslation("signup.passwordHelp", User.PASSWORD_MIN));
        var repeat = new PasswordField(getTranslation("reset.repeat"));
        repeat.setId("repeat-password");
        var save = new Button(getTranslation("reset.submit"));
        save.setId("reset-submit");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.addClickListener(e -> {
            password.setInvalid(false);
            repeat.setInvalid(false);
            if (!password.getValue().equals(repeat.getValue())) {
                repeat.setErrorMessage(getTranslation("password.mismatch"));
                repeat.setInvalid(true);
                return;
            }
            try {
                accounts.resetPassword(token, password.getValue());
                removeAll();
                var done = new Paragraph(getTranslation("reset.done"));
                done.setId("reset-result");
                add(
                        new H2(getTranslation("reset.title")),
                        done,
                        new RouterLink(getTranslation("nav.toLogin"), LoginView.class));
            } catch (UserInputException ex) {
                password.setErrorMessage(getTranslation(ex.messageKey(), ex.arguments()));
                password.setInvalid(true);
            }
        });
        add(password, repeat, save);
    }
}
