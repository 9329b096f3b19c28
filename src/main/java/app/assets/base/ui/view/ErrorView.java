package app.assets.base.ui.view;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Any unexpected failure while opening a view: a plain apology in the user's language, never a stack trace. */
@AnonymousAllowed
public class ErrorView extends Div implements HasErrorParameter<Exception> {

    private static final Logger log = LoggerFactory.getLogger(ErrorView.class);

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        log.error("Failed to open /{}", event.getLocation().getPath(), parameter.getCaughtException());
        addClassName("page");
        removeAll();
        var title = new H2(getTranslation("error.unexpected.title"));
        title.setId("error-title");
        add(title, new Paragraph(getTranslation("error.unexpected")), new Anchor("./", getTranslation("nav.home")));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
