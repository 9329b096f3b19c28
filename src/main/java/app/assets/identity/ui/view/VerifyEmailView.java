package app.assets.identity.ui.view;

import app.assets.base.error.UserInputException;
import app.assets.base.ui.view.PublicLayout;
import app.assets.identity.service.AccountService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Opens the emailed verification link; a used or expired link can ask for a new one. */
@Route(value = "verify-email", layout = PublicLayout.class)
@PageTitle("Assets")
@AnonymousAllowed
public class VerifyEmailView extends VerticalLayout implements BeforeEnterObserver {

    private final AccountService accounts;

    public VerifyEmailView(AccountService accounts) {
        this.accounts = accounts;
        setPadding(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String token = event.getLocation()
                .getQueryParameters()
                .getSingleParameter("token")
                .orElse("");
        add(new H2(getTranslation("verify.title")));
        try {
            accounts.verifyEmail(token);
            var ok = new Paragraph(getTranslation("verify.done"));
            ok.setId("verify-result");
            add(ok, new RouterLink(getTranslation("nav.toLogin"), LoginView.class));
        } catch (UserInputException e) {
            var failed = new Paragraph(getTranslation(e.messageKey()));
            failed.setId("verify-result");
            var email = new EmailField(getTranslation("signup.email"));
            var resend = new Button(getTranslation("verify.resend"), click -> {
                try {
                    accounts.resendVerification(email.getValue());
                    removeAll();
                    add(new Paragraph(getTranslation("verify.resent")));
                } catch (UserInputException ex) {
                    email.setErrorMessage(getTranslation(ex.messageKey()));
                    email.setInvalid(true);
                }
            });
            add(failed, email, resend);
        }
    }
}
