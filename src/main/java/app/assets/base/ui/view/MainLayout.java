package app.assets.base.ui.view;

import app.assets.base.ui.component.LanguageSwitch;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The frame around every signed-in view: a side navigation listing only the views the user may
 * open (Vaadin filters menu entries by their access annotations), the language switch, the
 * signed-in user and sign-out.
 */
@Layout
@AnonymousAllowed
@NpmPackage(value = "vazirmatn", version = "33.0.3")
@CssImport("vazirmatn/Vazirmatn-font-face.css")
public class MainLayout extends AppLayout {

    public MainLayout(AuthenticationContext authentication, ApplicationEventPublisher events) {
        setPrimarySection(Section.DRAWER);
        var title = new Span(getTranslation("app.name"));
        title.addClassName("app-title");
        var brand = new HorizontalLayout(new Icon(VaadinIcon.CUBES), title);
        brand.setAlignItems(HorizontalLayout.Alignment.CENTER);
        brand.addClassName("app-brand");

        var nav = new SideNav();
        nav.setId("main-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            var item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        addToDrawer(brand, nav);

        var header = new HorizontalLayout();
        header.setWidthFull();
        header.setAlignItems(HorizontalLayout.Alignment.CENTER);
        header.addClassName("app-header");
        var spacer = new Span();
        header.add(new DrawerToggle(), spacer);
        header.setFlexGrow(1, spacer);
        header.add(new LanguageSwitch(events));
        authentication.getPrincipalName().ifPresent(name -> {
            var user = new Span(name);
            user.setId("signed-in-user");
            user.addClassName("signed-in-user");
            var signOut = new Button(
                    getTranslation("nav.signOut"), VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
            signOut.setId("sign-out");
            signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            header.add(user, signOut);
        });
        addToNavbar(header);
    }
}
