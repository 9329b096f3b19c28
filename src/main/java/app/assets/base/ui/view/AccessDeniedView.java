package app.assets.base.ui.view;

import app.assets.base.ui.RouteRefused;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Shown when a signed-in user opens a view their permissions do not allow. It reads like "not
 * found" so that hidden views stay hidden, and the attempt is published for the audit log.
 */
@AnonymousAllowed
public class AccessDeniedView extends Div implements HasErrorParameter<AccessDeniedException> {

    private final ApplicationEventPublisher events;

    public AccessDeniedView(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        events.publishEvent(new RouteRefused("/" + event.getLocation().getPathWithQueryParameters()));
        addClassName("page");
        removeAll();
        var title = new H2(getTranslation("error.notFound.title"));
        title.setId("not-found");
        add(title, new Paragraph(getTranslation("error.notFound.text")), new RouterLink(getTranslation("nav.home"), HomeView.class));
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
