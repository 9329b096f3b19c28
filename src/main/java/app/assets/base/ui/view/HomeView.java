package app.assets.base.ui.view;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

/** The first page after sign-in: a greeting and the places this user can go. */
@Route("")
@PageTitle("Assets")
@Menu(order = 0, icon = "vaadin:home", title = "nav.home")
@PermitAll
public class HomeView extends VerticalLayout {

    public HomeView(AuthenticationContext authentication) {
        addClassName("page");
        var greeting = new H2(getTranslation("home.welcome", authentication.getPrincipalName().orElse("")));
        greeting.setId("home-greeting");
        add(greeting, new Paragraph(getTranslation("home.intro")));
        MenuConfiguration.getMenuEntries().stream().filter(e -> !e.path().isEmpty()).forEach(e -> {
            var link = new RouterLink();
            link.setRoute(e.menuClass());
            link.setText(getTranslation(e.title()));
            add(link);
        });
    }
}
