package app.assets.identity.ui.view;

import app.assets.base.ui.view.PublicLayout;
import app.assets.identity.security.AccountHeldBackException;
import app.assets.identity.security.LoginThrottledException;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;

/**
 * Sign-in: email and password (Vaadin's LoginForm posting to Spring Security), remember me, and a
 * button for each configured external provider.
 */
@Route(value = "login", layout = PublicLayout.class)
@PageTitle("Assets")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();
    private final AuthenticationContext authentication;

    public LoginView(AuthenticationContext authentication, ObjectProvider<ClientRegistrationRepository> clients) {
        this.authentication = authentication;
        setPadding(false);
        setAlignItems(Alignment.STRETCH);
        form.setAction("login");
        form.setI18n(i18n(null));
        form.addForgotPasswordListener(e -> getUI().ifPresent(ui -> ui.navigate(ForgotPasswordView.class)));
        var remember = new Checkbox(getTranslation("login.rememberMe"));
        remember.setId("remember-me");
        remember.addValueChangeListener(e -> getElement()
                .executeJs(
                        "document.cookie = 'assets-remember=' + ($0 ? '1' : '0') + '; path=/; SameSite=Lax'",
                        e.getValue()));
        add(form, remember);

        var providers = new Div();
        providers.addClassName("oauth-providers");
        if (clients.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object o : registrations) {
                var registration = (ClientRegistration) o;
                var link = new Anchor(
                        "/oauth2/authorization/" + registration.getRegistrationId(),
                        getTranslation("login.with", registration.getClientName()));
                link.setRouterIgnore(true);
                link.addClassName("oauth-link");
                link.setId("oauth-" + registration.getRegistrationId());
                providers.add(new Div(link));
            }
        }
        if (providers.getComponentCount() > 0) {
            add(new Span(getTranslation("login.orWith")), providers);
        }
        var signup = new RouterLink(getTranslation("login.signUp"), SignupView.class);
        signup.setId("to-signup");
        add(signup);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authentication.isAuthenticated()) {
            event.forwardTo("");
            return;
        }
        var params = event.getLocation().getQueryParameters().getParameters();
        if (params.containsKey("error")) {
            Object last = VaadinSession.getCurrent().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            String key = errorKey(last);
            form.setI18n(i18n(key));
            form.setError(true);
        }
    }

    /** The message for a failed sign-in, by the exception Spring Security kept in the session. */
    static String errorKey(Object failure) {
        if (failure instanceof OAuth2AuthenticationException oauth) {
            // ExternalSignIn puts the message key of why it refused a provider's sign-in in the description.
            String description = oauth.getError().getDescription();
            return description != null && (description.startsWith("oauth.") || description.startsWith("login.error."))
                    ? description
                    : "oauth.failed";
        }
        return failure instanceof AccountHeldBackException
                ? "login.error.heldBack"
                : failure instanceof LoginThrottledException
                        ? "login.error.throttled"
                        : failure instanceof LockedException
                                ? "login.error.locked"
                                : failure instanceof DisabledException
                                        ? "login.error.unverified"
                                        : "login.error.credentials";
    }

    private LoginI18n i18n(String errorKey) {
        var i18n = LoginI18n.createDefault();
        var f = i18n.getForm();
        f.setTitle(getTranslation("login.title"));
        f.setUsername(getTranslation("login.email"));
        f.setPassword(getTranslation("login.password"));
        f.setSubmit(getTranslation("login.submit"));
        f.setForgotPassword(getTranslation("login.forgot"));
        var error = i18n.getErrorMessage();
        error.setTitle(getTranslation("login.error.title"));
        error.setMessage(getTranslation(errorKey == null ? "login.error.credentials" : errorKey));
        error.setUsername(getTranslation("email.required"));
        error.setPassword(getTranslation("password.required"));
        return i18n;
    }
}
