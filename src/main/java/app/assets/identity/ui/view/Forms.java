package app.assets.identity.ui.view;

import app.assets.base.error.UserInputException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Paragraph;
import java.util.Map;

/** Small helpers the identity forms share: show a service's refusal on the field it concerns. */
final class Forms {

    private Forms() {}

    /**
     * Shows the translated message on the field whose key prefix matches (email., password., ...),
     * or in the form-level message when none does.
     */
    static void showError(
            Component view, UserInputException e, Map<String, HasValidation> fieldsByPrefix, Paragraph formMessage) {
        String text = view.getTranslation(e.messageKey(), e.arguments());
        for (var entry : fieldsByPrefix.entrySet()) {
            if (e.messageKey().startsWith(entry.getKey())) {
                entry.getValue().setErrorMessage(text);
                entry.getValue().setInvalid(true);
                return;
            }
        }
        formMessage.setText(text);
        formMessage.setVisible(true);
    }

    static void clear(Map<String, HasValidation> fields, Paragraph formMessage) {
        fields.values().forEach(f -> f.setInvalid(false));
        formMessage.setVisible(false);
    }

    static Paragraph formMessage() {
        var message = new Paragraph();
        message.addClassName("form-error");
        message.getStyle().set("color", "var(--lumo-error-text-color)");
        message.setVisible(false);
        return message;
    }
}
