package app.assets.base.ui;

import app.assets.base.error.UserInputException;
import app.assets.base.i18n.Languages;
import app.assets.base.ui.component.Toasts;
import com.vaadin.flow.component.Direction;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Sets up every UI: its language (the remembered choice in the language cookie, else the first
 * supported language the browser asks for, else English), right-to-left layout for Persian, and
 * one error handler that shows problems as clear messages in the user's language.
 */
@Component
class UiSetup implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(UiSetup.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource()
                .addSessionInitListener(e -> e.getSession().setErrorHandler(error -> handle(error.getThrowable())));
        event.getSource().addUIInitListener(e -> apply(e.getUI(), chooseLocale(VaadinRequest.getCurrent())));
    }

    static Locale chooseLocale(VaadinRequest request) {
        if (request == null) {
            return Languages.ENGLISH;
        }
        if (request instanceof HttpServletRequest http && http.getCookies() != null) {
            var chosen = Arrays.stream(http.getCookies())
                    .filter(c -> Languages.COOKIE.equals(c.getName()))
                    .map(Cookie::getValue)
                    .filter(Languages::isSupported)
                    .findFirst();
            if (chosen.isPresent()) {
                return Languages.of(chosen.get());
            }
        }
        var http = request instanceof HttpServletRequest h ? h : null;
        if (http != null) {
            for (Locale asked : Collections.list(http.getLocales())) {
                if (Languages.isSupported(asked.toLanguageTag())) {
                    return Languages.of(asked.toLanguageTag());
                }
            }
        }
        return Languages.ENGLISH;
    }

    /** Switches a UI to a language: locale, text direction and the page's lang attribute. */
    static void apply(UI ui, Locale locale) {
        ui.setLocale(locale);
        ui.setDirection(Languages.isRightToLeft(locale) ? Direction.RIGHT_TO_LEFT : Direction.LEFT_TO_RIGHT);
        ui.getElement().executeJs("document.documentElement.setAttribute('lang', $0)", locale.getLanguage());
    }

    private static void handle(Throwable error) {
        UI ui = UI.getCurrent();
        Throwable cause = error;
        while (cause != null && !(cause instanceof UserInputException) && !(cause instanceof AccessDeniedException)) {
            cause = cause.getCause();
        }
        String text;
        if (cause instanceof UserInputException input && ui != null) {
            text = ui.getTranslation(input.messageKey(), input.arguments());
        } else if (cause instanceof AccessDeniedException && ui != null) {
            text = ui.getTranslation("error.notAllowed");
        } else {
            log.error("Unexpected error in the UI", error);
            text = ui == null ? "Error" : ui.getTranslation("error.unexpected");
        }
        if (ui != null) {
            ui.access(() -> Toasts.error(text));
        }
    }
}
