package app.assets.identity.ui.view;

import app.assets.base.ui.view.PublicLayout;
import app.assets.identity.security.PendingLink;
import app.assets.identity.security.StaffLinkConfirmation;
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
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * The password step of linking a provider account to a staff account: the provider vouched for
 * the email, and the staff account's password, asked for once here, confirms that its owner is the
 * one linking it. The link waits in the session ({@link PendingLink}); once stored, the browser
 * goes through the provider again and signs in as on any later day.
 */
@Route(value = PendingLink.ROUTE, layout = PublicLayout.class)
@PageTitle("Assets")
@AnonymousAllowed
public class LinkAccountView extends VerticalLayout implements BeforeEnterObserver {

    private final StaffLinkConfirmation confirmation;
    private final ObjectProvider<ClientRegistrationRepository> clients;

    public LinkAccountView(StaffLinkConfirmation confirmation, ObjectProvider<ClientRegistrationRepository> clients) {
        this.confirmation = confirmation;
        this.clients = clients;
        setPadding(false);
        setAlignItems(Alignment.STRETCH);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        add(new H2(getTranslation("link.title")));
        var session = VaadinSession.getCurrent().getSession();
        if (!(session.getAttribute(PendingLink.SESSION_KEY) instanceof PendingLink link)
                || !confirmation.isUsable(link)) {
            session.removeAttribute(PendingLink.SESSION_KEY);
            var expired = new Paragraph(getTranslation("link.expired"));
            expired.setId("link-expired");
            add(expired, new RouterLink(getTranslation("nav.toLogin"), LoginView.class));
            return;
        }
        var intro = new Paragraph(getTranslation("link.intro", link.email(), providerName(link.provider())));
        intro.setId("link-intro");
        var password = new PasswordField(getTranslation("link.password"));
        password.setId("link-password");
        var confirm = new Button(getTranslation("link.confirm"));
        confirm.setId("link-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickShortcut(Key.ENTER);
        confirm.addClickListener(e -> {
            try {
                confirmation.confirm(
                        link, password.getValue(), VaadinRequest.getCurrent().getRemoteAddr());
            } catch (AuthenticationException ex) {
                password.clear();
                password.setErrorMessage(getTranslation(LoginView.errorKey(ex)));
                password.setInvalid(true);
                return;
            }
            session.removeAttribute(PendingLink.SESSION_KEY);
            // Through the provider once more: the stored link now signs in like any later sign-in.
            getUI().ifPresent(ui -> ui.getPage().setLocation("/oauth2/authorization/" + link.provider()));
        });
        add(intro, password, confirm, new RouterLink(getTranslation("common.cancel"), LoginView.class));
    }

    private String providerName(String registrationId) {
        ClientRegistrationRepository repository = clients.getIfAvailable();
        ClientRegistration registration = repository == null ? null : repository.findByRegistrationId(registrationId);
        return registration == null ? registrationId : registration.getClientName();
    }
}
