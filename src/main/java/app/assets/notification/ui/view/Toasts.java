package app.assets.notification.ui.view;

import app.assets.base.error.UserInputException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Short messages at the bottom of the notification views. */
final class Toasts {

    private Toasts() {
    }

    static void ok(Component view, String key, Object... args) {
        Notification.show(view.getTranslation(key, args), 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    static void error(Component view, UserInputException e) {
        Notification.show(view.getTranslation(e.messageKey(), e.arguments()), 5000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
