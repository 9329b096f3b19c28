package app.assets.base.ui.view;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import app.assets.base.ui.RouteRefused;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shown for an unknown address, and for a view the signed-in user may not open (Vaadin answers
 * those as "not found" in production so that hidden views stay hidden).
 */
@AnonymousAllowed
public class NotFoundView extends Div implements HasErrorParameter<NotFoundException> {

    private static final Logger log = LoggerFactory.getLogger(NotFoundView.class);

    private final ApplicationEventPublisher events;
    private final AuthenticationContext authentication;

    public NotFoundView(ApplicationEventPublisher events, AuthenticationContext authentication) {
        this.events = events;
        this.authentication = authentication;
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        log.info("Refused or unknown route /{}", event.getLocation().getPath());
        if (authentication.isAuthenticated()) {
            // In production Vaadin answers a refused view as "not found": audit it as a refusal too.
            events.publishEvent(new RouteRefused("/" + event.getLocation().getPathWithQueryParameters()));
        }
        addClassName("page");
        removeAll();
        var title = new H2(getTranslation("error.notFound.title"));
        title.setId("not-found");
        add(title, new Paragraph(getTranslation("error.notFound.text")), new RouterLink(getTranslation("nav.home"), HomeView.class));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
