package app.assets.identity.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.ui.view.PublicLayout;
import app.assets.identity.service.AccountService;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Asks for an email and sends a single-use, short-lived reset link to it if it has an account. */
@Route(value = "forgot-password", layout = PublicLayout.class)
@PageTitle("Assets")
@AnonymousAllowed
public class ForgotPasswordView extends VerticalLayout {

    public ForgotPasswordView(AccountService accounts) {
        setPadding(false);
        setAlignItems(Alignment.STRETCH);
        var email = new EmailField(getTranslation("signup.email"));
        email.setId("email");
        var send = new Button(getTranslation("forgot.submit"));
        send.setId("forgot-submit");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickShortcut(Key.ENTER);
        send.addClickListener(e -> {
            try {
                accounts.requestPasswordReset(email.getValue());
                removeAll();
                var done = new Paragraph(getTranslation("forgot.done"));
                done.setId("forgot-done");
                add(
                        new H2(getTranslation("forgot.title")),
                        done,
                        new RouterLink(getTranslation("nav.toLogin"), LoginView.class));
            } catch (UserInputException ex) {
                email.setErrorMessage(getTranslation(ex.messageKey()));
                email.setInvalid(true);
            }
        });
        add(
                new H2(getTranslation("forgot.title")),
                new Paragraph(getTranslation("forgot.intro")),
                email,
                send,
                new RouterLink(getTranslation("nav.toLogin"), LoginView.class));
    }
}
