package app.assets.base.ui.component;

import app.assets.base.i18n.LanguageChosen;
import app.assets.base.i18n.Languages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.server.VaadinService;
import jakarta.servlet.http.Cookie;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** A button that switches between English and Persian, remembers the choice and reloads the page. */
public class LanguageSwitch extends Button {

    public LanguageSwitch(ApplicationEventPublisher events) {
        super(VaadinIcon.GLOBE.create());
        addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        setId("language-switch");
        addAttachListener(e -> {
            boolean persian = Languages.isRightToLeft(e.getUI().getLocale());
            setText(persian ? "English" : "فارسی");
            getElement().setAttribute("lang", persian ? "en" : "fa");
            getElement().setAttribute("aria-label", persian ? "Switch to English" : "تغییر زبان به فارسی");
        });
        addClickListener(e -> {
            var ui = UI.getCurrent();
            var next = Languages.isRightToLeft(ui.getLocale()) ? Languages.ENGLISH : Languages.PERSIAN;
            remember(next);
            var auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
                events.publishEvent(new LanguageChosen(auth.getName(), next));
            }
            ui.getPage().reload();
        });
    }

    /** Sets the language cookie on the current response; the next page load uses that language. */
    public static void remember(java.util.Locale locale) {
        var cookie = new Cookie(Languages.COOKIE, locale.getLanguage());
        cookie.setPath("/");
        cookie.setMaxAge(60 * 60 * 24 * 365);
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        VaadinService.getCurrentResponse().addCookie(cookie);
    }
}
