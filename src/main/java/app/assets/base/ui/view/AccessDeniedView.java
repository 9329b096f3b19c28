package app.assets.base.ui.view;

import app.assets.base.ui.RouteRefused;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A view the signed-in user may not open. Vaadin 25 reroutes such navigation to an
 * {@link AccessDeniedException} (in production mode too), whose default page is Vaadin's own,
 * untranslated; this answers it exactly like an unknown address so hidden views stay hidden, and
 * publishes the attempt for the audit log.
 */
@AnonymousAllowed
public class AccessDeniedView extends Div implements HasErrorParameter<AccessDeniedException> {

    private static final Logger log = LoggerFactory.getLogger(AccessDeniedView.class);

    private final ApplicationEventPublisher events;

    public AccessDeniedView(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        log.info("Refused route /{}", event.getLocation().getPath());
        events.publishEvent(new RouteRefused("/" + event.getLocation().getPathWithQueryParameters()));
        return NotFoundView.render(this);
    }
}
