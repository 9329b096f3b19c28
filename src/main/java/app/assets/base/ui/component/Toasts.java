package app.assets.base.ui.component;

import app.assets.base.error.UserInputException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/**
 * The short messages every view shows after an action: one place, one position (top centre,
 * where a person looking at a form sees them) and one duration per kind.
 */
public final class Toasts {

    private Toasts() {}

    /** A done action, e.g. "Saved". */
    public static void success(String text) {
        Notification.show(text, 3000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** Something that happens next, without success or failure yet. */
    public static void info(String text) {
        Notification.show(text, 5000, Notification.Position.TOP_CENTER);
    }

    public static void error(String text) {
        Notification.show(text, 5000, Notification.Position.TOP_CENTER)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** A refused input, in the language of the view that refused it. */
    public static void error(Component view, UserInputException e) {
        error(view.getTranslation(e.messageKey(), e.arguments()));
    }
}
