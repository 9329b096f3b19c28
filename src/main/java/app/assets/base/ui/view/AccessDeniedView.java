package app.assets.base.ui.view;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A view the signed-in user may not open. Vaadin 25 reroutes such navigation to an
 * {@link AccessDeniedException} (in production mode too), whose default page is Vaadin's own,
 * untranslated; this answers it exactly like an unknown address so hidden views stay hidden.
 */
@AnonymousAllowed
public class AccessDeniedView extends Div implements HasErrorParameter<AccessDeniedException> {

    private static final Logger log = LoggerFactory.getLogger(AccessDeniedView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        log.info("Refused route /{}", event.getLocation().getPath());
        return NotFoundView.render(this);
    }
}
