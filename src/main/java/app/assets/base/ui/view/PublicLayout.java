package app.assets.base.ui.view;

import app.assets.base.ui.component.LanguageSwitch;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.context.ApplicationEventPublisher;

/** The frame for pages anyone may open (sign-in, sign-up, password reset): brand, language switch, a centred card. */
@AnonymousAllowed
@NpmPackage(value = "vazirmatn", version = "33.0.3")
@CssImport("vazirmatn/Vazirmatn-font-face.css")
public class PublicLayout extends Div implements RouterLayout {

    private final Div content = new Div();

    public PublicLayout(ApplicationEventPublisher events) {
        addClassName("public-layout");
        var title = new Span(getTranslation("app.name"));
        title.addClassName("app-title");
        var spacer = new Span();
        var header = new HorizontalLayout(new Icon(VaadinIcon.CUBES), title, spacer, new LanguageSwitch(events));
        header.setFlexGrow(1, spacer);
        header.setAlignItems(HorizontalLayout.Alignment.CENTER);
        header.addClassName("public-header");
        content.addClassName("public-card");
        add(header, content);
    }

    @Override
    public void showRouterLayoutContent(HasElement child) {
        content.removeAll();
        if (child != null) {
            content.getElement().appendChild(child.getElement());
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        content.removeAll();
    }

    protected Component content() {
        return content;
    }
}
