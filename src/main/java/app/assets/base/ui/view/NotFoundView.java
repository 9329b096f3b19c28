package app.assets.base.ui.view;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shown for an unknown address, and (through {@link AccessDeniedView}) for a view the signed-in
 * user may not open, so that hidden views stay hidden.
 */
@AnonymousAllowed
public class NotFoundView extends Div implements HasErrorParameter<NotFoundException> {

    private static final Logger log = LoggerFactory.getLogger(NotFoundView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        log.info("Unknown route /{}", event.getLocation().getPath());
        return render(this);
    }

    /** Fills a page with the "not found" text and answers the status to send with it. */
    static int render(Div page) {
        page.addClassName("page");
        page.removeAll();
        var title = new H2(page.getTranslation("error.notFound.title"));
        title.setId("not-found");
        page.add(
                title,
                new Paragraph(page.getTranslation("error.notFound.text")),
                new Anchor("./", page.getTranslation("nav.home")));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
